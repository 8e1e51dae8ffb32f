/** What an editor's input shows and sends (DOM-free, unit-tested). */
import type { Value } from "../../../server/protocol/index.ts";

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** What the page sends for the text typed into an editor: numbers for number editors when the text is one, the text otherwise. */
export function parseEdit(editorType: string, text: string): Value {
  if (editorType !== "NumberEditor" && editorType !== "IntEditor") return text;
  const trimmed = text.trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : text;
}

/** A day as the date input shows it: milliseconds since the epoch or ISO text, as "YYYY-MM-DD". */
export function isoDayOf(value: Value | undefined): string {
  if (typeof value === "number" && Number.isFinite(value)) return new Date(value).toISOString().slice(0, 10);
  return typeof value === "string" ? value.slice(0, 10) : "";
}
