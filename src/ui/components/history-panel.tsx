import { useEffect, useState } from 'preact/hooks';
import type { HistoryModel } from '../history-model';
import { t } from '../i18n';

/** Saves text as a file download from an extension page (no downloads permission needed). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The call history: search, a row per call with Redial, Export CSV and Clear. */
export function HistoryPanel({ model, onRedialed }: { model: HistoryModel; onRedialed?: () => void }) {
  useEffect(() => {
    void model.load();
  }, [model]);
  const rows = model.rows.value;
  const total = model.total.value;
  const exportCsv = async () => {
    const file = await model.exportCsv();
    if (file) download(file.fileName, file.csv);
  };
  // Clearing takes a second click on the same button: nothing is lost to one slip.
  const [confirming, setConfirming] = useState(false);
  const clear = () => {
    if (!confirming) return setConfirming(true);
    setConfirming(false);
    void model.clear();
  };
  return (
    <section class="history" data-testid="history-panel" aria-label={t('history.title')}>
      <label for="history-search" class="sr-only">
        {t('history.searchLabel')}
      </label>
      <input
        id="history-search"
        data-testid="history-search"
        type="search"
        placeholder={t('history.searchPlaceholder')}
        value={model.query.value}
        onInput={(event) => void model.setQuery(event.currentTarget.value)}
      />
      {model.error.value && (
        <p class="error" data-testid="history-error" role="alert">
          {model.error.value}
        </p>
      )}
      {rows.length === 0 && !model.loading.value && (
        <p class="muted" data-testid="history-empty">
          {model.query.value.trim() === '' ? t('history.empty') : t('history.noMatch')}
        </p>
      )}
      <ul class="history-list">
        {rows.map((row) => (
          <li key={row.id} class="history-row" data-testid="history-entry" data-outcome={row.outcome}>
            <div class="history-main">
              <span class="history-who" data-testid="history-who">
                {row.who}
              </span>
              {row.number && (
                <span class="muted" data-testid="history-number">
                  {row.number}
                </span>
              )}
              <span class="muted">
                {row.when} · {row.direction} ·{' '}
                <span class={`outcome-${row.outcome}`} data-testid="history-outcome" title={row.endCause}>
                  {row.outcomeWords}
                </span>{' '}
                · <span data-testid="history-duration">{row.duration}</span>
              </span>
            </div>
            <button
              type="button"
              data-testid="history-redial"
              aria-label={t('history.redialLabel', { who: row.who })}
              onClick={async () => {
                if (await model.redial(row.id)) onRedialed?.();
              }}
            >
              {t('history.redial')}
            </button>
          </li>
        ))}
      </ul>
      {total > rows.length && <p class="muted">{t('history.showing', { shown: rows.length, total })}</p>}
      <div class="row">
        <button type="button" data-testid="history-export" disabled={total === 0} onClick={exportCsv}>
          {t('history.export')}
        </button>
        <button type="button" class="danger" data-testid="history-clear" disabled={total === 0} onClick={clear}>
          {confirming ? t('history.confirmClear') : t('history.clear')}
        </button>
      </div>
    </section>
  );
}
