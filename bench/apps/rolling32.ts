/**
 * The rolling example with float32 columns (`?points=1000|10000|100000`), for the
 * "bytes per update with float32 columns" figure: same callback, half the bytes per value.
 */
import { ColumnDataSource, Slider, column, figure, type Document } from "aperture";
import { rollingMean, seaSurfaceTemperature, type Series } from "../../examples/rolling/data.ts";

export const title = "Bench: rolling mean, float32 columns";

interface Series32 {
  series: Series;
  time: Float32Array;
  temperature: Float32Array;
}

const cache = new Map<number, Series32>();
function seriesOf(points: number): Series32 {
  let entry = cache.get(points);
  if (entry === undefined) {
    const series = seaSurfaceTemperature(points);
    entry = { series, time: Float32Array.from(series.time), temperature: Float32Array.from(series.temperature) };
    cache.set(points, entry);
  }
  return entry;
}

const SIZES = [1_000, 10_000, 100_000];

export default function rolling32(doc: Document): void {
  const requested = Number(doc.session.request.arguments.points ?? 10_000);
  const sst = seriesOf(SIZES.includes(requested) ? requested : 10_000);
  const source = new ColumnDataSource({ data: { time: sst.time, temperature: sst.temperature, smoothed: sst.temperature } });
  const plot = figure({ title: "float32", xAxisType: "datetime", yRange: [0, 25], name: "plot" });
  plot.line("time", "temperature", { source });
  plot.line("time", "smoothed", { source });
  const slider = new Slider({ name: "window", start: 0, end: 30, value: 0, step: 1, title: "Smoothing by N Days" });
  slider.onChange("value", (_attr, _old, days: number) => {
    const smoothed = Float32Array.from(rollingMean(sst.series.time, sst.series.temperature, days));
    source.data = { time: sst.time, temperature: sst.temperature, smoothed };
  });
  doc.addRoot(column(slider, plot));
}
