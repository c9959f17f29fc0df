import { useRef, useState } from 'preact/hooks';
import type { PlainCallCommand } from '../../contract/protocol';
import type { CallView } from '../popup-model';
import { TransferDialog } from './transfer-dialog';
import { t } from '../i18n';

interface Props {
  call: CallView;
  /** A button of this card: the command is for this call. */
  onCommand: (command: PlainCallCommand) => void;
  onDigits?: (digits: string) => void;
  /** The transfer dialog's Blind transfer and Consult; true when the engine took it. */
  onTransfer?: (target: string) => Promise<boolean>;
  onConsult?: (target: string) => Promise<boolean>;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
const DIGIT_KEY = /^[0-9*#]$/;

/**
 * One call's card: who, its state in words, the live duration, Answer / Decline when offered,
 * and once connected Hold / Resume, Mute / Unmute, Swap and Merge (with a second call), Hang up and a
 * keypad, each enabled by this call's own `allowed`. While the card has focus, digit keys send DTMF.
 * Transfer opens the transfer dialog; the two cards of a consult offer Transfer (attended),
 * Cancel consult and Swap.
 */
export function CallPanel({ call, onCommand, onDigits, onTransfer, onConsult }: Props) {
  const onAnswer = () => onCommand('ANSWER');
  const onDecline = () => onCommand('DECLINE');
  const onHold = () => onCommand('HOLD');
  const onResume = () => onCommand('RESUME');
  const onMute = () => onCommand('MUTE');
  const onUnmute = () => onCommand('UNMUTE');
  const titleId = `call-title-${call.id}`;
  const keypadId = `call-keypad-${call.id}`;
  const [keypadOpen, setKeypadOpen] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  const transferButton = useRef<HTMLButtonElement>(null);
  const closeTransfer = () => {
    setTransferOpen(false);
    transferButton.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // Typing in a field (none is inside the card today) never turns into tones.
    if ((event.target as Element | null)?.tagName === 'INPUT' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (!DIGIT_KEY.test(event.key) || !call.canSendDigits) return;
    event.preventDefault();
    onDigits?.(event.key);
  };
  return (
    <section
      class={`call call-${call.state}`}
      aria-labelledby={titleId}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the card takes focus so digit keys send DTMF
      tabIndex={0}
      data-testid="call-card"
      data-call-id={call.id}
      data-remote={call.remoteNumber || call.remoteName}
      data-state={call.state}
      onKeyDown={onKeyDown}
    >
      <h2 id={titleId} class="sr-only">
        {t('card.callWith', { name: call.remoteName })}
      </h2>
      <p class="call-remote" data-testid="call-remote">
        <strong>{call.remoteName}</strong>
        {call.remoteNumber && <span class="call-number">{call.remoteNumber}</span>}
      </p>
      <p class="call-line">
        <span class="call-state" data-testid="call-state" data-state={call.state} aria-live="polite">
          {call.stateWords}
        </span>
        {call.duration !== null && (
          <span class="call-duration" data-testid="call-duration">
            {call.duration}
          </span>
        )}
      </p>
      {call.consultWords && (
        <p class="call-consult" data-testid="call-consult">
          {call.consultWords}
        </p>
      )}
      {call.transferWords && (
        <p class="call-transfer" data-testid="call-transfer" aria-live="polite">
          {call.transferWords}
        </p>
      )}
      {call.lostWords && (
        <p class="call-lost" data-testid="call-lost" role="status">
          {call.lostWords}
        </p>
      )}
      {call.regionWords.length > 0 && (
        <p class="call-regions" data-testid="call-regions" aria-live="polite">
          {call.regionWords.join(' · ')}
        </p>
      )}
      {call.autoAnswer !== null && (
        <p class="call-auto-answer" data-testid="auto-answer" aria-live="polite">
          {call.autoAnswer}
        </p>
      )}
      {call.offersAnswer && (
        <div class="row">
          <button type="button" class="primary answer" data-testid="answer-button" disabled={!call.canAnswer} onClick={onAnswer}>
            {t('card.answer')}
          </button>
          <button type="button" class="danger" data-testid="decline-button" disabled={!call.canDecline} onClick={onDecline}>
            {t('card.decline')}
          </button>
        </div>
      )}
      {call.offersCallControls && (
        <div class="row">
          {call.onHold ? (
            <button type="button" data-testid="resume-button" disabled={!call.canResume} onClick={onResume}>
              {t('card.resume')}
            </button>
          ) : (
            <button type="button" data-testid="hold-button" disabled={!call.canHold} onClick={onHold}>
              {t('card.hold')}
            </button>
          )}
          {call.muted ? (
            <button type="button" data-testid="unmute-button" aria-pressed="true" disabled={!call.canUnmute} onClick={onUnmute}>
              {t('card.unmute')}
            </button>
          ) : (
            <button type="button" data-testid="mute-button" aria-pressed="false" disabled={!call.canMute} onClick={onMute}>
              {t('card.mute')}
            </button>
          )}
          <button
            type="button"
            data-testid="keypad-button"
            aria-expanded={keypadOpen}
            aria-controls={keypadId}
            disabled={!call.canSendDigits}
            onClick={() => setKeypadOpen(!keypadOpen)}
          >
            {t('card.keypad')}
          </button>
          {call.offersTransfer && (
            <button
              type="button"
              ref={transferButton}
              data-testid="transfer-button"
              aria-expanded={transferOpen}
              disabled={!call.canTransfer && !call.canConsult}
              onClick={() => setTransferOpen(!transferOpen)}
            >
              {t('card.transfer')}
            </button>
          )}
          {call.offersSwap && (
            <button type="button" data-testid="swap-button" disabled={!call.canSwap} onClick={() => onCommand('SWAP')}>
              {t('card.swap')}
            </button>
          )}
          {call.offersSwap && (
            <button type="button" data-testid="merge-button" disabled={!call.canMerge} onClick={() => onCommand('MERGE')}>
              {t('card.merge')}
            </button>
          )}
          {call.offersSwap && (
            <button type="button" class="danger" data-testid="card-hangup-button" disabled={!call.canHangup} onClick={() => onCommand('HANGUP')}>
              {t('card.hangUp')}
            </button>
          )}
        </div>
      )}
      {call.inConsult && (
        <div class="row">
          <button
            type="button"
            class="primary"
            data-testid="complete-transfer-button"
            disabled={!call.canCompleteTransfer}
            onClick={() => onCommand('COMPLETE_TRANSFER')}
          >
            {t('card.completeTransfer')}
          </button>
          <button type="button" data-testid="cancel-consult-button" disabled={!call.canCancelConsult} onClick={() => onCommand('CANCEL_CONSULT')}>
            {t('card.cancelConsult')}
          </button>
        </div>
      )}
      {call.offersTransfer && transferOpen && onTransfer && onConsult && (
        <TransferDialog
          callId={call.id}
          canTransfer={call.canTransfer}
          canConsult={call.canConsult}
          onTransfer={onTransfer}
          onConsult={onConsult}
          onClose={closeTransfer}
        />
      )}
      {call.offersCallControls && keypadOpen && (
        <fieldset class="keypad" id={keypadId} data-testid="keypad">
          <legend class="sr-only">{t('card.keypad')}</legend>
          {KEYS.map((key) => (
            <button type="button" key={key} data-testid={`key-${key}`} disabled={!call.canSendDigits} onClick={() => onDigits?.(key)}>
              {key}
            </button>
          ))}
        </fieldset>
      )}
      {(call.digitsSent !== '' || call.digitsPending !== '') && (
        <p class="call-digits" data-testid="call-digits">
          {t('card.digitsSent')} <span data-testid="digits-sent">{call.digitsSent}</span>
          {call.digitsPending !== '' && <span class="muted"> {t('card.digitsPending', { digits: call.digitsPending })}</span>}
        </p>
      )}
    </section>
  );
}
