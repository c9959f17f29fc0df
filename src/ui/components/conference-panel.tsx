import type { PlainCallCommand } from '../../contract/protocol';
import type { ConferenceView } from '../conference-view';
import type { CallView } from '../popup-model';
import { t } from '../i18n';

interface Props {
  conference: ConferenceView<CallView>;
  onCommand: (callId: string, command: PlainCallCommand) => void;
  onHangupAll: () => void;
}

/**
 * The three-way call: one row per party (name, state, duration, its own Hang up), the agent's
 * Mute / Unmute for the mix, and Hang up all. Every button is enabled by the snapshot's `allowed`.
 */
export function ConferencePanel({ conference, onCommand, onHangupAll }: Props) {
  const { parties, muted, muteTarget } = conference;
  const toggleMute = () => {
    if (muteTarget) onCommand(muteTarget, muted ? 'UNMUTE' : 'MUTE');
  };
  return (
    <section class="call conference" aria-labelledby="conference-title" data-testid="conference">
      <h2 id="conference-title" class="conference-title">
        {t('conference.title', { count: parties.length + 1 })}
      </h2>
      <ul class="parties">
        {parties.map((party) => (
          <li
            key={party.id}
            class="party"
            data-testid="conference-party"
            data-call-id={party.id}
            data-remote={party.remoteNumber || party.remoteName}
            data-state={party.state}
          >
            <p class="call-remote">
              <strong>{party.remoteName}</strong>
              {party.remoteNumber && <span class="call-number">{party.remoteNumber}</span>}
            </p>
            <p class="call-line">
              <span class="call-state" data-testid="party-state" aria-live="polite">
                {party.stateWords}
              </span>
              {party.duration !== null && <span class="call-duration">{party.duration}</span>}
            </p>
            <button
              type="button"
              class="danger"
              data-testid="party-hangup-button"
              aria-label={t('conference.hangUpParty', { name: party.remoteName })}
              disabled={!party.canHangup}
              onClick={() => onCommand(party.id, 'HANGUP')}
            >
              {t('card.hangUp')}
            </button>
          </li>
        ))}
      </ul>
      {muted && (
        <p class="call-regions" data-testid="conference-muted" aria-live="polite">
          {t('conference.muted')}
        </p>
      )}
      <div class="row">
        <button
          type="button"
          data-testid={muted ? 'conference-unmute-button' : 'conference-mute-button'}
          aria-pressed={muted}
          disabled={muted ? !conference.canUnmute : !conference.canMute}
          onClick={toggleMute}
        >
          {muted ? t('card.unmute') : t('card.mute')}
        </button>
        <button type="button" class="danger" data-testid="hangup-all-button" disabled={!conference.canHangupAll} onClick={onHangupAll}>
          {t('conference.hangUpAll')}
        </button>
      </div>
    </section>
  );
}
