/**
 * Glyph renderers as Plotly traces (DOM-free). One drawing function per glyph; a glyph draws
 * one trace, or several when Plotly colors per trace (filled shapes by fill color and legend).
 */
import type { DocState, ModelId } from "../../../server/protocol/index.ts";
import type { Drawn } from "./base.ts";
import { drawHbar, drawQuad, drawVbar } from "./bars.ts";
import { drawImage, drawImageRgba } from "./images.ts";
import { drawArea, drawLine, drawMultiLine, drawRay, drawScatter, drawSegment, drawStep, drawText } from "./points.ts";
import {
  drawAnnularWedge,
  drawCircle,
  drawEllipse,
  drawHarea,
  drawHexTile,
  drawPatch,
  drawPatches,
  drawRect,
  drawVarea,
  drawWedge,
} from "./polygons.ts";
import { downsampledData } from "./downsampled.ts";
import { glyphData, type GlyphData } from "./resolve.ts";
import { mapRows, subset, viewRows } from "./view.ts";
import { modelOf, refIds } from "../values.ts";
import { wantsWebgl } from "../webgl.ts";

export { columnOf } from "./resolve.ts";
export { formattersOf, hoverOf, plottedColumns, tooltipRows, type Drawn } from "./base.ts";

/**
 * Every Plotly trace type the client draws, in one place: the plotly chunk holds `scatter`
 * and loads each other one when a figure first draws it (plotly-bundle.ts).
 */
export const TRACE_TYPES = ["scatter", "scattergl", "bar", "heatmap", "image"] as const;
export type TraceType = (typeof TRACE_TYPES)[number];

/** The glyphs not drawn as `scatter` traces (`scattergl` for a figure with `outputBackend: "webgl"`). */
const TRACE_TYPE_OF_GLYPH: Readonly<Record<string, TraceType>> = {
  vbar: "bar",
  hbar: "bar",
  quad: "bar",
  image: "heatmap",
  imageRgba: "image",
};

const GLYPHS: Readonly<Record<string, (g: GlyphData) => Drawn[]>> = {
  line: drawLine,
  step: drawStep,
  area: drawArea,
  scatter: drawScatter,
  text: drawText,
  segment: drawSegment,
  ray: drawRay,
  multiLine: drawMultiLine,
  vbar: drawVbar,
  hbar: drawHbar,
  quad: drawQuad,
  image: drawImage,
  imageRgba: drawImageRgba,
  rect: drawRect,
  ellipse: drawEllipse,
  wedge: drawWedge,
  annularWedge: drawAnnularWedge,
  circle: drawCircle,
  hexTile: drawHexTile,
  patches: drawPatches,
  patch: drawPatch,
  varea: drawVarea,
  harea: drawHarea,
};

/** The traces of one glyph renderer (none for a missing renderer or an unknown glyph). */
export function tracesOf(state: DocState, rendererId: ModelId): Drawn[] {
  const g = glyphData(state, rendererId);
  const glyph = g === undefined ? undefined : typeof g.attrs.glyph === "string" ? g.attrs.glyph : "";
  if (g === undefined || glyph === undefined || !Object.hasOwn(GLYPHS, glyph)) return [];
  const draw = GLYPHS[glyph]!;
  const decimated = downsampledData(g);
  if (decimated !== undefined) return mapRows(draw(decimated.data), decimated.rows);
  const rows = viewRows(g);
  return rows === undefined ? draw(g) : mapRows(draw(subset(g, rows)), rows);
}

/** The trace types a figure's glyphs will draw, known before drawing them: what plotly must register first. */
export function figureTraceTypes(state: DocState, figure: ModelId): Set<TraceType> {
  const attrs = modelOf(state, figure)?.attrs ?? {};
  const types = new Set<TraceType>(["scatter"]);
  if (wantsWebgl(attrs)) types.add("scattergl");
  for (const id of refIds(attrs.renderers)) {
    const glyph = modelOf(state, id)?.attrs.glyph;
    if (typeof glyph === "string" && Object.hasOwn(TRACE_TYPE_OF_GLYPH, glyph)) types.add(TRACE_TYPE_OF_GLYPH[glyph]!);
  }
  return types;
}
