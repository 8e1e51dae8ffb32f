/**
 * The page's plotly.js: plotly's own partial-bundle route (`plotly.js/lib/core`, which holds
 * `scatter`, plus the trace types registered here), loaded by figures only (plotly-loader.ts),
 * so a page without a figure never downloads it and a page with one opens its socket and shows
 * its widgets while this chunk downloads and evaluates.
 *
 * Every Plotly trace type the glyphs draw (`TRACE_TYPES` in client/render/traces/index.ts)
 * must be registered here: a trace of an unregistered type is drawn as nothing.
 * test/unit/client/render/plotly-bundle.test.ts checks the two lists agree.
 */
import Plotly from "plotly.js/lib/core";
import bar from "plotly.js/lib/bar";
import heatmap from "plotly.js/lib/heatmap";
import image from "plotly.js/lib/image";

/** Trace types besides core's `scatter`. */
export const TRACE_MODULES = { bar, heatmap, image };

Plotly.register(Object.values(TRACE_MODULES));

/**
 * Registers plotly's WebGL scatter (`scattergl`), a chunk of its own loaded only by a figure
 * with `outputBackend: "webgl"`. Imported from here, the chunk holds only what this one lacks.
 */
export async function registerWebgl(): Promise<void> {
  const scattergl = await import("plotly.js/lib/scattergl");
  Plotly.register([scattergl.default]);
}

declare global {
  interface Window {
    /** The page's Plotly, for the bench's Plotly-alone floor and for debugging. */
    Plotly?: typeof Plotly;
  }
}
window.Plotly = Plotly;

export default Plotly;
