import type { AgentModel } from '../agent-model';
import { reasonWords, t } from '../i18n';

/** The agent status header: state in words and colour, time in state, and Ready / Not ready / End wrap-up. */
export function AgentStatus({ model }: { model: AgentModel }) {
  const view = model.view.value;
  if (!view) return null;
  const error = model.error.value;
  return (
    <section class={`agent agent-${view.tone}`} aria-label={t('agent.status')} data-testid="agent-status">
      <p class="agent-line" aria-live="polite">
        <span class="dot" aria-hidden="true" />
        <strong data-testid="agent-state" data-state={view.state} data-busy={String(view.busy)}>
          {view.words}
        </strong>
        <span class="agent-time" data-testid="agent-time" title={t('agent.timeInState')}>
          {view.timeInState}
        </span>
      </p>
      {view.wrapUpLeft && (
        <p class="agent-wrap" data-testid="agent-wrap-up-left">
          {t('agent.wrapUpEnds', { left: view.wrapUpLeft })}
        </p>
      )}
      <div class="agent-actions">
        <button type="button" data-testid="agent-ready-button" disabled={!view.canReady} onClick={() => model.ready()}>
          {t('agent.readyButton')}
        </button>
        <label class="sr-only" for="agent-reason">
          {t('agent.reasonLabel')}
        </label>
        <select
          id="agent-reason"
          data-testid="agent-reason"
          value={model.reason.value}
          disabled={!view.canNotReady}
          onChange={(event) => model.setReason(event.currentTarget.value)}
        >
          {view.reasons.map((r) => (
            <option key={r} value={r}>
              {reasonWords(r)}
            </option>
          ))}
        </select>
        <button type="button" data-testid="agent-not-ready-button" disabled={!view.canNotReady} onClick={() => model.notReady()}>
          {t('agent.notReadyButton')}
        </button>
        {(view.state === 'afterCall' || view.state === 'afterCallNotReady') && (
          <button type="button" data-testid="agent-end-wrap-up-button" disabled={!view.canEndWrapUp} onClick={() => model.endWrapUp()}>
            {t('agent.endWrapUp')}
          </button>
        )}
      </div>
      {error && (
        <p class="error" data-testid="agent-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
