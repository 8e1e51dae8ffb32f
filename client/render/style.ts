/** The default look, injected once per page: system font, padded widgets, readable notices. */
const CSS = `
.aperture-root { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; }
.aperture-root *, .aperture-root *::before, .aperture-root *::after { box-sizing: border-box; }
.aperture-root [hidden] { display: none !important; }
.aperture-content { display: flex; flex-direction: column; gap: 8px; }
.aperture-root:is([data-sync-status="expired"], [data-sync-status="error"]) .aperture-content {
  opacity: 0.55; pointer-events: none; }
.aperture-notice, .aperture-error, .aperture-info { display: flex; align-items: center; gap: 12px; margin: 0 0 8px;
  padding: 8px 12px; border-radius: 6px; border: 1px solid #d4a72c; background: #fff8c5; }
.aperture-notice[data-final], .aperture-error { border-color: #cf222e; background: #ffebe9; }
.aperture-error > span, .aperture-info > span { flex: 1; white-space: pre-wrap; }
.aperture-info { border-color: #54aeff; background: #ddf4ff; }
.aperture-load-error { color: #82071e; background: #ffebe9; border: 1px solid #ff8182; padding: 12px; white-space: pre-wrap; }
.aperture-dismiss { border: none; background: none; font-size: 18px; line-height: 1; cursor: pointer; color: inherit; }
.aperture-widget { display: flex; flex-direction: column; padding: 6px 8px; min-width: 220px; }
.aperture-widget label { display: flex; flex-direction: column; gap: 4px; }
.aperture-title { font-weight: 500; }
.aperture-slider-header { display: grid !important; grid-template-columns: 1fr auto; gap: 4px 8px; }
.aperture-slider-header > input { grid-column: 1 / -1; }
.aperture-readout { font-weight: 600; font-variant-numeric: tabular-nums; }
.aperture-range { width: 100%; margin: 4px 0; accent-color: #2563eb; }
.aperture-range:focus-visible { outline: 2px solid #93c5fd; outline-offset: 2px; border-radius: 4px; }
.aperture-range-pair { position: relative; height: 24px; }
.aperture-range-pair::before { content: ""; position: absolute; left: 8px; right: 8px; top: 10px; height: 4px;
  border-radius: 2px; background: linear-gradient(to right, #d0d7de var(--low, 0%), #2563eb var(--low, 0%),
  #2563eb var(--high, 100%), #d0d7de var(--high, 100%)); }
.aperture-range-pair > .aperture-range { position: absolute; inset: 0; margin: 0; height: 24px;
  background: none; pointer-events: none; -webkit-appearance: none; appearance: none; }
.aperture-range-pair > .aperture-range::-webkit-slider-thumb { -webkit-appearance: none; pointer-events: auto;
  width: 16px; height: 16px; border-radius: 50%; background: #2563eb; border: 2px solid #fff; cursor: pointer; }
.aperture-range-pair > .aperture-range::-moz-range-thumb { pointer-events: auto; width: 14px; height: 14px;
  border-radius: 50%; background: #2563eb; border: 2px solid #fff; cursor: pointer; }
.aperture-range-pair > .aperture-range:focus-visible { outline: none; }
.aperture-range-pair > .aperture-range:focus-visible::-webkit-slider-thumb { box-shadow: 0 0 0 3px #93c5fd; }
.aperture-root select, .aperture-root input[type=text] { font: inherit; padding: 5px 8px;
  border: 1px solid #d0d7de; border-radius: 6px; background: #fff; }
.aperture-checkbox label { flex-direction: row; align-items: center; gap: 6px; }
.aperture-button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid #d0d7de;
  background: #f6f8fa; color: #1f2328; cursor: pointer; align-self: flex-start; margin: 6px 8px; }
.aperture-button:hover:not(:disabled) { filter: brightness(0.95); }
.aperture-button:disabled { opacity: 0.5; cursor: default; }
.aperture-button[aria-pressed="true"] { box-shadow: inset 0 2px 4px rgb(0 0 0 / 0.3); filter: brightness(0.9); }
.aperture-button-primary { background: #2563eb; border-color: #2563eb; color: #fff; }
.aperture-button-success { background: #1a7f37; border-color: #1a7f37; color: #fff; }
.aperture-button-warning { background: #bf8700; border-color: #bf8700; color: #fff; }
.aperture-button-danger { background: #cf222e; border-color: #cf222e; color: #fff; }
.aperture-figure { min-width: 0; }
.aperture-row { flex-wrap: wrap; }
[data-aperture-fill~="width"] { width: 100%; }
.aperture-row > [data-aperture-fill~="width"] { width: auto; flex: 1 1 var(--aperture-basis, 0px);
  min-width: min(100%, var(--aperture-basis, 0px)); }
[data-aperture-fill~="height"] { height: 100%; }
.aperture-column > [data-aperture-fill~="height"] { flex-grow: 1; }
.aperture-row > [data-aperture-fill~="height"] { align-self: stretch; height: var(--aperture-line-height, auto); }
.aperture-figure[data-toolbar-location="left"] .modebar { left: 2px !important; right: auto !important; }
.aperture-figure[data-toolbar-location="below"] .modebar { top: auto !important; bottom: 2px !important; }
.aperture-div { padding: 0 8px; }
.aperture-grid { display: grid; align-items: start; max-width: 100%; }
.aperture-tabs { display: flex; flex-direction: column; min-width: 0; }
.aperture-tab-bar { display: flex; gap: 2px; border-bottom: 1px solid #d0d7de; margin-bottom: 8px; }
.aperture-tab { font: inherit; padding: 6px 14px; border: 1px solid transparent; border-bottom: none;
  border-radius: 6px 6px 0 0; background: none; color: #57606a; cursor: pointer; margin-bottom: -1px; }
.aperture-tab[aria-selected="true"] { background: #fff; border-color: #d0d7de; color: #1f2328; font-weight: 500; }
.aperture-tab:hover:not([aria-selected="true"]) { color: #1f2328; background: #f6f8fa; }
.aperture-root select[multiple] { padding: 2px; }
.aperture-radio-group { gap: 4px; }
.aperture-radio-group label { flex-direction: row; align-items: center; gap: 6px; }
.aperture-radio-group.aperture-inline { flex-direction: row; flex-wrap: wrap; gap: 12px; }
.aperture-root input[type=date] { font: inherit; padding: 4px 8px; border: 1px solid #d0d7de; border-radius: 6px; }
.aperture-markdown { padding: 0 8px; }
.aperture-markdown :is(h1, h2, h3) { margin: 0.6em 0 0.3em; line-height: 1.25; }
.aperture-markdown code { background: #f6f8fa; padding: 1px 4px; border-radius: 4px; font-size: 90%; }
.aperture-markdown pre { background: #f6f8fa; padding: 8px 12px; border-radius: 6px; overflow: auto; }
.aperture-markdown table { border-collapse: collapse; }
.aperture-markdown :is(th, td) { border: 1px solid #d0d7de; padding: 4px 8px; }
.aperture-table { overflow: auto; border: 1px solid #d0d7de; border-radius: 6px; margin: 0 8px; }
.aperture-table table { border-collapse: collapse; width: 100%; table-layout: fixed; font-variant-numeric: tabular-nums; }
.aperture-table th { position: sticky; top: 0; background: #f6f8fa; text-align: left; font-weight: 600;
  padding: 6px 10px; border-bottom: 1px solid #d0d7de; cursor: pointer; user-select: none; white-space: nowrap; }
.aperture-table th[aria-sort="ascending"]::after { content: " ▲"; font-size: 10px; }
.aperture-table th[aria-sort="descending"]::after { content: " ▼"; font-size: 10px; }
.aperture-table td { padding: 0 10px; border-bottom: 1px solid #eaeef2; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.aperture-table tr.aperture-table-spacer td { padding: 0; border: 0; }
.aperture-table .aperture-select-cell { width: 32px; padding: 0 8px; text-align: center; }
.aperture-table .aperture-cell-editor { box-sizing: border-box; width: 100%; font: inherit; padding: 1px 4px; }
.aperture-table tbody tr { cursor: pointer; }
.aperture-table tbody tr:hover { background: #f6f8fa; }
.aperture-table tbody tr[aria-selected="true"] { background: #ddf4ff; }
.aperture-toasts { position: fixed; right: 16px; bottom: 16px; z-index: 1000; display: flex; flex-direction: column; gap: 8px; max-width: 360px; }
.aperture-toast { display: flex; align-items: center; gap: 12px; padding: 10px 14px; border-radius: 6px; color: #fff;
  box-shadow: 0 4px 12px rgb(0 0 0 / 0.2); background: #0969da; }
.aperture-toast > span { flex: 1; }
.aperture-toast-success { background: #1a7f37; }
.aperture-toast-warning { background: #bf8700; }
.aperture-toast-error { background: #cf222e; }
.aperture-checkbox-group { gap: 4px; }
.aperture-checkbox-group label, .aperture-switch { flex-direction: row; align-items: center; gap: 6px; }
.aperture-checkbox-group.aperture-inline { flex-direction: row; flex-wrap: wrap; gap: 12px; }
.aperture-button-group { display: flex; margin: 6px 8px; }
.aperture-button-group > .aperture-button { margin: 0; border-radius: 0; }
.aperture-button-group > .aperture-button:first-child { border-radius: 6px 0 0 6px; }
.aperture-button-group > .aperture-button:last-child { border-radius: 0 6px 6px 0; }
.aperture-button-group.aperture-vertical { flex-direction: column; }
.aperture-button-light { background: #fff; }
.aperture-switch { display: inline-flex; cursor: pointer; }
.aperture-switch-input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.aperture-switch-track { width: 36px; height: 20px; border-radius: 10px; background: #d0d7de; position: relative; transition: background 0.15s; }
.aperture-switch-track::after { content: ""; position: absolute; top: 2px; left: 2px; width: 16px; height: 16px; border-radius: 50%; background: #fff; transition: left 0.15s; }
.aperture-switch-input:checked + .aperture-switch-track { background: #2563eb; }
.aperture-switch-input:checked + .aperture-switch-track::after { left: 18px; }
.aperture-switch-input:focus-visible + .aperture-switch-track { outline: 2px solid #93c5fd; }
.aperture-dropdown { position: relative; display: inline-flex; margin: 6px 8px; align-self: flex-start; }
.aperture-dropdown > .aperture-button { margin: 0; }
.aperture-menu { position: absolute; top: 100%; left: 0; z-index: 10; min-width: 160px; padding: 4px 0; background: #fff;
  border: 1px solid #d0d7de; border-radius: 6px; box-shadow: 0 4px 12px rgb(0 0 0 / 0.12); }
.aperture-menu-item { display: block; width: 100%; text-align: left; font: inherit; padding: 6px 12px; border: none; background: none; cursor: pointer; }
.aperture-menu-item:hover, .aperture-menu-item:focus-visible { background: #f6f8fa; }
.aperture-menu hr { border: none; border-top: 1px solid #eaeef2; margin: 4px 0; }
.aperture-root textarea, .aperture-root input:is([type=password], [type=number], [type=datetime-local]) { font: inherit;
  padding: 5px 8px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; }
.aperture-tags { display: flex; flex-wrap: wrap; gap: 4px; }
.aperture-tag { display: inline-flex; align-items: center; gap: 2px; padding: 1px 2px 1px 8px; border-radius: 12px; background: #ddf4ff; }
.aperture-field-error { color: #cf222e; padding-top: 4px; }
.aperture-paragraph { margin: 0; padding: 0 8px; }
.aperture-pretext { margin: 0 8px; padding: 8px; background: #f6f8fa; border-radius: 6px; overflow: auto; }
.aperture-card { border: 1px solid #d0d7de; border-radius: 6px; margin: 4px 8px; overflow: hidden; }
.aperture-card-header { display: flex; align-items: center; gap: 8px; width: 100%; font: inherit; font-weight: 600;
  padding: 8px 12px; border: none; background: #f6f8fa; color: inherit; cursor: pointer; text-align: left; }
.aperture-card-header:disabled { cursor: default; }
.aperture-card-caret::before { content: "▸"; display: inline-block; transition: transform 0.15s; }
.aperture-card-header[aria-expanded="true"] .aperture-card-caret::before { transform: rotate(90deg); }
.aperture-card-header:disabled .aperture-card-caret { display: none; }
.aperture-card-body { padding: 8px 4px; display: flex; flex-direction: column; gap: 8px; }
.aperture-accordion { display: flex; flex-direction: column; }
.aperture-alert { margin: 4px 8px; padding: 10px 14px; border-radius: 6px; border: 1px solid; }
.aperture-alert > :first-child { margin-top: 0; } .aperture-alert > :last-child { margin-bottom: 0; }
.aperture-alert-primary { background: #ddf4ff; border-color: #54aeff; }
.aperture-alert-secondary, .aperture-alert-light { background: #f6f8fa; border-color: #d0d7de; }
.aperture-alert-success { background: #dafbe1; border-color: #4ac26b; }
.aperture-alert-danger { background: #ffebe9; border-color: #ff8182; }
.aperture-alert-warning { background: #fff8c5; border-color: #d4a72c; }
.aperture-alert-info { background: #ddf4ff; border-color: #54aeff; }
.aperture-alert-dark { background: #24292f; border-color: #24292f; color: #fff; }
`;

export function injectStyle(doc: Document): void {
  if (doc.getElementById("aperture-style") !== null) return;
  const style = doc.createElement("style");
  style.id = "aperture-style";
  style.textContent = CSS;
  doc.head.append(style);
}
