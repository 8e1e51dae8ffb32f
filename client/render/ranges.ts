/**
 * A figure's `xRange`/`yRange` are range models (Range1d, DataRange1d) that figures may
 * share. The figure draws the ends its range holds; a pan or zoom writes the range, so every
 * figure drawing that range follows in the page, and the server gets one patch per range.
 */
import type { DocState, ModelId, Value } from "../../server/protocol/index.ts";
import type { RangeAttrs } from "./figure-spec.ts";
import { modelOf, refId } from "./values.ts";

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

/** The range models of a figure (the models a pan writes). */
export function rangeIds(state: DocState, figure: ModelId): ModelId[] {
  const attrs = modelOf(state, figure)?.attrs ?? {};
  return [refId(attrs.xRange), refId(attrs.yRange)].filter((id): id is ModelId => id !== undefined);
}

export interface RangeWrite {
  range: ModelId;
  attrs: { start: number | null; end: number | null };
}

/**
 * What a pan, zoom or reset (`[start, end]`, or null for "fit the data") writes to the
 * figure's ranges. A Range1d has no "fit the data": a null leaves it as it is.
 */
export function rangeWrites(state: DocState, figure: ModelId, ranges: RangeAttrs): RangeWrite[] {
  const writes: RangeWrite[] = [];
  for (const axis of ["x", "y"] as const) {
    const value = ranges[`${axis}Range`];
    const range = refId(modelOf(state, figure)?.attrs[`${axis}Range`]);
    if (value === undefined || range === undefined) continue;
    if (value === null && modelOf(state, range)?.type !== "DataRange1d") continue;
    writes.push({ range, attrs: value === null ? { start: null, end: null } : { start: value[0], end: value[1] } });
  }
  return writes;
}
