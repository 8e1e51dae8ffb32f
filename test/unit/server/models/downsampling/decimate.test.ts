import { describe, expect, it } from "vitest";
import { decimateRows, isNonDecreasing, sortedRowsOutside } from "../../../../../server/models/downsampling/decimate.ts";

/** A noisy series on x = 0, 1, 2, … (deterministic). */
function series(n: number): { x: Float64Array; y: Float64Array } {
  const x = Float64Array.from({ length: n }, (_, i) => i);
  const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50) * 10 + ((i * 7919) % 13) - 6);
  return { x, y };
}

/** Per pixel column of [start, end]: the rows of its smallest and largest y, found the slow way. */
function extremesByColumn(x: ArrayLike<number>, y: ArrayLike<number>, start: number, end: number, columns: number): Set<number> {
  const best = new Map<number, { min: number; max: number }>();
  for (let i = 0; i < x.length; i++) {
    if (x[i]! < start || x[i]! > end) continue;
    const column = Math.min(columns - 1, Math.floor(((x[i]! - start) * columns) / (end - start)));
    const seen = best.get(column);
    if (seen === undefined) best.set(column, { min: i, max: i });
    else {
      if (y[i]! < y[seen.min]!) seen.min = i;
      if (y[i]! > y[seen.max]!) seen.max = i;
    }
  }
  return new Set([...best.values()].flatMap(({ min, max }) => [min, max]));
}

describe("decimateRows", () => {
  it("keeps every row when the window holds at most two per pixel column", () => {
    const { x, y } = series(100);
    expect(Array.from(decimateRows(x, y, { window: null, columns: 50, sorted: true }))).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it("keeps the rows of the smallest and the largest y of every pixel column", () => {
    const { x, y } = series(100_000);
    const rows = new Set(decimateRows(x, y, { window: null, columns: 300, sorted: true }));
    for (const row of extremesByColumn(x, y, 0, 99_999, 300)) expect(rows.has(row)).toBe(true);
    expect(rows.size).toBeLessThanOrEqual(2 * 300 + 2);
  });

  it("keeps the first and the last row of the data", () => {
    const { x, y } = series(50_000);
    const rows = decimateRows(x, y, { window: null, columns: 100, sorted: true });
    expect(rows[0]).toBe(0);
    expect(rows[rows.length - 1]).toBe(49_999);
  });

  it("returns true source rows, ascending and each once", () => {
    const { x, y } = series(20_000);
    const rows = Array.from(decimateRows(x, y, { window: [5_000, 15_000], columns: 80, sorted: true }));
    expect(rows).toEqual([...new Set(rows)].sort((a, b) => a - b));
    expect(rows.every((row) => Number.isInteger(row) && row >= 0 && row < 20_000)).toBe(true);
  });

  it("decimates only the window, keeping the nearest row outside each end so the line reaches the edges", () => {
    const { x, y } = series(100_000);
    const rows = Array.from(decimateRows(x, y, { window: [20_000.5, 30_000.5], columns: 100, sorted: true }));
    expect(rows[0]).toBe(20_000);
    expect(rows[1]).toBe(20_001);
    expect(rows.at(-2)).toBe(30_000);
    expect(rows.at(-1)).toBe(30_001);
    for (const row of extremesByColumn(x, y, 20_000.5, 30_000.5, 100)) expect(rows).toContain(row);
  });

  it("keeps every row of a window zoomed in far enough: a contiguous run of the source", () => {
    const { x, y } = series(1_000_000);
    const rows = Array.from(decimateRows(x, y, { window: [400_000, 400_999], columns: 800, sorted: true }));
    expect(rows).toEqual(Array.from({ length: 1_002 }, (_, i) => 399_999 + i));
  });

  it("keeps a gap (a NaN y) in each pixel column that has one, so a broken line stays broken", () => {
    const { x, y } = series(10_000);
    y[4_321] = Number.NaN;
    expect(decimateRows(x, y, { window: null, columns: 10, sorted: true })).toContain(4_321);
  });

  it("picks the rows of an unsorted scatter by their x value", () => {
    const n = 30_000;
    const x = Float64Array.from({ length: n }, (_, i) => (i * 7_919) % n);
    const y = Float64Array.from({ length: n }, (_, i) => (i * 104_729) % 997);
    const rows = Array.from(decimateRows(x, y, { window: [1_000, 2_000], columns: 50, sorted: false }));
    expect(rows.every((row) => x[row]! >= 1_000 && x[row]! <= 2_000)).toBe(true);
    for (const row of extremesByColumn(x, y, 1_000, 2_000, 50)) expect(rows).toContain(row);
  });

  it("finds each pixel column's rows on an irregular x with repeats and gaps as a scan of every row would", () => {
    const n = 60_000;
    const x = new Float64Array(n);
    for (let i = 1; i < n; i++) x[i] = x[i - 1]! + (i % 97 === 0 ? 500 : (i * 31) % 5 === 0 ? 0 : ((i * 13) % 7) / 3);
    const y = Float64Array.from({ length: n }, (_, i) => Math.cos(i / 300) * 5 + ((i * 104_729) % 31) / 10);
    const start = x[5_000]! + 0.25;
    const end = x[55_000]!;
    const rows = new Set(decimateRows(x, y, { window: [start, end], columns: 300, sorted: true }));
    const expected = extremesByColumn(x, y, start, end, 300);
    for (const row of expected) expect(rows.has(row)).toBe(true);
    expect(rows.size).toBeLessThanOrEqual(expected.size + 4);
  });

  it("returns no rows for empty columns", () => {
    expect(decimateRows([], [], { window: null, columns: 10, sorted: true })).toHaveLength(0);
  });
});

describe("sortedRowsOutside", () => {
  it("keeps, outside a zoomed window, each pixel column's extremes among the rows there, and the first and last row", () => {
    // 400 columns over x = 0…200,000: 500 wide. Each column's highest y is at its row 250, its lowest at its row 100.
    const n = 200_001;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => (i % 500 === 250 ? 100 : i % 500 === 100 ? -100 : ((i * 7_919) % 13) / 13));
    const rows = sortedRowsOutside(x, y, [50_000.5, 120_000.5], 400);
    expect(rows.every((row) => x[row]! < 50_000.5 || x[row]! > 120_000.5)).toBe(true);
    expect(rows).toContain(0);
    expect(rows).toContain(200_000);
    const planted = Array.from({ length: 400 }, (_, c) => [c * 500 + 100, c * 500 + 250]).flat();
    const outside = planted.filter((row) => row < 50_000 || row > 120_000);
    for (const row of outside) expect(rows).toContain(row);
    expect(rows.length).toBeLessThanOrEqual(2 * 400 + 6);
  });

  it("keeps every row outside the window of a series short enough to be drawn whole", () => {
    const { x, y } = series(500);
    expect(sortedRowsOutside(x, y, [100, 399], 400)).toEqual([
      ...Array.from({ length: 100 }, (_, i) => i),
      ...Array.from({ length: 100 }, (_, i) => 400 + i),
    ]);
  });
});

describe("isNonDecreasing", () => {
  it("tells sorted x (equal neighbours allowed) from unsorted or NaN", () => {
    expect(isNonDecreasing([1, 2, 2, 3])).toBe(true);
    expect(isNonDecreasing([1, 3, 2])).toBe(false);
    expect(isNonDecreasing([1, Number.NaN, 2])).toBe(false);
  });
});
