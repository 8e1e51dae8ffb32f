/** One glyph renderer as a Plotly trace over its source's columns (DOM-free). */
import type { DocState, ModelId, Value } from "../../server/protocol/index.ts";
import type { PlotlyObject } from "./figure-spec.ts";
import { colorscaleOf } from "./theme.ts";
import { HOVER_TEMPLATE, hoverSpec, hoverTexts, type Plotted } from "./tooltips.ts";
import { asNumber, asOptionalNumber, asString, modelOf, refId } from "./values.ts";

export function columnOf(data: Value | undefined, name: Value | undefined): Value[] | ArrayLike<number> {
  if (typeof data !== "object" || data === null || typeof name !== "string" || name === "") return [];
  const values = Object.hasOwn(data, name) ? (data as Record<string, Value>)[name] : undefined;
  return Array.isArray(values) || ArrayBuffer.isView(values) ? (values as Value[] | ArrayLike<number>) : [];
}

/** Which of the renderer's columns each trace attribute plots. */
export function plottedColumns(attrs: Record<string, Value>): Plotted {
  const plotted: Plotted = { x: asString(attrs.x), y: asString(attrs.y) };
  if (attrs.glyph === "image") plotted.z = asString(attrs.z);
  return plotted;
}

/** Tooltips as hover text per point in `customdata` (none: Plotly's default hover). */
export function hoverOf(attrs: Record<string, Value>, data: Value | undefined): PlotlyObject {
  const rows = tooltipRows(attrs.tooltips);
  if (rows.length === 0) return {};
  const plotted = plottedColumns(attrs);
  const spec = hoverSpec(rows, plotted);
  const columns = Object.fromEntries(spec.fields.map((field) => [field, columnOf(data, field)]));
  const length = columnOf(data, attrs.x).length;
  return { hovertemplate: HOVER_TEMPLATE, customdata: hoverTexts(spec, columns, length, { plotted, name: asString(attrs.legendLabel) }) };
}

/** The well-formed `[label, template]` rows of a renderer's tooltips. */
export function tooltipRows(tooltips: Value | undefined): [string, string][] {
  if (!Array.isArray(tooltips)) return [];
  return tooltips.filter((row): row is [string, string] => Array.isArray(row) && row.length === 2 && typeof row[0] === "string" && typeof row[1] === "string");
}

const DASHES: Readonly<Record<string, string>> = { solid: "solid", dash: "dash", dot: "dot", dashdot: "dashdot" };

export function traceOf(state: DocState, rendererId: ModelId): PlotlyObject | undefined {
  const attrs = modelOf(state, rendererId)?.attrs;
  if (attrs === undefined) return undefined;
  const data = modelOf(state, refId(attrs.source))?.attrs.data;
  const selected = modelOf(state, refId(attrs.source))?.attrs.selected;
  const legend = asString(attrs.legendLabel);
  // Without a color, Plotly takes the next one of the layout's colorway (the theme's palette).
  const color = asString(attrs.color) || undefined;
  const trace: PlotlyObject = {
    uid: rendererId,
    x: columnOf(data, attrs.x),
    y: columnOf(data, attrs.y),
    name: legend || undefined,
    showlegend: legend !== "",
    opacity: asNumber(attrs.alpha, 1),
    selectedpoints: Array.isArray(selected) && selected.length > 0 ? selected : undefined,
    ...hoverOf(attrs, data),
  };
  const line = { color, width: asNumber(attrs.lineWidth, 2), dash: DASHES[asString(attrs.lineDash)] ?? "solid" };
  switch (attrs.glyph) {
    case "line":
      return { ...trace, type: "scatter", mode: "lines", line };
    case "area":
      return { ...trace, type: "scatter", mode: "lines", fill: "tozeroy", line };
    case "scatter":
      // The server's marker names are Plotly's symbol names.
      return { ...trace, type: "scatter", mode: "markers", marker: { color, size: asNumber(attrs.size, 6), symbol: asString(attrs.marker, "circle") } };
    case "vbar":
      return { ...trace, type: "bar", width: asOptionalNumber(attrs.barWidth), marker: { color } };
    case "hbar":
      return { ...trace, type: "bar", orientation: "h", width: asOptionalNumber(attrs.barWidth), marker: { color } };
    case "image":
      // Columns x, y, z of equal length: Plotly bins them into the grid of cells.
      return { ...trace, type: "heatmap", z: columnOf(data, attrs.z), colorscale: colorscaleOf(attrs.palette), selectedpoints: undefined, showscale: true };
    default:
      return undefined;
  }
}
