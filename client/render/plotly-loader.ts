/**
 * Loads the plotly chunk once per page, on first use by a figure. The figure view draws as
 * soon as it is in; until then it keeps collecting what changed (see plotly.ts).
 */
import type { PlotlyApi } from "plotly.js/lib/core";

let loading: Promise<PlotlyApi> | undefined;

export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import("./plotly-bundle.ts").then((module) => module.default);
  return loading;
}

let loadingGl: Promise<PlotlyApi> | undefined;

/** Plotly with its WebGL scatter registered, for figures with `outputBackend: "webgl"`. */
export function loadWebglPlotly(): Promise<PlotlyApi> {
  loadingGl ??= import("./plotly-bundle.ts").then(async (module) => {
    await module.registerWebgl();
    return module.default;
  });
  return loadingGl;
}
