/**
 * The page's plotly.js, loaded by figures only (plotly-loader.ts), so a page without a figure
 * never downloads it and a page with one opens its socket and shows its widgets while this
 * chunk downloads and evaluates. It holds plotly's core as Aperture draws with it
 * (plotly-core.ts: the `scatter` trace and the layout components); every other trace type is
 * a chunk of its own, loaded the first time a figure draws one, so a page of lines downloads
 * no bar, heatmap, image or WebGL code.
 */
import type { PlotlyModule } from "plotly.js/lib/core";
import Plotly from "./plotly-core.ts";
import type { TraceType } from "./traces/index.ts";

type TraceModule = () => Promise<{ default: PlotlyModule }>;

/**
 * Every trace type the glyphs draw besides core's `scatter` (`TRACE_TYPES` in
 * client/render/traces/index.ts). Imported from here, each chunk holds only what this one lacks.
 */
const TRACE_MODULES: Readonly<Record<Exclude<TraceType, "scatter">, TraceModule>> = {
  scattergl: () => import("plotly.js/lib/scattergl"),
  bar: () => import("plotly.js/lib/bar"),
  heatmap: () => import("plotly.js/lib/heatmap"),
  image: () => import("plotly.js/lib/image"),
};

/** Downloads the chunk of one trace type and registers it with Plotly. */
export async function registerTrace(type: Exclude<TraceType, "scatter">): Promise<void> {
  const module = await TRACE_MODULES[type]();
  Plotly.register([module.default]);
}

declare global {
  interface Window {
    /** The page's Plotly, for the bench's Plotly-alone floor and for debugging. */
    Plotly?: typeof Plotly;
  }
}
window.Plotly = Plotly;

export default Plotly;
