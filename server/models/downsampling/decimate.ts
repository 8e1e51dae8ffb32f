/**
 * Min-max decimation: of the rows whose x lies in a window, keep per pixel column the rows of
 * the smallest and the largest y (and the first gap, a NaN y, so a broken line stays broken),
 * plus the window's first and last row and the nearest row outside each end, so the line
 * reaches the plot's edges. What is left draws the same picture as every row: a column of
 * pixels shows a vertical stroke from its minimum to its maximum either way.
 *
 * Why not the `downsample` package (LTTB, npm): it takes and returns `[x, y]` point objects
 * (a million allocations per call) and gives no row numbers, which callbacks, selections and
 * tooltips need. This is one pass over typed arrays returning rows, ascending.
 */

export interface DecimateOptions {
  /** The visible x range (null: every row's x). */
  window: readonly [number, number] | null;
  /** Pixel columns across the window: about two rows are kept per column. */
  columns: number;
  /** True when x never decreases: the window is then found by binary search, without a scan. */
  sorted: boolean;
}

/** The first row whose x is ≥ `value` (x non-decreasing). */
function lowerBound(x: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The smallest and largest finite x, or undefined when there is none. */
function extent(x: ArrayLike<number>): [number, number] | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : undefined;
}

/** Per pixel column: the rows of its min y, max y and first NaN y (-1: none yet). */
class Columns {
  readonly min: Int32Array;
  readonly max: Int32Array;
  readonly gap: Int32Array;

  readonly count: number;

  constructor(count: number) {
    this.count = count;
    this.min = new Int32Array(count).fill(-1);
    this.max = new Int32Array(count).fill(-1);
    this.gap = new Int32Array(count).fill(-1);
  }

  add(column: number, row: number, y: ArrayLike<number>): void {
    const v = y[row]!;
    if (Number.isNaN(v)) {
      if (this.gap[column] === -1) this.gap[column] = row;
      return;
    }
    const min = this.min[column]!;
    if (min === -1 || v < y[min]!) this.min[column] = row;
    const max = this.max[column]!;
    if (max === -1 || v > y[max]!) this.max[column] = row;
  }

  rows(): number[] {
    const out: number[] = [];
    for (let c = 0; c < this.count; c++) for (const row of [this.min[c]!, this.max[c]!, this.gap[c]!]) if (row !== -1) out.push(row);
    return out;
  }
}

/** The window's ends in order, and its pixel columns (at least one). */
function bounds(window: readonly [number, number], columns: number): { start: number; end: number; count: number } {
  const [start, end] = window[0] <= window[1] ? window : [window[1], window[0]];
  return { start, end, count: Math.max(1, Math.floor(columns)) };
}

/** The rows [first, last) whose x lies in [start, end], for x non-decreasing. */
function span(x: ArrayLike<number>, n: number, start: number, end: number): [number, number] {
  const endAt = lowerBound(x, end);
  return [Math.min(n, lowerBound(x, start)), Math.min(n, endAt + upperRun(x, end, endAt))];
}

/** Rows to draw, ascending and without repeats: every row in the window when it holds few enough. */
export function decimateRows(x: ArrayLike<number>, y: ArrayLike<number>, options: DecimateOptions): Int32Array {
  const n = Math.min(x.length, y.length);
  const window = options.window ?? (options.sorted && n > 0 ? ([x[0]!, x[n - 1]!] as const) : extent(x));
  if (window === undefined || n === 0) return new Int32Array(0);
  const { start, end, count } = bounds(window, options.columns);
  if (!options.sorted) return ascending(unsortedRows(x, y, n, start, end, count));
  const [first, last] = span(x, n, start, end);
  // The nearest rows outside the window, so the line leaves the plot at its edges.
  const kept = [first - 1, last].filter((row) => row >= 0 && row < n);
  if (last - first <= 2 * count) for (let i = first; i < last; i++) kept.push(i);
  else kept.push(first, last - 1, ...sortedExtremes(x, y, first, last, columnMapping(start, end, count)));
  return ascending(kept);
}

/**
 * For x non-decreasing, the rows outside the window that a decimation of every row would
 * keep (per pixel column of the whole x extent: its min, max and first NaN y, and the first
 * and last row), scanning only the rows outside it: the coarse view around a zoomed window.
 */
