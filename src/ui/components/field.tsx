import type { ComponentChildren } from 'preact';
import { t } from '../i18n';

/** Says a setting is the administrator's (Chrome policy): its field is disabled and the service worker refuses changes. */
export function LockedNote({ id }: { id: string }) {
  return (
    <p class="hint locked-note" id={`${id}-locked`} data-testid={`${id}-locked`}>
      {t('managed.lockedNote')}
    </p>
  );
}

interface TextFieldProps {
  /** Element id, test id and error key, e.g. "ws-url" (its error is "field-error-ws-url"). */
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  hint?: ComponentChildren;
  type?: 'text' | 'password';
  placeholder?: string;
  autoComplete?: string;
  required?: boolean;
  /** Set by the administrator: disabled, with a note saying so. */
  locked?: boolean;
}

/** A labelled text input with its hint and error tied to it for screen readers. */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onInput, error, hint, type = 'text', placeholder, autoComplete = 'off', required, locked } = props;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', locked ? `${id}-locked` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    'data-testid': id,
    value,
    placeholder,
    autoComplete,
    spellcheck: false,
    disabled: locked,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': described || undefined,
    onInput: (event: { currentTarget: HTMLInputElement }) => onInput(event.currentTarget.value),
  };
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>
        {label}
        {required && <span class="required"> {t('common.required')}</span>}
      </label>
      {type === 'password' ? <input type="password" {...common} /> : <input type="text" {...common} />}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {locked && <LockedNote id={id} />}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string | null | undefined }) {
  if (!error) return null;
  return (
    <p class="field-error" id={`${id}-error`} data-testid={`field-error-${id}`} role="alert">
      {error}
    </p>
  );
}

export function Checkbox(props: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (value: boolean) => void;
  hint?: string;
  locked?: boolean;
  error?: string | undefined;
}) {
  return (
    <div class="field check">
      <input
        id={props.id}
        data-testid={props.id}
        type="checkbox"
        checked={props.checked}
        disabled={props.locked}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.locked && <LockedNote id={props.id} />}
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}

/** A labelled choice among fixed values; `id` is the element id, test id and error key. */
export function SelectField<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  choices: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
  error?: string | undefined;
  locked?: boolean;
}) {
  const { id, choices } = props;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        data-testid={id}
        value={props.value}
        disabled={props.locked}
        onChange={(event) => {
          const picked = choices.find((c) => c.value === event.currentTarget.value);
          if (picked) props.onChange(picked.value);
        }}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {props.locked && <LockedNote id={id} />}
      <FieldError id={id} error={props.error} />
    </div>
  );
}
