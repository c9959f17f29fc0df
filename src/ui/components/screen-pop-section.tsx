import type { ScreenPopModel } from '../screen-pop-model';

/** An https: address opened in a new tab for each inbound call (a CRM search, say). */
export function ScreenPopSection({ model }: { model: ScreenPopModel }) {
  return (
    <section aria-labelledby="screen-pop-title">
      <h2 id="screen-pop-title">Screen pop</h2>
      <p class="hint">
        Opens this https:// address in a new tab once per inbound call. Placeholders: {'{number}'}, {'{e164}'}, {'{name}'}, {'{callId}'} and any
        X- header of the call, such as {'{X-Ticket}'}. Leave empty for none.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void model.save();
        }}
      >
        <label class="field" for="screen-pop-template">
          <span>Address</span>
          <input
            id="screen-pop-template"
            data-testid="screen-pop-template"
            type="url"
            placeholder="https://crm.example.com/search?phone={number}"
            value={model.draft.value}
            onInput={(e) => model.setDraft(e.currentTarget.value)}
          />
        </label>
        <label class="field" for="screen-pop-when">
          <span>Open it</span>
          <select id="screen-pop-when" data-testid="screen-pop-when" value={model.when.value} onChange={(e) => model.setWhen(e.currentTarget.value === 'answer' ? 'answer' : 'ringing')}>
            <option value="ringing">when the call rings</option>
            <option value="answer">when I answer</option>
          </select>
        </label>
        <div class="actions">
          <button type="submit" data-testid="screen-pop-save">
            Save screen pop
          </button>
        </div>
      </form>
      {model.error.value && (
        <p class="result tone-bad" role="alert" data-testid="screen-pop-error">
          {model.error.value}
        </p>
      )}
      {model.status.value === 'saved' && <p class="result tone-ok">Saved.</p>}
    </section>
  );
}