export function sortedRowsOutside(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  window: readonly [number, number],
  columns: number,
): number[] {
  const n = Math.min(x.length, y.length);
  if (n === 0) return [];
  const { start, end, count } = bounds(window, columns);
  const [first, last] = span(x, n, start, end);
  if (n <= 2 * count) return [...Array(first).keys(), ...Array.from({ length: n - last }, (_, i) => last + i)];
  const columnOf = columnMapping(x[0]!, x[n - 1]!, count);
  const ends = [0, n - 1].filter((row) => row < first || row >= last);
  return [...ends, ...sortedExtremes(x, y, 0, first, columnOf), ...sortedExtremes(x, y, last, n, columnOf)];
}

/** The pixel column of each x: `floor((x - start) × scale)`, the last column holding the window's end. */
type ColumnOf = (x: number) => number;

const columnMapping = (start: number, end: number, count: number): ColumnOf => {
  const scale = end > start ? count / (end - start) : 0;
  return (x) => Math.min(count - 1, Math.floor((x - start) * scale));
};

/**
 * The first row after `from` (and before `last`) whose column is past `column`, for x
 * non-decreasing: a galloping search, so a column's run of rows is found in O(log run)
 * and the scan of its y reads no x at all.
 */
function runEnd(x: ArrayLike<number>, from: number, last: number, column: number, columnOf: ColumnOf): number {
  let lo = from + 1;
  let step = 1;
  while (lo < last && !(columnOf(x[lo]!) > column)) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(lo, last);
  lo = Math.max(from + 1, lo - step / 2);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (columnOf(x[mid]!) > column) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Pushes the rows of the min y, the max y and the first NaN y of rows [from, to). */
function pushExtremes(y: ArrayLike<number>, from: number, to: number, out: number[]): void {
  let min = -1;
  let max = -1;
  let gap = -1;
  let low = Infinity;
  let high = -Infinity;
  for (let i = from; i < to; i++) {
    const v = y[i]!;
    if (v < low) {
      low = v;
      min = i;
    }
    if (v > high) {
      high = v;
      max = i;
    }
    if (v !== v && gap === -1) gap = i;
  }
  if (min !== -1) out.push(min);
  if (max !== -1 && max !== min) out.push(max);
  if (gap !== -1) out.push(gap);
}

/**
 * Per pixel column of [start, end], the rows of its min y, max y and first NaN y among rows
 * [first, last), for x non-decreasing: a column's rows are then one run, found by search.
 */
function sortedExtremes(x: ArrayLike<number>, y: ArrayLike<number>, first: number, last: number, columnOf: ColumnOf): number[] {
  const out: number[] = [];
  for (let from = first; from < last;) {
    const to = runEnd(x, from, last, columnOf(x[from]!), columnOf);
    pushExtremes(y, from, to, out);
    from = to;
  }
  return out;
}

/** The same for x in any order (a scatter): rows bucketed by their x value, all rows scanned. */
function unsortedRows(x: ArrayLike<number>, y: ArrayLike<number>, n: number, start: number, end: number, count: number): number[] {
  const limit = 2 * count;
  const columns = new Columns(count);
  const scale = end > start ? count / (end - start) : 0;
  const inside: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (!(v >= start && v <= end)) continue;
    if (inside.length <= limit) inside.push(i);
    else inside[inside.length - 1] = i;
    columns.add(Math.min(count - 1, Math.floor((v - start) * scale)), i, y);
  }
  // Few enough: all of them. Else the extremes per column, and the window's first and last row.
  return inside.length <= limit ? inside : [inside[0]!, inside[inside.length - 1]!, ...columns.rows()];
}

/** How many rows from `at` on have x equal to `value` (the end of the window is inclusive). */
function upperRun(x: ArrayLike<number>, value: number, at: number): number {
  let count = 0;
  while (at + count < x.length && x[at + count] === value) count++;
  return count;
}

function ascending(rows: number[]): Int32Array {
  const out = Int32Array.from(new Set(rows));
  return out.sort();
}

/** True when no x is smaller than the one before it (NaN breaks it). */
export function isNonDecreasing(x: ArrayLike<number>): boolean {
  for (let i = 1; i < x.length; i++) if (!(x[i]! >= x[i - 1]!)) return false;
  return true;
}
