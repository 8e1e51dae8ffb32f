/**
 * The annotations that sit at fixed places (Span, BoxAnnotation, Label, Arrow) as Plotly
 * layout `shapes` and `annotations`. They are a function of the annotation models alone, so
 * a change to one is redrawn with a Plotly relayout of these two lists (no trace is rebuilt).
 * A side left null reaches the plot's edge: that coordinate refers to the axis domain.
 */
import type { DocState, ModelId, ModelState, Value } from "../../../server/protocol/index.ts";
import { escapeHtml } from "../../../server/protocol/format.ts";
import { axesFor, type AxisIds } from "../axis-ids.ts";
import type { PlotlyObject } from "../figure-spec.ts";
import { asNumber, asOptionalNumber, asString, modelOf, refId, refIds } from "../values.ts";
import { labelSetAnnotations } from "./from-source.ts";
import { X_ANCHORS, Y_ANCHORS, fillStyle, fontStyle, lineStyle, plotlyAngle, withAlpha } from "./style.ts";

type Attrs = Readonly<Record<string, Value>>;

export interface LayoutMarks {
  shapes: PlotlyObject[];
  annotations: PlotlyObject[];
}

/** One side of a box: a data value, or (null) the edge of the plot, in the axis' domain. */
function side(value: Value | undefined, axis: string, edge: 0 | 1): [string, number] {
  const data = asOptionalNumber(value);
  return data === undefined ? [`${axis} domain`, edge] : [axis, data];
}

function span(attrs: Attrs, axes: { x: string; y: string }): PlotlyObject | undefined {
  const location = asOptionalNumber(attrs.location);
  if (location === undefined) return undefined;
  const across = asString(attrs.dimension) === "height";
  const line = lineStyle(attrs);
  return across
    ? { type: "line", xref: axes.x, yref: `${axes.y} domain`, x0: location, x1: location, y0: 0, y1: 1, line }
    : { type: "line", xref: `${axes.x} domain`, yref: axes.y, x0: 0, x1: 1, y0: location, y1: location, line };
}

function box(attrs: Attrs, axes: { x: string; y: string }): PlotlyObject {
  const [x0ref, x0] = side(attrs.left, axes.x, 0);
  const [x1ref, x1] = side(attrs.right, axes.x, 1);
  const [y0ref, y0] = side(attrs.bottom, axes.y, 0);
  const [y1ref, y1] = side(attrs.top, axes.y, 1);
  // Plotly takes one ref per coordinate when they differ (a box open on one side).
  const xref = x0ref === x1ref ? x0ref : [x0ref, x1ref];
  const yref = y0ref === y1ref ? y0ref : [y0ref, y1ref];
  return { type: "rect", xref, yref, x0, x1, y0, y1, fillcolor: fillStyle(attrs), line: lineStyle(attrs), layer: "below" };
}

/** A Label: data units, or pixels from the plot's lower-left corner (`"screen"`), as a domain ref shifted by pixels. */
function label(attrs: Attrs, axes: { x: string; y: string }): PlotlyObject {
  const screenX = asString(attrs.xUnits) === "screen";
  const screenY = asString(attrs.yUnits) === "screen";
  const [x, y] = [asNumber(attrs.x, 0), asNumber(attrs.y, 0)];
  return {
    text: escapeHtml(asString(attrs.text)),
    showarrow: false,
    xref: screenX ? `${axes.x} domain` : axes.x,
    yref: screenY ? `${axes.y} domain` : axes.y,
    x: screenX ? 0 : x,
    y: screenY ? 0 : y,
    xshift: (screenX ? x : 0) + asNumber(attrs.xOffset, 0),
    yshift: (screenY ? y : 0) + asNumber(attrs.yOffset, 0),
    xanchor: X_ANCHORS[asString(attrs.textAlign)] ?? "left",
    yanchor: Y_ANCHORS[asString(attrs.textBaseline)] ?? "bottom",
    textangle: plotlyAngle(attrs),
    font: fontStyle(attrs),
    bgcolor: withAlpha(attrs.backgroundFillColor, asNumber(attrs.backgroundFillAlpha, 1)),
    bordercolor: withAlpha(attrs.borderLineColor, 1),
  };
}

/** Plotly's arrow head shapes for Bokeh's heads (Plotly has no bar head: a TeeHead draws as its square). */
const HEADS: Readonly<Record<string, number>> = { OpenHead: 4, NormalHead: 2, VeeHead: 3, TeeHead: 7 };

function head(state: DocState, value: Value | undefined, width: number): { style: number; size: number } | undefined {
  const model = modelOf(state, refId(value));
  if (model === undefined || !Object.hasOwn(HEADS, model.type)) return undefined;
  // Plotly's heads are about 6 line widths long at size 1; Bokeh's `size` is in pixels.
  const size = Math.min(10, Math.max(0.3, asNumber(model.attrs.size, 25) / (6 * Math.max(width, 0.5))));
  return { style: HEADS[model.type]!, size };
}

function arrow(state: DocState, attrs: Attrs, axes: { x: string; y: string }): PlotlyObject {
  const line = lineStyle(attrs);
  const width = asNumber(line.width as Value, 1);
  const end = head(state, attrs.end, width);
  const start = head(state, attrs.start, width);
  const arrowside = end && start ? "end+start" : start ? "start" : end ? "end" : "none";
  return {
    text: "",
    showarrow: true,
    xref: axes.x,
    yref: axes.y,
    axref: axes.x,
    ayref: axes.y,
    x: asNumber(attrs.xEnd, 0),
    y: asNumber(attrs.yEnd, 0),
    ax: asNumber(attrs.xStart, 0),
    ay: asNumber(attrs.yStart, 0),
    arrowcolor: line.color,
    arrowwidth: Math.max(width, 0.1),
    arrowside,
    arrowhead: end?.style ?? 0,
    arrowsize: end?.size ?? 1,
    startarrowhead: start?.style ?? 0,
    startarrowsize: start?.size ?? 1,
  };
}

/** The shapes and annotations of a figure's `center` models, on the axes their range names pick. */
export function layoutMarks(state: DocState, figure: ModelId, ids: AxisIds): LayoutMarks {
  const marks: LayoutMarks = { shapes: [], annotations: [] };
  for (const id of refIds(modelOf(state, figure)?.attrs.center)) {
    const model = modelOf(state, id);
    if (model === undefined || model.attrs.visible === false) continue;
    addMark(state, model, ids, marks);
  }
  return marks;
}

function addMark(state: DocState, model: ModelState, ids: AxisIds, marks: LayoutMarks): void {
  const axes = axesFor(ids, model.attrs);
  if (model.type === "Span") {
    const line = span(model.attrs, axes);
    if (line !== undefined) marks.shapes.push(line);
  } else if (model.type === "BoxAnnotation") marks.shapes.push(box(model.attrs, axes));
  else if (model.type === "Label") marks.annotations.push(label(model.attrs, axes));
  else if (model.type === "Arrow") marks.annotations.push(arrow(state, model.attrs, axes));
  else if (model.type === "LabelSet") marks.annotations.push(...labelSetAnnotations(state, model, ids));
}

/** Model types drawn only into the layout's shapes and annotations (a change to one needs no new traces). */
export const LAYOUT_MARK_TYPES: ReadonlySet<string> = new Set([
  "Span",
  "BoxAnnotation",
  "Label",
  "Arrow",
  "OpenHead",
  "NormalHead",
  "VeeHead",
  "TeeHead",
  "LabelSet",
]);
