/**
 * A Figure and its glyphs as Plotly traces and layout, and Plotly's UI events back as
 * attribute values. DOM-free, so it is unit-tested without a browser.
 */
import type { DocState, ModelId } from "../../server/protocol/index.ts";
import { plotlyDateToMs } from "./date-axis.ts";
import { dateAxis, dateHover, toTimeColumns, type DateAxes, type TickCover } from "./date-figure.ts";
import { escapeHtml } from "../../server/protocol/format.ts";
import { factorAxisLayout, factorCoordinates, factorMargins, factorScales, type FactorScale } from "./factors.ts";
import { colorBarTraces } from "./color-bar.ts";
import { decorateLayout, decorateTraces } from "./figure-decorations.ts";
import { AXIS_THEME, LAYOUT_THEME, legendAt } from "./theme.ts";
import { inspection, silenceUninspected } from "./hover-tool.ts";
import { rangeEnds, type DrawnAxis } from "./ranges.ts";
import { toolbarLayout, toolsOf, type Tools } from "./toolbar.ts";
import { tracesOf } from "./traces/index.ts";
import { toWebgl, wantsWebgl } from "./webgl.ts";
import { asOptionalNumber, asString, modelOf, refId, refIds, refsIn } from "./values.ts";

export type PlotlyObject = Record<string, unknown>;

export interface FigureSpec {
  traces: PlotlyObject[];
  layout: PlotlyObject;
  /** The source of each trace, by trace index (to map a selection back to sources). */
  sources: (ModelId | undefined)[];
  /** The glyph renderer of each trace, by trace index (to name the glyph of a click). */
  renderers: ModelId[];
  /** Which axes are datetime axes (drawn as linear axes of ms). */
  dates: DateAxes;
  /** The values the date ticks of autoranged date axes reach (appended rows beyond need new ticks). */
  tickCover: TickCover;
  /** The source row of each point, by trace index, for traces that draw rows out of order. */
  rows: (readonly number[] | undefined)[];
  /** The figure's toolbar (Plotly's config and the tap tool come from it). */
  tools: Tools;
  /** False when streamed rows must be redrawn whole (factor axes place values at coordinates). */
  appendable: boolean;
}

export type AxisType = "linear" | "log" | "date" | "category" | "-";

const AXIS_TYPES: Readonly<Record<string, AxisType>> = { linear: "linear", log: "log", datetime: "date", category: "category" };

export function axisTypeOf(state: DocState, figure: ModelId, axis: "x" | "y"): AxisType {
  const type = asString(modelOf(state, figure)?.attrs[`${axis}AxisType`]);
  return Object.hasOwn(AXIS_TYPES, type) ? AXIS_TYPES[type]! : "-";
}

/** The models a figure draws from: its glyph renderers and every model they refer to (sources, views, filters, mappers). */
export function figureDeps(state: DocState, figure: ModelId): ModelId[] {
  const seen = new Set<ModelId>([figure]);
  const visit = (id: ModelId) => {
    if (seen.has(id) || seen.size > 10_000) return;
    seen.add(id);
    for (const value of Object.values(modelOf(state, id)?.attrs ?? {})) refsIn(value).forEach(visit);
  };
  const attrs = modelOf(state, figure)?.attrs ?? {};
  for (const key of [
    "renderers",
    "right",
    "left",
    "above",
    "below",
    "center",
    "xRange",
    "yRange",
    "extraXRanges",
    "extraYRanges",
    "toolbar",
  ])
    refsIn(attrs[key]).forEach(visit);
  seen.delete(figure);
  return [...seen];
}

/** Default axis lengths in px, for the tick density of date axes when the figure sets none. */
const DEFAULT_SIZE = { x: 700, y: 400 } as const;

interface Axis {
  layout: PlotlyObject;
  /** An autoranged datetime axis: the first and last tick. */
  cover?: [number, number];
}

