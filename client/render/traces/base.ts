/** What every glyph's traces share: uid, legend name, opacity, visibility, selection, hover and line style. */
import type { Value } from "../../../server/protocol/index.ts";
import { escapeHtml, type Formatters } from "../../../server/protocol/format.ts";
import type { PlotlyObject } from "../figure-spec.ts";
import { HOVER_TEMPLATE, hoverSpec, hoverTexts, type Plotted } from "../tooltips.ts";
import { asNumber, asString, modelOf, refId } from "../values.ts";
import { columnOf, plotlyVisual, visual, type GlyphData } from "./resolve.ts";

/** A drawn trace, and (when it draws only some rows, in another order) the source row of each point. */
export interface Drawn {
  trace: PlotlyObject;
  rows?: readonly number[];
}

/** Which of the renderer's columns each trace attribute plots. */
export function plottedColumns(attrs: Record<string, Value>): Plotted {
  const plotted: Plotted = { x: asString(attrs.x), y: asString(attrs.y) };
  if (attrs.glyph === "image") plotted.z = asString(attrs.z);
  return plotted;
}

/** Tooltips as hover text per point in `customdata` (none: Plotly's default hover); `rows` picks and orders the points. */
export function hoverOf(g: GlyphData, rows?: readonly number[]): PlotlyObject {
  const tooltips = tooltipRows(g.attrs.tooltips);
  if (tooltips.length === 0) return {};
  const plotted = plottedColumns(g.attrs);
  const spec = hoverSpec(tooltips, plotted);
  const columns = Object.fromEntries(spec.fields.map((field) => [field, columnOf(g.data, field)]));
  const texts = hoverTexts(spec, columns, g.length, { plotted, name: asString(g.attrs.legendLabel), formatters: formattersOf(g.attrs) });
  return { hovertemplate: HOVER_TEMPLATE, customdata: rows === undefined ? texts : rows.map((i) => texts[i]) };
}

/** The formatters a HoverTool lent the glyph with its tooltips (hover-tool.ts). */
export function formattersOf(attrs: Record<string, Value>): Formatters | undefined {
  const formatters = attrs.hoverFormatters;
  return typeof formatters === "object" && formatters !== null && !Array.isArray(formatters) && !ArrayBuffer.isView(formatters)
    ? (formatters as Formatters)
    : undefined;
}

/** The well-formed `[label, template]` rows of a renderer's tooltips. */
export function tooltipRows(tooltips: Value | undefined): [string, string][] {
  if (!Array.isArray(tooltips)) return [];
  return tooltips.filter(
    (row): row is [string, string] => Array.isArray(row) && row.length === 2 && typeof row[0] === "string" && typeof row[1] === "string",
  );
}

const DASHES: Readonly<Record<string, string>> = {
  solid: "solid",
  dash: "dash",
  dashed: "dash",
  dot: "dot",
  dotted: "dot",
  dashdot: "dashdot",
};

/** Bokeh's `lineDash` name as Plotly's `dash` (solid for anything else). */
export function plotlyDash(value: Value | undefined): string {
  return DASHES[asString(value)] ?? "solid";
}

/** A single color for what Plotly colors per trace (lines, fills); per-row colors take the first. */
export function singleColor(g: GlyphData, key: "lineColor" | "fillColor"): string | undefined {
  const value = plotlyVisual(visual(g, key, "color"));
  const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === "string" && first !== "" ? first : undefined;
}

export function lineOf(g: GlyphData): PlotlyObject {
  return { color: singleColor(g, "lineColor"), width: asNumber(g.attrs.lineWidth, 2), dash: plotlyDash(g.attrs.lineDash) };
}

/** The trace attributes every glyph has. */
export function baseTrace(g: GlyphData, rows?: readonly number[]): PlotlyObject {
  const legend = asString(g.attrs.legendLabel);
  const alpha = g.attrs.alpha;
  const selected = modelOf(g.state, refId(g.attrs.source))?.attrs.selected;
  return {
    uid: g.id,
    name: legend === "" ? undefined : escapeHtml(legend),
    showlegend: legend !== "",
    // A muted glyph (a legend click with clickPolicy "mute") is drawn at its mutedAlpha, as Bokeh's muted_glyph.
    opacity: g.attrs.muted === true ? asNumber(g.attrs.mutedAlpha, 0.2) : typeof alpha === "number" ? alpha : 1,
    visible: g.attrs.visible === false ? false : undefined,
    selectedpoints: rows === undefined && Array.isArray(selected) && selected.length > 0 ? selected : undefined,
    ...hoverOf(g, rows),
  };
}
