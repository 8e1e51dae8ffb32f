/**
 * The annotations drawn per row of a source: LabelSet as Plotly annotations (they take pixel
 * offsets, angles and backgrounds; at most MAX_LABELS of them), Band as a filled polygon
 * trace, Whisker as a trace of stems with its heads as markers (pixel-sized, as Bokeh's).
 */
import type { DocState, ModelId, ModelState, Value } from "../../../server/protocol/index.ts";
import { basicFormat, escapeHtml } from "../../../server/protocol/format.ts";
import { axesFor, type AxisIds } from "../axis-ids.ts";
import type { PlotlyObject } from "../figure-spec.ts";
import { columnOf } from "../traces/resolve.ts";
import { asNumber, asString, modelOf, refId, refIds } from "../values.ts";
import { X_ANCHORS, Y_ANCHORS, fillStyle, fontStyle, lineStyle, plotlyAngle, withAlpha } from "./style.ts";

/** Labels drawn per LabelSet: Plotly draws each as its own SVG group, so a huge source would freeze the page. */
export const MAX_LABELS = 1_000;

function sourceData(state: DocState, attrs: Readonly<Record<string, Value>>): Value | undefined {
  return modelOf(state, refId(attrs.source))?.attrs.data;
}

export function labelSetAnnotations(state: DocState, model: ModelState, ids: AxisIds): PlotlyObject[] {
  const attrs = model.attrs;
  const data = sourceData(state, attrs);
  const [xs, ys, texts] = [columnOf(data, attrs.x), columnOf(data, attrs.y), columnOf(data, attrs.text)];
  const axes = axesFor(ids, attrs);
  const common = {
    showarrow: false,
    xref: axes.x,
    yref: axes.y,
    xshift: asNumber(attrs.xOffset, 0),
    yshift: asNumber(attrs.yOffset, 0),
    xanchor: X_ANCHORS[asString(attrs.textAlign)] ?? "left",
    yanchor: Y_ANCHORS[asString(attrs.textBaseline)] ?? "bottom",
    textangle: plotlyAngle(attrs),
    font: fontStyle(attrs),
    bgcolor: withAlpha(attrs.backgroundFillColor, asNumber(attrs.backgroundFillAlpha, 1)),
  };
  const count = Math.min(xs.length, ys.length, MAX_LABELS);
  return Array.from({ length: count }, (_, i) => ({ ...common, x: xs[i], y: ys[i], text: escapeHtml(basicFormat(texts[i])) }));
}

/** `base` along one axis, `lower`/`upper` along the other (`dimension: "height"`: base on x). */
function columns(state: DocState, attrs: Readonly<Record<string, Value>>) {
  const data = sourceData(state, attrs);
  return {
    base: columnOf(data, attrs.base),
    lower: columnOf(data, attrs.lower),
    upper: columnOf(data, attrs.upper),
    vertical: asString(attrs.dimension) !== "width",
  };
}

function bandTrace(state: DocState, model: ModelState, id: ModelId, axes: { x: string; y: string }): PlotlyObject {
  const { base, lower, upper, vertical } = columns(state, model.attrs);
  const along = [...Array.from(base as ArrayLike<Value>), ...Array.from(base as ArrayLike<Value>).reverse()];
  const across = [...Array.from(upper as ArrayLike<Value>), ...Array.from(lower as ArrayLike<Value>).reverse()];
  return {
    uid: id,
    type: "scatter",
    mode: "lines",
    x: vertical ? along : across,
    y: vertical ? across : along,
    fill: "toself",
    fillcolor: fillStyle(model.attrs),
    line: lineStyle(model.attrs),
    hoverinfo: "skip",
    showlegend: false,
    xaxis: axes.x,
    yaxis: axes.y,
  };
}

/** Marker symbols of each head at each end, `[stems vertical, stems horizontal]`; heads point outward. */
const HEAD_SYMBOLS: Readonly<Record<string, Record<"upper" | "lower", [string, string]>>> = {
  TeeHead: { upper: ["line-ew", "line-ns"], lower: ["line-ew", "line-ns"] },
  OpenHead: { upper: ["triangle-up-open", "triangle-right-open"], lower: ["triangle-down-open", "triangle-left-open"] },
  NormalHead: { upper: ["triangle-up", "triangle-right"], lower: ["triangle-down", "triangle-left"] },
  VeeHead: { upper: ["arrow-up", "arrow-right"], lower: ["arrow-down", "arrow-left"] },
};

/** The heads of one end of every whisker, as markers. */
function headTrace(state: DocState, whisker: ModelState, end: "upper" | "lower", axes: { x: string; y: string }): PlotlyObject | undefined {
  const head = modelOf(state, refId(whisker.attrs[`${end}Head`]));
  if (head === undefined || !Object.hasOwn(HEAD_SYMBOLS, head.type)) return undefined;
  const { base, vertical, ...ends } = columns(state, whisker.attrs);
  const symbol = HEAD_SYMBOLS[head.type]![end][vertical ? 0 : 1];
  const line = lineStyle(head.attrs);
  const marker = {
    symbol,
    size: asNumber(head.attrs.size, 10),
    color: fillStyle(head.attrs),
    line: { color: line.color, width: Math.max(asNumber(line.width as Value, 1), 1) },
  };
  const values = ends[end];
  return {
    type: "scatter",
    mode: "markers",
    x: vertical ? base : values,
    y: vertical ? values : base,
    marker,
    hoverinfo: "skip",
    showlegend: false,
    xaxis: axes.x,
    yaxis: axes.y,
  };
}

function whiskerTraces(state: DocState, model: ModelState, id: ModelId, axes: { x: string; y: string }): PlotlyObject[] {
  const { base, lower, upper, vertical } = columns(state, model.attrs);
  const along: Value[] = [];
  const across: Value[] = [];
  for (let i = 0; i < base.length; i++) {
    along.push(base[i] ?? null, base[i] ?? null, null);
    across.push(lower[i] ?? null, upper[i] ?? null, null);
  }
  const stems = {
    uid: id,
    type: "scatter",
    mode: "lines",
    x: vertical ? along : across,
    y: vertical ? across : along,
    line: lineStyle(model.attrs),
    hoverinfo: "skip",
    showlegend: false,
    xaxis: axes.x,
    yaxis: axes.y,
  };
  const heads = (["upper", "lower"] as const)
    .map((end) => headTrace(state, model, end, axes))
    .filter((t): t is PlotlyObject => t !== undefined);
  return [stems, ...heads.map((trace, i) => ({ ...trace, uid: `${id}-${i}` }))];
}

/** The traces of a figure's Bands and Whiskers, with the id of the model each draws. */
export function annotationTraces(state: DocState, figure: ModelId, ids: AxisIds): { trace: PlotlyObject; model: ModelId }[] {
  const out: { trace: PlotlyObject; model: ModelId }[] = [];
  for (const id of refIds(modelOf(state, figure)?.attrs.center)) {
    const model = modelOf(state, id);
    if (model === undefined || model.attrs.visible === false) continue;
    const axes = axesFor(ids, model.attrs);
    if (model.type === "Band") out.push({ trace: bandTrace(state, model, id, axes), model: id });
    if (model.type === "Whisker") whiskerTraces(state, model, id, axes).forEach((trace) => out.push({ trace, model: id }));
  }
  return out;
}
