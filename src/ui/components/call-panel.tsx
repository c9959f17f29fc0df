import type { CallView } from '../popup-model';

interface Props {
  call: CallView;
  onAnswer: () => void;
  onDecline: () => void;
}

/** The current call: who, its state in words, the live duration and Answer / Decline when offered. */
export function CallPanel({ call, onAnswer, onDecline }: Props) {
  return (
    <section class={`call call-${call.state}`} aria-labelledby="call-title">
      <h2 id="call-title" class="sr-only">
        Current call
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
      {call.offersAnswer && (
        <div class="row">
          <button type="button" class="primary answer" data-testid="answer-button" disabled={!call.canAnswer} onClick={onAnswer}>
            Answer
          </button>
          <button type="button" class="danger" data-testid="decline-button" disabled={!call.canDecline} onClick={onDecline}>
            Decline
          </button>
        </div>
      )}
    </section>
  );
}
