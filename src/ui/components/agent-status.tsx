import type { AgentModel } from '../agent-model';

/** The agent status header: state in words and colour, time in state, and Ready / Not ready / End wrap-up. */
export function AgentStatus({ model }: { model: AgentModel }) {
  const view = model.view.value;
  if (!view) return null;
  const error = model.error.value;
  return (
    <section class={`agent agent-${view.tone}`} aria-label="Agent status" data-testid="agent-status">
      <p class="agent-line" aria-live="polite">
        <span class="dot" aria-hidden="true" />
        <strong data-testid="agent-state" data-state={view.state} data-busy={String(view.busy)}>
          {view.words}
        </strong>
        <span class="agent-time" data-testid="agent-time" title="Time in this state">
          {view.timeInState}
        </span>
      </p>
      {view.wrapUpLeft && (
        <p class="agent-wrap" data-testid="agent-wrap-up-left">
          Wrap-up ends by itself: {view.wrapUpLeft}
        </p>
      )}
      <div class="agent-actions">
        <button type="button" data-testid="agent-ready-button" disabled={!view.canReady} onClick={() => model.ready()}>
          Ready
        </button>
        <label class="sr-only" for="agent-reason">
          Not ready reason
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
              {r}
            </option>
          ))}
        </select>
        <button type="button" data-testid="agent-not-ready-button" disabled={!view.canNotReady} onClick={() => model.notReady()}>
          Not ready
        </button>
        {(view.state === 'afterCall' || view.state === 'afterCallNotReady') && (
          <button type="button" data-testid="agent-end-wrap-up-button" disabled={!view.canEndWrapUp} onClick={() => model.endWrapUp()}>
            End wrap-up
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
