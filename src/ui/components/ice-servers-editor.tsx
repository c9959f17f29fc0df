import type { IceRow } from '../account-form';
import { iceFieldKey } from '../account-form';
import type { AccountModel } from '../account-model';
import { FieldError, LockedNote } from './field';
import { t } from '../i18n';

/** STUN/TURN servers: one row each (address, user name, credential), rows added and removed. */
export function IceServersEditor({ model }: { model: AccountModel }) {
  const rows = model.form.value.iceServers;
  const errors = model.errors.value;
  const input = (index: number, part: keyof IceRow, label: string, placeholder: string) => {
    const id = iceFieldKey(index, part);
    const common = {
      id,
      'data-testid': id,
      value: rows[index]?.[part] ?? '',
      placeholder,
      autoComplete: 'off',
      spellcheck: false,
      'aria-invalid': errors[id] ? ('true' as const) : undefined,
      'aria-describedby': errors[id] ? `${id}-error` : undefined,
      onInput: (event: { currentTarget: HTMLInputElement }) => model.setIceServer(index, part, event.currentTarget.value),
    };
    return (
      <div class={`field${errors[id] ? ' invalid' : ''}`}>
        <label for={id}>{label}</label>
        {part === 'credential' ? <input type="password" {...common} /> : <input type="text" {...common} />}
        <FieldError id={id} error={errors[id]} />
      </div>
    );
  };
  return (
    <fieldset class="ice" disabled={model.locked.value.has('iceServers')} data-testid="ice-servers">
      <legend>{t('ice.title')}</legend>
      {model.locked.value.has('iceServers') && <LockedNote id="ice-servers" />}
      <p class="hint">{t('ice.hint')}</p>
      {rows.length === 0 && <p class="muted">{t('ice.none')}</p>}
      <ol class="ice-rows">
        {rows.map((_, index) => (
          <li key={index} class="ice-row" data-testid={`ice-${index}`}>
            {input(index, 'urls', t('ice.address'), 'turn:turn.example.com:3478')}
            {input(index, 'username', t('ice.username'), t('account.authUser.placeholder'))}
            {input(index, 'credential', t('ice.credential'), t('account.authUser.placeholder'))}
            <button
              type="button"
              class="link"
              data-testid={`ice-${index}-remove`}
              aria-label={t('ice.removeN', { n: index + 1 })}
              onClick={() => model.removeIceServer(index)}
            >
              {t('common.remove')}
            </button>
          </li>
        ))}
      </ol>
      <FieldError id="ice-servers" error={errors['ice-servers']} />
      <button type="button" data-testid="ice-add" disabled={rows.length >= 8} onClick={() => model.addIceServer()}>
        {t('ice.add')}
      </button>
    </fieldset>
  );
}
