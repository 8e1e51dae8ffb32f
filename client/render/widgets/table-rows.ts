/** DataTable's row order, the window of rows it draws, and selection changes (DOM-free, unit-tested). */
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

// One collator for a whole sort: localeCompare builds one per call, 1.7 million of them for 100,000 rows.
const collator = new Intl.Collator();

const textOf = (value: Value | undefined): string =>
  typeof value === "string" ? value : value === null || value === undefined ? "" : JSON.stringify(value);

function compare(a: Value | undefined, b: Value | undefined): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return collator.compare(textOf(a), textOf(b));
}

/** The rows a scrolled table draws: those in view plus `overscan` on each side, as `[start, end)`. */
export function visibleWindow(view: { scrollTop: number; height: number; rowHeight: number; length: number; overscan?: number }): {
  start: number;
  end: number;
} {
  const overscan = view.overscan ?? 10;
  const first = Math.floor(Math.max(0, view.scrollTop) / view.rowHeight);
  const count = Math.ceil(view.height / view.rowHeight) + 1;
  const start = Math.max(0, Math.min(first - overscan, view.length - count - overscan));
  return { start, end: Math.min(view.length, first + count + overscan) };
}

/** The selection after Ctrl/Cmd-clicking row `index`: added, or removed when it was in. */
export function toggled(selected: readonly number[], index: number): number[] {
  return selected.includes(index) ? selected.filter((i) => i !== index) : [...selected, index].sort((a, b) => a - b);
}
