/**
 * Which Plotly axis each of a figure's ranges is: the main ranges are `x` and `y`, each
 * `extraXRanges`/`extraYRanges` name the next one (`y2`, `y3`, …) in the order they were given.
 * Glyphs, annotations and axes name a range (`yRangeName: "foo"`); this maps the name.
 */
import type { DocState, ModelId, Value } from "../../server/protocol/index.ts";
import { asString, modelOf, refId } from "./values.ts";

export interface AxisIds {
  x: ReadonlyMap<string, string>;
  y: ReadonlyMap<string, string>;
}

function idsOf(extra: Value | undefined, letter: "x" | "y"): Map<string, string> {
  const ids = new Map<string, string>([["default", letter]]);
  const names =
    typeof extra === "object" && extra !== null && !Array.isArray(extra) && !ArrayBuffer.isView(extra) ? Object.keys(extra) : [];
  names.forEach((name) => ids.set(name, `${letter}${ids.size + 1}`));
  return ids;
}

export function axisIdsOf(state: DocState, figure: ModelId): AxisIds {
  const attrs = modelOf(state, figure)?.attrs ?? {};
  return { x: idsOf(attrs.extraXRanges, "x"), y: idsOf(attrs.extraYRanges, "y") };
}

/** The Plotly axes (`"x"`, `"y2"`) a model with `xRangeName`/`yRangeName` attributes is drawn on; an unknown name is the main one. */
export function axesFor(ids: AxisIds, attrs: Readonly<Record<string, Value>>): { x: string; y: string } {
  return { x: ids.x.get(asString(attrs.xRangeName, "default")) ?? "x", y: ids.y.get(asString(attrs.yRangeName, "default")) ?? "y" };
}

/** The range model an extra axis shows (`extraYRanges[name]`). */
export function extraRange(state: DocState, figure: ModelId, letter: "x" | "y", name: string): ModelId | undefined {
  const extra = modelOf(state, figure)?.attrs[letter === "x" ? "extraXRanges" : "extraYRanges"];
  if (typeof extra !== "object" || extra === null || Array.isArray(extra) || ArrayBuffer.isView(extra) || !Object.hasOwn(extra, name))
    return undefined;
  return refId((extra as Record<string, Value>)[name]);
}

/** Plotly's layout key of an axis id: `x` → `xaxis`, `y2` → `yaxis2`. */
export function layoutKey(id: string): string {
  return `${id[0]}axis${id.slice(1)}`;
}
