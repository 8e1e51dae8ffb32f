/**
 * Plotly reads pseudo-HTML in every text it draws (`<a href>`, `<b>`, `<br>`, entities), in
 * legend names, tick labels, hover text and titles alike. Text that comes from data is
 * escaped (with the shared `escapeHtml` of server/protocol/format.ts) so it shows as typed;
 * only text the author marks as markup (`{safe}` in a tooltip) reaches Plotly as it is.
 */
import { escapeHtml } from "../../server/protocol/format.ts";

const MARKUP = /[&<>"']/;

/** A column with its strings escaped (numbers and typed arrays are returned as they are, not copied). */
export function escapeColumn<T extends ArrayLike<unknown>>(values: T): T {
  if (ArrayBuffer.isView(values) || !Array.isArray(values) || !values.some((v) => typeof v === "string" && MARKUP.test(v))) return values;
  return values.map((v: unknown) => (typeof v === "string" ? escapeHtml(v) : v)) as unknown as T;
}
