/**
 * A Figure and its glyphs as Plotly traces and layout, and Plotly's UI events back as
 * attribute values. DOM-free, so it is unit-tested without a browser.
 */
import type { DocState, ModelId, Value } from "../../server/protocol/index.ts";
import { asNumber, asOptionalNumber, asString, modelOf, refId, refIds } from "./values.ts";

export type PlotlyObject = Record<string, unknown>;

export interface FigureSpec {
  traces: PlotlyObject[];
  layout: PlotlyObject;
  /** The source of each trace, by trace index (to map a selection back to sources). */
  sources: (ModelId | undefined)[];
}

export type AxisType = "linear" | "log" | "date" | "category" | "-";

const AXIS_TYPES: Readonly<Record<string, AxisType>> = { linear: "linear", log: "log", datetime: "date", category: "category" };

export function axisTypeOf(state: DocState, figure: ModelId, axis: "x" | "y"): AxisType {
  const type = asString(modelOf(state, figure)?.attrs[`${axis}AxisType`]);
  return Object.hasOwn(AXIS_TYPES, type) ? AXIS_TYPES[type]! : "-";
}

/** The models a figure draws from: its glyph renderers and their sources. */
export function figureDeps(state: DocState, figure: ModelId): ModelId[] {
  const renderers = refIds(modelOf(state, figure)?.attrs.renderers);
  const sources = renderers.map((id) => refId(modelOf(state, id)?.attrs.source));
  return [...renderers, ...sources.filter((id): id is ModelId => id !== undefined)];
}

function column(data: Value | undefined, name: Value | undefined): Value {
  if (typeof data !== "object" || data === null || typeof name !== "string") return [];
  const values = Object.hasOwn(data, name) ? (data as Record<string, Value>)[name] : undefined;
  return Array.isArray(values) || ArrayBuffer.isView(values) ? values! : [];
}

function traceOf(state: DocState, rendererId: ModelId): PlotlyObject | undefined {
  const attrs = modelOf(state, rendererId)?.attrs;
  if (attrs === undefined) return undefined;
  const source = modelOf(state, refId(attrs.source))?.attrs;
  const legend = asString(attrs.legendLabel);
  const color = asString(attrs.color) || undefined;
  const selected = source?.selected;
  const trace: PlotlyObject = {
    uid: rendererId,
    x: column(source?.data, attrs.x),
    y: column(source?.data, attrs.y),
    name: legend || undefined,
    showlegend: legend !== "",
    opacity: asNumber(attrs.alpha, 1),
    selectedpoints: Array.isArray(selected) && selected.length > 0 ? selected : undefined,
  };
  switch (attrs.glyph) {
    case "line":
      return { ...trace, type: "scatter", mode: "lines", line: { color, width: asNumber(attrs.lineWidth, 2) } };
    case "scatter":
      // The server's marker names are Plotly's symbol names.
      return { ...trace, type: "scatter", mode: "markers", marker: { color, size: asNumber(attrs.size, 6), symbol: asString(attrs.marker, "circle") } };
    case "vbar":
      return { ...trace, type: "bar", width: asOptionalNumber(attrs.barWidth), marker: { color } };
    default:
      return undefined;
  }
}

function axisOf(state: DocState, figure: ModelId, axis: "x" | "y"): PlotlyObject {
  const attrs = modelOf(state, figure)?.attrs ?? {};
  const type = axisTypeOf(state, figure, axis);
  const range = attrs[`${axis}Range`];
  const fixed = Array.isArray(range) && range.length === 2 && range.every((end) => typeof end === "number" && Number.isFinite(end));
  const ends = fixed ? (range as number[]).map((end) => (type === "log" ? Math.log10(end) : end)) : undefined;
  return { type, title: { text: asString(attrs[`${axis}AxisLabel`]) }, autorange: !fixed, range: ends };
}

/** `revision` must change on every call: columns edited in place are only redrawn for a new one. */
export function buildFigure(state: DocState, figure: ModelId, revision: number): FigureSpec {
  const attrs = modelOf(state, figure)?.attrs ?? {};
  const renderers = refIds(attrs.renderers);
  const traces: PlotlyObject[] = [];
  const sources: (ModelId | undefined)[] = [];
  for (const id of renderers) {
    const trace = traceOf(state, id);
    if (trace === undefined) continue;
    traces.push(trace);
    sources.push(refId(modelOf(state, id)?.attrs.source));
  }
  const title = asString(attrs.title);
  const width = asOptionalNumber(attrs.width);
  const layout: PlotlyObject = {
    title: { text: title },
    xaxis: axisOf(state, figure, "x"),
    yaxis: axisOf(state, figure, "y"),
    showlegend: attrs.showLegend !== false && traces.some((trace) => trace.showlegend === true),
    width,
    height: asOptionalNumber(attrs.height),
    autosize: width === undefined,
    plot_bgcolor: asString(attrs.background) || undefined,
    margin: { t: title ? 48 : 16, r: 16, b: 48, l: 56 },
    datarevision: revision,
    // Keeps what the person did (legend clicks, hover mode) across redraws.
    uirevision: figure,
  };
  return { traces, layout, sources };
}

/** "2024-05-01 06:30:00.125" (Plotly's UTC-based date text) → ms since the epoch. */
export function plotlyDateToMs(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = /^(-?\d{4,})-(\d\d)-(\d\d)(?:[ T](\d\d)(?::(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?)?$/.exec(value.trim());
  if (match === null) return undefined;
  const [, y, mo, d, hh = "0", mm = "0", ss = "0", frac = ""] = match;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(hh), Number(mm), Number(ss), Number(frac.padEnd(3, "0").slice(0, 3)));
  return date.getTime();
}

function toDataValue(value: unknown, type: AxisType): number | undefined {
  if (type === "date") return plotlyDateToMs(value);
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  return type === "log" ? 10 ** value : value;
}

export type RangeAttrs = Partial<Record<"xRange" | "yRange", [number, number] | null>>;

/** A `plotly_relayout` event (pan, zoom, reset) as new `xRange`/`yRange` values. */
export function rangesFromRelayout(event: Record<string, unknown>, types: { x: AxisType; y: AxisType }): RangeAttrs {
  const out: RangeAttrs = {};
  for (const axis of ["x", "y"] as const) {
    const key = `${axis}axis`;
    if (event[`${key}.autorange`] === true) out[`${axis}Range`] = null;
    const whole = event[`${key}.range`];
    const [start, end] = Array.isArray(whole) ? whole : [event[`${key}.range[0]`], event[`${key}.range[1]`]];
    const from = toDataValue(start, types[axis]);
    const to = toDataValue(end, types[axis]);
    if (from !== undefined && to !== undefined) out[`${axis}Range`] = [from, to];
  }
  return out;
}

/** Selected points per source; every source of the figure appears, so a deselection clears. */
export function selectionFromPoints(
  points: readonly { curveNumber: number; pointIndex?: number; pointNumber?: number }[],
  sources: readonly (ModelId | undefined)[],
): Map<ModelId, number[]> {
  const selection = new Map<ModelId, Set<number>>();
  for (const source of sources) if (source !== undefined) selection.set(source, new Set());
  for (const point of points) {
    const source = sources[point.curveNumber];
    const index = point.pointIndex ?? point.pointNumber;
    if (source !== undefined && index !== undefined) selection.get(source)!.add(index);
  }
  return new Map([...selection].map(([source, indices]) => [source, [...indices].sort((a, b) => a - b)]));
}
