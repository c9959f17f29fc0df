import type { BusinessRow } from './business-text';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The <tr> rows of the generated CRM table, shared by the page-scan benchmark and its profiler. */
export function crmRowsHtml(rows: readonly BusinessRow[]): string {
  return rows
    .map(
      (r) =>
        `<tr><td>${esc(r.name)}</td><td>${esc(r.company)}</td><td>${esc(r.email)}</td><td>${esc(r.address)}</td>` +
        `<td>${esc(r.phone.display)}</td><td>${esc(r.phone2?.display ?? '')}</td><td>${esc(r.date)}</td>` +
        `<td>${esc(r.orderId)}</td><td>${esc(r.price)}</td></tr>`,
    )
    .join('\n');
}
