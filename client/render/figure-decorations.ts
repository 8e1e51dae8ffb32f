/**
 * What a figure draws besides its glyphs: annotations (shapes, labels, bands, whiskers),
 * extra titles, its Legend model, axis and grid models and twin axes. buildFigure calls these
 * two functions; without any such model they change nothing.
 */
import type { DocState, ModelId, Value } from "../../server/protocol/index.ts";
import { annotationTraces } from "./annotations/from-source.ts";
import { applyItems, keepHiddenEntries, legendLayout, legendOf } from "./annotations/legend.ts";
import { layoutMarks } from "./annotations/shapes.ts";
import { extraTitles } from "./annotations/titles.ts";
import { extraAxes, mainAxisStyle } from "./axes.ts";
import { axesFor, axisIdsOf } from "./axis-ids.ts";
import type { FigureSpec, PlotlyObject } from "./figure-spec.ts";
import { factorMarks } from "./factors.ts";
import { rangeOptions } from "./range-options.ts";
import { modelOf, refId } from "./values.ts";

type Traces = Pick<FigureSpec, "traces" | "sources" | "renderers" | "rows">;

/** Puts glyphs on their twin axes, adds the traces of Bands and Whiskers, and names the Legend's items. */
export function decorateTraces(state: DocState, figure: ModelId, drawn: Traces): void {
  const ids = axisIdsOf(state, figure);
  drawn.traces.forEach((trace, i) => {
    const attrs = modelOf(state, drawn.renderers[i])?.attrs;
    if (attrs === undefined) return;
    const axes = axesFor(ids, attrs);
    if (axes.x !== "x") trace.xaxis = axes.x;
    if (axes.y !== "y") trace.yaxis = axes.y;
  });
  for (const { trace, model } of annotationTraces(state, figure, ids)) {
    drawn.traces.push(trace);
    drawn.sources.push(undefined);
    drawn.renderers.push(model);
    drawn.rows.push([]);
  }
  const legend = legendOf(state, figure);
  if (legend !== undefined) applyItems(state, legend, drawn.traces, drawn.renderers);
  keepHiddenEntries(drawn.traces);
}

/** The layout's shapes and annotations: what a change to an annotation model redraws (with a relayout). */
export function layoutMarksOf(state: DocState, figure: ModelId): { shapes: PlotlyObject[]; annotations: PlotlyObject[] } {
  const marks = layoutMarks(state, figure, axisIdsOf(state, figure));
  const factors = factorMarks(state, figure);
  return {
    shapes: [...marks.shapes, ...factors.shapes],
    annotations: [...marks.annotations, ...extraTitles(state, figure).annotations, ...factors.annotations],
  };
}

/** The extent of the traces' values on one axis (for ticks of an autoranged axis), a little padded as Plotly pads it. */
function extentOn(traces: readonly PlotlyObject[], letter: "x" | "y", padding = 0.05): [number, number] | undefined {
  let [lo, hi] = [Infinity, -Infinity];
  for (const trace of traces) {
    if ((trace[`${letter}axis`] ?? letter) !== letter) continue;
    const values = trace[letter] as ArrayLike<Value> | undefined;
    if (values === undefined || values === null || typeof values !== "object" || !("length" in values)) continue;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === "number" && Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
  }
  if (!(lo <= hi)) return undefined;
  const pad = (hi - lo) * padding;
  return [lo - pad, hi + pad];
}

export interface LayoutContext {
  traces: readonly PlotlyObject[];
  sizes: { x: number; y: number };
  /** Which axes are datetime axes (drawn as linear axes of ms). */
  dates: Partial<Record<"x" | "y", boolean>>;
}

/** Adds the annotation marks, titles, legend and axis styles to `layout`. */
export function decorateLayout(state: DocState, figure: ModelId, layout: PlotlyObject, context: LayoutContext): void {
  const marks = layoutMarksOf(state, figure);
  if (marks.shapes.length > 0) layout.shapes = marks.shapes;
  if (marks.annotations.length > 0) layout.annotations = marks.annotations;
  const titles = extraTitles(state, figure);
  const margin = layout.margin as Record<string, number>;
  layout.margin = {
    ...margin,
    t: margin.t! + titles.margin.above,
    b: margin.b! + titles.margin.below,
    l: margin.l! + titles.margin.left,
    r: margin.r! + titles.margin.right,
  };
  const legend = legendOf(state, figure);
  if (legend !== undefined) {
    layout.legend = legendLayout(legend);
    layout.showlegend = legend.model.attrs.visible !== false && context.traces.some((trace) => trace.showlegend === true);
  }
  for (const letter of ["x", "y"] as const) {
    const axis = layout[`${letter}axis`] as PlotlyObject;
    const type = context.dates[letter] ? "date" : String(axis.type);
    const range = (axis.range as number[] | undefined)?.map((end) => (type === "log" ? 10 ** end : end));
    const visible =
      range !== undefined && range.length === 2 ? ([range[0]!, range[1]!] as [number, number]) : extentOn(context.traces, letter);
    const options = rangeOptions(
      state,
      refId(modelOf(state, figure)?.attrs[`${letter}Range`]),
      extentOn(context.traces, letter, 0),
      type === "log",
    );
    layout[`${letter}axis`] = {
      ...axis,
      ...options,
      ...mainAxisStyle(state, figure, letter, { type, visible, pixels: context.sizes[letter] }),
    };
  }
  Object.assign(layout, extraAxes(state, figure));
}
