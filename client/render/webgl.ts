/**
 * Bokeh's `output_backend="webgl"` as Plotly draws it: the figure's lines and markers become
 * `scattergl` traces. Filled areas, text and the other glyphs keep their SVG traces (Plotly's
 * WebGL scatter has no fills to zero and no text mode worth it). DOM-free.
 */
import type { PlotlyObject } from "./figure-spec.ts";

const GL_MODES = new Set(["lines", "markers", "lines+markers"]);

/** True when the figure asks for WebGL (`outputBackend: "webgl"`). */
export function wantsWebgl(attrs: Record<string, unknown>): boolean {
  return attrs.outputBackend === "webgl";
}

/** The trace as Plotly's WebGL scatter when it is a plain line or marker trace; else as it is. */
export function toWebgl(trace: PlotlyObject): PlotlyObject {
  const plain = trace.type === "scatter" && GL_MODES.has(String(trace.mode)) && (trace.fill === undefined || trace.fill === "none");
  return plain ? { ...trace, type: "scattergl" } : trace;
}
