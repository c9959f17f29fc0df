import { useState } from 'preact/hooks';
import { PAGE_ACCESS_WORDS as W, type PageAccessModel } from '../page-access-model';

/** Asks whether `origin` (matched by the allowed entry `pattern`) may use the page API. */
export function ConsentApp({ model, origin, pattern, onDone }: { model: PageAccessModel; origin: string; pattern: string; onDone(): void }) {
  const [answer, setAnswer] = useState<'allowed' | 'denied' | null>(null);
  const listed = model.access.value.origins.some((r) => r.pattern === pattern);
  const decide = async (consent: boolean) => {
    await model.update(pattern, { consent });
    setAnswer(consent ? 'allowed' : 'denied');
    onDone();
  };
  return (
    <main class="options consent" data-testid="consent">
      <h1>{W.askTitle}</h1>
      <p>
        <strong data-testid="consent-origin">{origin}</strong>
        {pattern !== origin && <span class="muted"> ({pattern})</span>}
      </p>
      <p>{W.askBody}</p>
      {answer === null ? (
        <div class="actions">
          <button type="button" data-testid="consent-allow" disabled={!listed} onClick={() => void decide(true)}>
            {W.allow}
          </button>
          <button type="button" data-testid="consent-deny" disabled={!listed} onClick={() => void decide(false)}>
            {W.deny}
          </button>
        </div>
      ) : (
        <p role="status">{answer === 'allowed' ? W.allowed : W.denied}</p>
      )}
      {!listed && <p class="muted">{W.notListed}</p>}
    </main>
  );
}
