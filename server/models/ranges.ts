/**
 * A figure's axis ranges as models, as Bokeh's: `figure({ xRange: other.xRange })` shares one
 * range between figures, so panning one pans the other in the page (no server round trip),
 * and the page writes the range's `start`/`end` back so the server holds what is shown.
 */
import { AttributeError, defineModel } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { custom } from "./checks.ts";

const writable = { clientWritable: true };

/** `null` (none), `"auto"` (the range's start and end, or the data's extent), or `[min, max]` (either may be null). */
const bounds = custom<"auto" | [number | null, number | null] | null>(null, (value) => {
  if (value === null || value === "auto") return undefined;
  const ok = Array.isArray(value) && value.length === 2 && value.every((v) => v === null || (typeof v === "number" && Number.isFinite(v)));
  return ok ? undefined : 'expected null, "auto" or [min, max]';
});

/**
 * `bounds`: how far panning and zooming may go; `minInterval`/`maxInterval`: how far zooming may. The rest fit a DataRange1d to its data; a
 * Range1d has them too (and ignores them) so that `plot.xRange.onChange("start", …)` type-checks
 * whichever range a figure has.
 */
const limitProps = () => ({
  bounds,
  /** Space beyond the data: a fraction of its span split over both ends (`"percent"`), or data units at each end (`"absolute"`). */
  rangePadding: prop.number(0.1, { min: 0 }),
  rangePaddingUnits: prop.enum(["percent", "absolute"], "percent"),
  /** Draw from high to low. */
  flipped: prop.boolean(false),
  /** Keep the newest data in view: `"end"` shows the last `followInterval` of it (streaming), `"start"` the first. */
  follow: custom<"start" | "end" | null>(null, (value) =>
    value === null || value === "start" || value === "end" ? undefined : 'expected "start", "end" or null',
  ),
  followInterval: prop.nullableNumber(null, { min: 0 }),
  /** How far a zoom may go in and out: the narrowest and widest window, in data units (null: no limit). */
  minInterval: prop.nullableNumber(null, { min: 0 }),
  maxInterval: prop.nullableNumber(null, { min: 0 }),
});

/**
 * A range with explicit ends; pan and zoom in the page write them.
 * @example figure({ xRange: new Range1d({ start: 0, end: 10 }) })
 */
export class Range1d extends defineModel("Range1d", {
  start: prop.number(0, writable),
  end: prop.number(1, writable),
  ...limitProps(),
}) {}

/**
 * A range that fits the data while its ends are null (the default of every figure); pan and
 * zoom in the page write the ends, and the page's reset sets them back to null.
 * @example figure({ yRange: new DataRange1d() })
 */
export class DataRange1d extends defineModel("DataRange1d", {
  start: prop.nullableNumber(null, writable),
  end: prop.nullableNumber(null, writable),
  ...limitProps(),
}) {}

export type Range = Range1d | DataRange1d;

/** A category: `"apples"`, or nested as `["2015", "apples"]` or `["2015", "Q1", "apples"]`. */
export type Factor = string | readonly [string, string] | readonly [string, string, string];

/**
 * What `figure({ xRange })` takes: a range model (shared), `[start, end]`, factors (Bokeh's
 * `x_range=["a", "b"]`, a FactorRange), or null/undefined to fit the data.
 */
export type RangeLike = Range | FactorRange | readonly [number, number] | readonly Factor[] | null | undefined;

const isNumberPair = (value: readonly unknown[]): value is readonly [number, number] =>
  value.length === 2 && value.every((end) => typeof end === "number");

/**
 * The range model for a figure keyword: `[start, end]` becomes a `Range1d`, a list of factors
 * a `FactorRange`, nothing a `DataRange1d`. A figure's `xRange` is typed as the continuous
 * ranges (so `plot.xRange.start` reads without a cast); on a categorical figure it holds the FactorRange.
 */
export function toRange(value: RangeLike): Range {
  if (value === null || value === undefined) return new DataRange1d();
  if (value instanceof Range1d || value instanceof DataRange1d) return value;
  if (value instanceof FactorRange) return value as unknown as Range;
  if (Array.isArray(value) && isNumberPair(value)) return new Range1d({ start: value[0], end: value[1] });
  if (Array.isArray(value) && value.length > 0 && value.every((f) => typeof f !== "number"))
    return new FactorRange({ factors: value as Factor[] }) as unknown as Range;
  throw new AttributeError("Figure: a range is a Range1d, a DataRange1d, a FactorRange, [start, end], a list of factors or null");
}

const factors = custom<Factor[]>(
  () => [],
  (value) => {
    if (!Array.isArray(value) || value.length > 100_000) return "expected a list of up to 100,000 factors";
    const ok = value.every(
      (f) => typeof f === "string" || (Array.isArray(f) && f.length >= 2 && f.length <= 3 && f.every((part) => typeof part === "string")),
    );
    if (!ok) return 'expected factors: strings, or ["group", "item"] pairs, or [group, subgroup, item] triples';
    const depths = new Set((value as readonly Factor[]).map((f) => (typeof f === "string" ? 1 : f.length)));
    return depths.size <= 1 ? undefined : "expected factors of one depth (all strings, all pairs or all triples)";
  },
);

/**
 * Categories, nested as `[group, item]` or `[group, subgroup, item]`, at Bokeh's positions: one
 * unit per factor, with the paddings (in factor widths) between factors, subgroups and groups.
 * @example figure({ xRange: new FactorRange({ factors: [["2015", "apples"], ["2015", "pears"]] }) })
 */
export class FactorRange extends defineModel("FactorRange", {
  factors,
  factorPadding: prop.number(0, { min: 0 }),
  subgroupPadding: prop.number(0.8, { min: 0 }),
  groupPadding: prop.number(1.4, { min: 0 }),
}) {}
