/**
 * A figure's `xRange`/`yRange` are range models (Range1d, DataRange1d) that figures may
 * share. The figure draws the ends its range holds; a pan or zoom writes the range, so every
 * figure drawing that range follows in the page, and the server gets one patch per range.
 */
import type { DocState, ModelId, Value } from "../../server/protocol/index.ts";
import { axisIdsOf, extraRange, layoutKey } from "./axis-ids.ts";
import type { AxisType, RangeAttrs } from "./figure-spec.ts";
import { asOptionalNumber, modelOf, refId } from "./values.ts";

export type Axis = "x" | "y";

/** `[start, end]` when the range has two finite ends; undefined while it fits the data. */
export function rangeEnds(state: DocState, figure: ModelId, axis: Axis): [number, number] | undefined {
  return endsOf(state, refId(modelOf(state, figure)?.attrs[`${axis}Range`]));
}

/** A range model's `[start, end]` when both are finite (a twin axis' range of `extraYRanges`). */
export function endsOf(state: DocState, range: ModelId | undefined): [number, number] | undefined {
  const attrs = modelOf(state, range)?.attrs;
  const start = attrs?.start;
  const end = attrs?.end;
  const finite = (value: Value | undefined): value is number => typeof value === "number" && Number.isFinite(value);
  return finite(start) && finite(end) ? [start, end] : undefined;
}

/** A Plotly axis a pan or zoom moves (`xaxis`, `yaxis2`), the name of the range it shows, and how its values read. */
export interface DrawnAxis {
  key: string;
  name: string;
  type: AxisType;
}

export function mainAxes(types: { x: AxisType; y: AxisType }): DrawnAxis[] {
  return [
    { key: "xaxis", name: "xRange", type: types.x },
    { key: "yaxis", name: "yRange", type: types.y },
  ];
}

const EXTRA = { x: "extraXRanges", y: "extraYRanges" } as const;

/** The main axes and the twin axes of `extraXRanges` / `extraYRanges` (drawn linear). */
export function drawnAxes(state: DocState, figure: ModelId, types: { x: AxisType; y: AxisType }): DrawnAxis[] {
  const ids = axisIdsOf(state, figure);
  const extras = (["x", "y"] as const).flatMap((letter) =>
    [...ids[letter]]
      .filter(([name]) => name !== "default")
      .map(([name, id]) => ({ key: layoutKey(id), name: `${EXTRA[letter]}.${name}`, type: "linear" as const })),
  );
  return [...mainAxes(types), ...extras];
}

/** The range model a range name (`xRange`, `extraYRanges.foo`) stands for in the figure. */
function rangeNamed(state: DocState, figure: ModelId, name: string): ModelId | undefined {
  if (name === "xRange" || name === "yRange") return refId(modelOf(state, figure)?.attrs[name]);
  const letter = name.startsWith(`${EXTRA.x}.`) ? "x" : name.startsWith(`${EXTRA.y}.`) ? "y" : undefined;
  return letter === undefined ? undefined : extraRange(state, figure, letter, name.slice(EXTRA[letter].length + 1));
}

/** The ends every range of the figure shows (null: fitting the data). */
export function shownRanges(state: DocState, figure: ModelId): RangeAttrs {
  const names = drawnAxes(state, figure, { x: "-", y: "-" }).map((axis) => axis.name);
  return Object.fromEntries(names.map((name) => [name, endsOf(state, rangeNamed(state, figure, name)) ?? null]));
}

/** Bokeh's `minInterval` / `maxInterval`: a zoom past either keeps the middle of the window at the allowed span. */
export function withinInterval(attrs: Readonly<Record<string, Value>>, [start, end]: [number, number]): [number, number] {
  const span = Math.abs(end - start);
  const allowed = Math.min(Math.max(span, asOptionalNumber(attrs.minInterval) ?? 0), asOptionalNumber(attrs.maxInterval) ?? Infinity);
  if (allowed === span) return [start, end];
  const middle = (start + end) / 2;
  const half = (allowed / 2) * (end < start ? -1 : 1);
  return [middle - half, middle + half];
}

export interface RangeWrite {
  range: ModelId;
  attrs: { start: number | null; end: number | null };
  /** True when `minInterval` / `maxInterval` changed the ends asked for (what Plotly shows must be redrawn). */
  limited: boolean;
}

/** Ranges a pan writes: Range1d and DataRange1d (a FactorRange's window is Plotly's alone). */
const WRITTEN_TYPES: ReadonlySet<string> = new Set(["Range1d", "DataRange1d"]);

/**
 * What a pan, zoom or reset (`[start, end]`, or null for "fit the data") writes to the
 * figure's ranges. A Range1d has no "fit the data": a null leaves it as it is.
 */
export function rangeWrites(state: DocState, figure: ModelId, ranges: RangeAttrs): RangeWrite[] {
  const writes: RangeWrite[] = [];
  for (const [name, value] of Object.entries(ranges)) {
    const range = rangeNamed(state, figure, name);
    const model = modelOf(state, range);
    if (value === undefined || range === undefined || model === undefined || !WRITTEN_TYPES.has(model.type)) continue;
    if (value === null && model.type !== "DataRange1d") continue;
    const ends = value === null ? null : withinInterval(model.attrs, value);
    const limited = ends !== null && (ends[0] !== value![0] || ends[1] !== value![1]);
    writes.push({ range, attrs: ends === null ? { start: null, end: null } : { start: ends[0], end: ends[1] }, limited });
  }
  return writes;
}
