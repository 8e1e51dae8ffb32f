/** The seed's plot: hourly readings and their smoothed line, over one source both apps share. */
import { ColumnDataSource, figure, type Figure } from "aperture";
import type { Series } from "./data.ts";

/** `downsample: false` sends every row of a long series (see docs/plotting.md); `webgl` draws the lines with WebGL. */
export function temperaturePlot(
  sst: Series,
  options: { downsample?: boolean; webgl?: boolean } = {},
): { source: ColumnDataSource; plot: Figure } {
  const downsample = options.downsample ?? true;
  const source = new ColumnDataSource({
    name: "source",
    data: { time: sst.time, temperature: sst.temperature, smoothed: sst.temperature },
  });
  const plot = figure({
    title: "Sea Surface Temperature at 43.18, -70.43",
    xAxisType: "datetime",
    yRange: [0, 25],
    yAxisLabel: "Temperature (Celsius)",
    name: "plot",
    outputBackend: options.webgl === true ? "webgl" : "canvas",
  });
  plot.line("time", "temperature", { source, color: "#a6c8e8", lineWidth: 1, legendLabel: "hourly", downsample });
  plot.line("time", "smoothed", { source, color: "#1f4e8c", lineWidth: 2, legendLabel: "smoothed", downsample });
  return { source, plot };
}
