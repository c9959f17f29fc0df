import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

interface Props {
  callId: string;
  canTransfer: boolean;
  canConsult: boolean;
  onTransfer: (target: string) => Promise<boolean>;
  onConsult: (target: string) => Promise<boolean>;
  onClose: () => void;
}

/**
 * The small transfer dialog of a call card: a target field (a number or SIP address in any
 * format; the engine normalises it as it does a dialled number), Blind transfer (also Enter),
 * Consult, and Cancel (also Escape). It closes when the engine took the request.
 */
export function TransferDialog({ callId, canTransfer, canConsult, onTransfer, onConsult, onClose }: Props) {
  const [target, setTarget] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const inputId = `transfer-target-${callId}`;
  const titleId = `transfer-title-${callId}`;
  const empty = target.trim() === '';
  const go = async (action: (target: string) => Promise<boolean>) => {
    if (await action(target)) onClose();
  };
  return (
    <div class="transfer-dialog" role="dialog" aria-labelledby={titleId} data-testid="transfer-dialog">
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (canTransfer && !empty) void go(onTransfer);
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
    >
      <h3 id={titleId} class="transfer-title">
        {t('transfer.title')}
      </h3>
      <label for={inputId}>{t('transfer.target')}</label>
      <input
        id={inputId}
        ref={input}
        data-testid="transfer-target"
        type="text"
        inputMode="tel"
        autoComplete="off"
        placeholder={t('transfer.placeholder')}
        value={target}
        onInput={(event) => setTarget(event.currentTarget.value)}
      />
      <div class="row">
        <button type="submit" class="primary" data-testid="blind-transfer-button" disabled={!canTransfer || empty}>
          {t('transfer.blind')}
        </button>
        <button type="button" data-testid="consult-button" disabled={!canConsult || empty} onClick={() => void go(onConsult)}>
          {t('transfer.consult')}
        </button>
        <button type="button" data-testid="transfer-cancel-button" onClick={onClose}>
          {t('transfer.cancel')}
        </button>
      </div>
    </form>
    </div>
  );
}
