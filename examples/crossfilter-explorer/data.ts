/**
 * A made-up Auto MPG table with the columns of Bokeh's `autompg_clean` (name dropped), built
 * from the crossfilter example's cars, and pandas' `qcut` / `Categorical` codes.
 */
import { makeCars } from "../crossfilter/data.ts";
import { quantile } from "../linked/data.ts";

export type Column = string[] | Float64Array;

const CYLINDERS = [4, 4, 4, 6, 6, 8] as const;

/** Columns by name: `cyl`, `mfr`, `origin`, `yr` are strings (discrete), the rest numbers. */
export function makeAutompg(count = 392): Record<string, Column> {
  const cars = makeCars(count);
  const cyl = cars.weight.map((w) => CYLINDERS[Math.min(5, Math.floor((w - 1500) / 600))] ?? 4);
  return {
    mpg: cars.mpg,
    cyl: Array.from(cyl, String),
    displ: cyl.map((c, i) => Math.round(c * 25 + cars.hp[i]! * 0.4)),
    hp: cars.hp,
    weight: cars.weight,
    accel: cars.hp.map((hp, i) => Math.round((24 - hp / 15 + (i % 7) * 0.3) * 10) / 10),
    yr: Array.from(cars.year, (year) => String(year - 1900)),
    origin: cars.origin.map((origin) => ({ US: "North America" })[origin] ?? origin),
    mfr: cars.name.map((name) => name.split(" ")[0]!.toLowerCase()),
  };
}

/** pandas' `Categorical(values).codes`: each value's index among the sorted distinct values. */
export function categoryCodes(values: Column): number[] {
  const sorted = [...new Set<string | number>(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(sorted.map((value, i) => [value, i]));
  return Array.from(values as ArrayLike<string | number>, (value) => index.get(value)!);
}

/** pandas' `qcut(values, n, duplicates="drop").codes`: the quantile bin of each value. */
export function quantileCodes(values: Float64Array, n: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const edges = [...new Set(Array.from({ length: n + 1 }, (_, i) => quantile(sorted, i / n)))];
  // Bins are (edge[i], edge[i + 1]], the first one including its left edge.
  return Array.from(values, (v) => Math.max(0, edges.findIndex((edge) => v <= edge) - 1));
}
