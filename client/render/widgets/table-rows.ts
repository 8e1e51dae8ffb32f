/** DataTable's row order and cell text (DOM-free, unit-tested). */
import type { Value } from "../../../server/protocol/index.ts";

export interface SortState {
  field: string;
  descending: boolean;
}

/** Row indices in display order: by `column` when sorting (stable; numbers before text), else as stored. */
export function rowOrder(length: number, column: ArrayLike<Value> | undefined, descending: boolean): number[] {
  const order = Array.from({ length }, (_, i) => i);
  if (column === undefined) return order;
  const sign = descending ? -1 : 1;
  return order.sort((a, b) => sign * compare(column[a], column[b]) || a - b);
}

function compare(a: Value | undefined, b: Value | undefined): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return String(a ?? "").localeCompare(String(b ?? ""));
}

export function formatCell(value: unknown, formatter: string, decimals: number): string {
  if (value === null || value === undefined) return "";
  if (formatter === "number") return typeof value === "number" ? value.toFixed(decimals) : String(value);
  // "auto" rounds to `decimals` without padding: 40.1, 37.
  if (formatter === "auto" && typeof value === "number") return String(Number(value.toFixed(decimals)));
  if (formatter === "datetime" && typeof value === "number")
    return new Date(value)
      .toISOString()
      .replace("T", " ")
      .replace(/(:00)?\.000Z$/, "");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The selection after Ctrl/Cmd-clicking row `index`: added, or removed when it was in. */
export function toggled(selected: readonly number[], index: number): number[] {
  return selected.includes(index) ? selected.filter((i) => i !== index) : [...selected, index].sort((a, b) => a - b);
}
