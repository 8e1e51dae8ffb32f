/**
 * A downsampled glyph in the page: the server sends the rows a decimation of the visible range
 * keeps (`downsampled.rows`) and the glyph's columns at those rows, instead of its source's
 * columns. The glyph draws that table; each point maps back to its true source row.
 */
import type { Value } from "../../../server/protocol/index.ts";
import type { GlyphData } from "./resolve.ts";

const isTable = (value: unknown): value is { rows: ArrayLike<number>; data: Record<string, Value> } =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  !ArrayBuffer.isView(value) &&
  ArrayBuffer.isView((value as Record<string, Value>).rows) &&
  typeof (value as Record<string, Value>).data === "object";

/** The glyph's data as the decimated table, and the source row of each of its points; undefined when not downsampled. */
export function downsampledData(g: GlyphData): { data: GlyphData; rows: readonly number[] } | undefined {
  const table = g.attrs.downsampled;
  if (!isTable(table)) return undefined;
  const rows = Array.from(table.rows);
  return { data: { ...g, data: table.data, length: rows.length }, rows };
}
