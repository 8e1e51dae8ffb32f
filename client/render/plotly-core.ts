/**
 * plotly.js's core as Aperture draws with it: what `plotly.js/lib/core` sets up (the registry,
 * the plot API, the `scatter` trace, the English locales, plotly's CSS), with only the layout
 * components a figure uses. Plotly looks a component up by name and does nothing for one that
 * is not registered, so leaving out those Aperture never asks for (range sliders and selectors,
 * update menus, layout sliders and images, subplot grids, error bars, 3D annotations) costs
 * nothing but their bytes: about 80 KB of script, 21 KB brotli.
 */
import "plotly.js/build/plotcss";
import type { PlotlyApi, PlotlyModule } from "plotly.js/lib/core";
import plotApi from "plotly.js/src/plot_api";
import Plots from "plotly.js/src/plots/plots";
import Registry from "plotly.js/src/registry";
import scatter from "plotly.js/src/traces/scatter";
import annotations from "plotly.js/src/components/annotations";
import colorbar from "plotly.js/src/components/colorbar";
import colorscale from "plotly.js/src/components/colorscale";
import fx from "plotly.js/src/components/fx";
import legend from "plotly.js/src/components/legend";
import modebar from "plotly.js/src/components/modebar";
import selections from "plotly.js/src/components/selections";
import shapes from "plotly.js/src/components/shapes";
import localeEn from "plotly.js/src/locale-en";
import localeEnUs from "plotly.js/src/locale-en-us";

/**
 * What each component draws for Aperture, in plotly's order (legend after shapes, fx after
 * legend: their defaults read the earlier ones').
 */
const COMPONENTS: Record<string, PlotlyModule> = {
  /** Label, LabelSet, Arrow and the extra axis titles. */
  annotations,
  /** Box select's outline. */
  selections,
  /** Span, BoxAnnotation. */
  shapes,
  /** Color mappers on markers and images. */
  colorscale,
  /** ColorBar. */
  colorbar,
  /** Legend. */
  legend,
  /** Hover, tap and the drag tools. */
  fx,
  /** The toolbar. */
  modebar,
};

/** Every method of the plot API, public or not: plotly calls its own through the registry. */
function registerPlotApi(api: Record<string, unknown>): Record<string, unknown> {
  const methods: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(api)) {
    if (typeof fn !== "function") continue;
    Registry.register({ moduleType: "apiMethod", name, fn });
    if (!name.startsWith("_")) methods[name] = fn;
  }
  return methods;
}

const methods = registerPlotApi(plotApi);
Registry.register([scatter]);
Registry.register(Object.values(COMPONENTS));
Registry.register([localeEn, localeEnUs]);

const Plotly = { ...methods, register: Registry.register, Plots: { resize: Plots.resize } } as unknown as PlotlyApi;
export default Plotly;
