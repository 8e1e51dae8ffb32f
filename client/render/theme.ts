/**
 * The default look of figures: a categorical palette for glyphs without a color, light grid
 * lines, the page's font, and a legend that does not cover the data.
 */
import type { PlotlyObject } from "./figure-spec.ts";

/** d3's Category10, Bokeh's default too (the server exports the same list as `Category10`). */
export const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export const AXIS_THEME: PlotlyObject = {
  gridcolor: "#eaeef2",
  zerolinecolor: "#d0d7de",
  linecolor: "#afb8c1",
  showline: true,
  ticks: "outside",
  tickcolor: "#afb8c1",
  automargin: true,
};

const LEGENDS: Readonly<Record<string, PlotlyObject>> = {
  above: { orientation: "h", x: 1, xanchor: "right", y: 1.02, yanchor: "bottom" },
  top_left: { x: 0.01, xanchor: "left", y: 0.99, yanchor: "top" },
  top_right: { x: 0.99, xanchor: "right", y: 0.99, yanchor: "top" },
  bottom_left: { x: 0.01, xanchor: "left", y: 0.01, yanchor: "bottom" },
  bottom_right: { x: 0.99, xanchor: "right", y: 0.01, yanchor: "bottom" },
  right: { x: 1.02, xanchor: "left", y: 1, yanchor: "top" },
};

export function legendAt(location: string): PlotlyObject {
  const inside = location !== "above" && location !== "right";
  const place = Object.hasOwn(LEGENDS, location) ? LEGENDS[location]! : LEGENDS.above!;
  return { ...place, bgcolor: inside ? "rgba(255,255,255,0.8)" : "rgba(0,0,0,0)", bordercolor: "#d0d7de", borderwidth: inside ? 1 : 0 };
}

export const LAYOUT_THEME: PlotlyObject = {
  colorway: PALETTE,
  font: { family: FONT, size: 12, color: "#1f2328" },
  paper_bgcolor: "#ffffff",
  hoverlabel: { bgcolor: "#ffffff", bordercolor: "#afb8c1", font: { family: FONT, color: "#1f2328" } },
};

/** A continuous palette (a Plotly colorscale name, or colors spread evenly low to high). */
export function colorscaleOf(palette: unknown): string | [number, string][] {
  if (typeof palette === "string") return palette.replace(/\d+$/, "") || "Viridis";
  if (Array.isArray(palette) && palette.length >= 2 && palette.every((c) => typeof c === "string")) {
    return palette.map((color, i) => [i / (palette.length - 1), color]);
  }
  return "Viridis";
}