function axisOf(state: DocState, figure: ModelId, axis: "x" | "y", traces: readonly PlotlyObject[], pixels: number): Axis {
  const attrs = modelOf(state, figure)?.attrs ?? {};
  const type = axisTypeOf(state, figure, axis);
  const range = rangeEnds(state, figure, axis);
  const fixed = range !== undefined;
  const ends = range?.map((end) => (type === "log" ? Math.log10(end) : end));
  const title = { text: escapeHtml(asString(attrs[`${axis}AxisLabel`])) };
  const factors = factorScales(state, figure)[axis];
  if (factors !== undefined) return { layout: { ...AXIS_THEME, title, ...factorAxisLayout(factors) } };
  const layout: PlotlyObject = { ...AXIS_THEME, type, title, autorange: !fixed, range: ends };
  if (type !== "date") return { layout };
  const date = dateAxis(traces, axis, ends, pixels);
  return { layout: { ...layout, ...date.layout }, ...(fixed ? {} : { cover: date.cover }) };
}

export interface BuildOptions {
  /** The figure's size on screen (px), for the tick density of date axes. */
  size?: { width?: number; height?: number };
}

/**
 * `revision` must change on every call: columns edited in place are only redrawn for a new one.
 * Datetime axes reach Plotly as linear axes of ms with Aperture's date ticks (date-figure.ts).
 */
export function buildFigure(state: DocState, figure: ModelId, revision: number, options: BuildOptions = {}): FigureSpec {
  const attrs = modelOf(state, figure)?.attrs ?? {};
  const dates: DateAxes = { x: axisTypeOf(state, figure, "x") === "date", y: axisTypeOf(state, figure, "y") === "date" };
  const traces: PlotlyObject[] = [];
  const sources: (ModelId | undefined)[] = [];
  const renderers: ModelId[] = [];
  const rows: (readonly number[] | undefined)[] = [];
  const tools = toolsOf(state, figure);
  const hover = inspection(state, figure, tools);
  for (const id of refIds(attrs.renderers)) {
    for (const drawn of tracesOf(hover.state, id)) {
      toTimeColumns(drawn.trace, dates);
      traces.push(drawn.trace);
      sources.push(refId(modelOf(state, id)?.attrs.source));
      renderers.push(id);
      rows.push(drawn.rows);
    }
  }
  decorateTraces(state, figure, { traces, sources, renderers, rows });
  const factors = placeFactors(state, figure, traces);
  for (const trace of colorBarTraces(state, figure)) {
    traces.push(trace);
    sources.push(undefined);
    renderers.push(String(trace.uid));
    rows.push([]);
  }
  const title = asString(attrs.title);
  const width = asOptionalNumber(attrs.width);
  const height = asOptionalNumber(attrs.height);
  const xaxis = axisOf(state, figure, "x", traces, options.size?.width ?? width ?? DEFAULT_SIZE.x);
  const yaxis = axisOf(state, figure, "y", traces, options.size?.height ?? height ?? DEFAULT_SIZE.y);
  for (const trace of traces) dateHover(trace, dates);
  silenceUninspected(traces, renderers, state, hover.inspected);
  const bar = toolbarLayout(tools);
  const margin = { t: title ? 56 : 24, r: 16, b: 48, l: 56 };
  for (const rooms of [bar.margin, factorMargins(state, figure)])
    for (const [side, room] of Object.entries(rooms)) margin[side as keyof typeof margin] += room;
  const layout: PlotlyObject = {
    ...LAYOUT_THEME,
    title: { text: escapeHtml(title), x: 0.01, xanchor: "left", font: { size: 16 } },
    xaxis: { ...xaxis.layout, ...bar.xaxis },
    yaxis: { ...yaxis.layout, ...bar.yaxis },
    showlegend: attrs.showLegend !== false && traces.some((trace) => trace.showlegend === true),
    // Plotly fills the figure's element, which the figure's sizing sizes (sizing.ts).
    autosize: true,
    legend: legendAt(asString(attrs.legendLocation, "above")),
    plot_bgcolor: asString(attrs.backgroundFillColor, "rgba(0,0,0,0)"),
    paper_bgcolor: asString(attrs.borderFillColor, "rgba(0,0,0,0)"),
    ...bar.layout,
    margin,
    datarevision: revision,
    // Keeps what the person did (legend clicks, hover mode) across redraws.
    uirevision: figure,
  };
  const sizes = { x: options.size?.width ?? width ?? DEFAULT_SIZE.x, y: options.size?.height ?? height ?? DEFAULT_SIZE.y };
  decorateLayout(state, figure, layout, { traces, sizes, dates });
  // Bokeh's factor labels are horizontal unless the axis model turns them (Plotly would tilt crowded ones).
  for (const letter of Object.keys(factorScales(state, figure))) (layout[`${letter}axis`] as PlotlyObject).tickangle ??= 0;
  const tickCover: TickCover = {};
  if (xaxis.cover) tickCover.x = xaxis.cover;
  if (yaxis.cover) tickCover.y = yaxis.cover;
  const drawn = wantsWebgl(attrs) ? traces.map(toWebgl) : traces;
  return { traces: drawn, layout, sources, renderers, dates, tickCover, rows, tools, appendable: !factors };
}

