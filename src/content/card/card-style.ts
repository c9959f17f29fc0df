/** Styles of the hover card; they live in its closed shadow root, so nothing leaks either way. */
export const CARD_CSS = `
:host { all: initial !important; position: fixed !important; inset: 0 auto auto 0 !important;
  width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: block !important;
  contain: layout style !important; }
.card { position: fixed; box-sizing: border-box; min-width: 220px; max-width: 320px; padding: 10px 12px;
  background: #fff; color: #1b1f24; border: 1px solid #c8ccd2; border-radius: 8px;
  box-shadow: 0 4px 18px rgba(0,0,0,.18); font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  text-align: left; direction: ltr; }
.card[hidden] { display: none; }
.number { font-size: 15px; font-weight: 600; letter-spacing: .01em; }
.country { color: #57606a; font-size: 12px; min-height: 1em; }
.actions { display: flex; gap: 8px; margin-top: 8px; }
button { all: unset; box-sizing: border-box; cursor: pointer; padding: 5px 12px; border-radius: 6px;
  font: 600 13px/1.3 system-ui, sans-serif; border: 1px solid #c8ccd2; color: #1b1f24; background: #f6f8fa; }
button.call { background: #1f883d; border-color: #1a7f37; color: #fff; }
button:hover { filter: brightness(.95); }
button:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
button:disabled { opacity: .6; cursor: default; }
.status { margin-top: 6px; font-size: 12px; color: #57606a; }
.status:empty { display: none; }
.status.error { color: #cf222e; }
.status.ok { color: #1a7f37; }
.notice { position: fixed; box-sizing: border-box; width: max-content; max-width: 360px; padding: 2px 8px; pointer-events: none;
  background: #fff; color: #57606a; border: 1px solid #c8ccd2; border-radius: 6px;
  box-shadow: 0 2px 8px rgba(0,0,0,.15); font: 12px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  text-align: left; direction: ltr; }
.notice[hidden] { display: none; }
.notice.error { color: #cf222e; }
.notice.ok { color: #1a7f37; }
@media (prefers-color-scheme: dark) {
  .card, .notice { background: #22272e; color: #e6edf3; border-color: #444c56; }
  .country, .status, .notice.info { color: #9da7b3; }
  button { background: #2d333b; color: #e6edf3; border-color: #444c56; }
}
`;
