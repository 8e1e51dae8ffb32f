/**
 * The page's plotly.js: plotly's own partial-bundle route (`plotly.js/lib/core`, which holds
 * `scatter`, plus the trace types registered here), loaded by figures only (plotly-loader.ts),
 * so a page without a figure never downloads it and a page with one opens its socket and shows
 * its widgets while this chunk downloads and evaluates.
 *
 * Every Plotly trace `type` a glyph draws (client/render/traces.ts) must be registered here:
 * a trace of an unregistered type is drawn as nothing. test/unit/client/render/plotly-bundle.test.ts
 * checks the list against the types the glyphs produce.
 */
import Plotly from "plotly.js/lib/core";
import bar from "plotly.js/lib/bar";
import heatmap from "plotly.js/lib/heatmap";

/** Trace types besides core's `scatter`. */
export const TRACE_MODULES = { bar, heatmap };

Plotly.register(Object.values(TRACE_MODULES));

declare global {
  interface Window {
    /** The page's Plotly, for the bench's Plotly-alone floor and for debugging. */
    Plotly?: typeof Plotly;
  }
}
window.Plotly = Plotly;

export default Plotly;