/** Factors of a FactorRange axis as their coordinates, in the traces on that axis; true when there were any. */
function placeFactors(state: DocState, figure: ModelId, traces: PlotlyObject[]): boolean {
  const scales = factorScales(state, figure);
  for (const [letter, scale] of Object.entries(scales) as ["x" | "y", FactorScale][]) {
    for (const trace of traces) {
      const values = trace[letter];
      if ((trace[`${letter}axis`] ?? letter) === letter && Array.isArray(values)) trace[letter] = factorCoordinates(scale, values);
    }
  }
  return Object.keys(scales).length > 0;
}

function toDataValue(value: unknown, type: AxisType): number | undefined {
  if (type === "date") return plotlyDateToMs(value);
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  return type === "log" ? 10 ** value : value;
}

/** New ends per range, by the name a pan writes it under (`xRange`, `yRange`, `extraYRanges.<name>`); null: fit the data. */
export type RangeAttrs = Partial<Record<string, [number, number] | null>>;

/** A `plotly_relayout` event (pan, zoom, reset) as new values of the ranges of the axes it moved. */
export function rangesFromRelayout(event: Record<string, unknown>, axes: readonly DrawnAxis[]): RangeAttrs {
  const out: RangeAttrs = {};
  for (const { key, name, type } of axes) {
    if (event[`${key}.autorange`] === true) out[name] = null;
    const whole = event[`${key}.range`];
    const [start, end]: unknown[] = Array.isArray(whole) ? (whole as unknown[]) : [event[`${key}.range[0]`], event[`${key}.range[1]`]];
    const from = toDataValue(start, type);
    const to = toDataValue(end, type);
    if (from !== undefined && to !== undefined) out[name] = [from, to];
  }
  return out;
}

/** Selected points per source; every source of the figure appears, so a deselection clears. */
export function selectionFromPoints(
  points: readonly { curveNumber: number; pointIndex?: unknown; pointNumber?: unknown }[],
  sources: readonly (ModelId | undefined)[],
  rows: readonly (readonly number[] | undefined)[] = [],
): Map<ModelId, number[]> {
  const selection = new Map<ModelId, Set<number>>();
  for (const source of sources) if (source !== undefined) selection.set(source, new Set());
  for (const point of points) {
    const source = sources[point.curveNumber];
    const index = rowOf(point, rows[point.curveNumber]);
    if (source !== undefined && index !== undefined) selection.get(source)!.add(index);
  }
  return new Map([...selection].map(([source, indices]) => [source, [...indices].sort((a, b) => a - b)]));
}

/** A click on a point as a `tap` payload: the point's glyph renderer and its row. */
export function tapFromClick(
  points: readonly { curveNumber: number; pointIndex?: unknown; pointNumber?: unknown }[],
  renderers: readonly ModelId[],
  rows: readonly (readonly number[] | undefined)[] = [],
): { renderer: ModelId; index: number } | undefined {
  const point = points[0];
  const renderer = point === undefined ? undefined : renderers[point.curveNumber];
  const index = point === undefined ? undefined : rowOf(point, rows[point.curveNumber]);
  if (renderer === undefined || index === undefined) return undefined;
  return { renderer, index };
}

/** The source row of a point (heatmap cells have [row, column] pairs, not source rows: none). */
function rowOf(point: { pointIndex?: unknown; pointNumber?: unknown }, rows: readonly number[] | undefined): number | undefined {
  const index = point.pointIndex ?? point.pointNumber;
  if (typeof index !== "number" || !Number.isSafeInteger(index)) return undefined;
  return rows === undefined ? index : rows[index];
}
