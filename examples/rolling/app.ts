/**
 * The seed's app: sea surface temperature, raw and smoothed, with a "Smoothing by N Days"
 * slider whose server callback recomputes the rolling mean.
 * `?points=1000|10000|100000|1000000` picks the series length (default 10,000 hourly readings);
 * a series of more than 10,000 is drawn downsampled, every row with `?downsample=0`;
 * `?backend=webgl` draws the lines with WebGL (Bokeh's `output_backend="webgl"`).
 * The "Theme" select sets `doc.theme` to one of Bokeh's built-in themes (`?theme=dark_minimal` too).
 */
import { BUILT_IN_THEMES, Select, Slider, column, row, type BuiltInThemeName, type Document } from "aperture";
import { rollingMean, seaSurfaceTemperature, type Series } from "./data.ts";
import { temperaturePlot } from "./plot.ts";

export const title = "Rolling mean: sea surface temperature";

// Computed once per size and shared by every session (never copied per session).
const series = new Map<number, Series>();
function seriesOf(points: number): Series {
  if (!series.has(points)) series.set(points, seaSurfaceTemperature(points));
  return series.get(points)!;
}

const SIZES = [1_000, 10_000, 100_000, 1_000_000];

export default function rolling(doc: Document): void {
  const requested = Number(doc.session.request.arguments.points ?? 10_000);
  const sst = seriesOf(SIZES.includes(requested) ? requested : 10_000);
  const { downsample, backend } = doc.session.request.arguments;
  const { source, plot } = temperaturePlot(sst, { downsample: downsample !== "0", webgl: backend === "webgl" });

  const slider = new Slider({ name: "window", start: 0, end: 30, value: 0, step: 1, title: "Smoothing by N Days" });
  slider.onChange("value", (_attr, _old, days: number) => {
    source.data = { time: sst.time, temperature: sst.temperature, smoothed: rollingMean(sst.time, sst.temperature, days) };
  });
  const requestedTheme = String(doc.session.request.arguments.theme ?? "");
  const themes = new Select({ name: "theme", title: "Theme", options: ["default", ...Object.keys(BUILT_IN_THEMES)], value: "default" });
  themes.onChange("value", (_attr, _old, name: string) => void (doc.theme = name === "default" ? null : (name as BuiltInThemeName)));
  doc.addRoot(column(row(slider, themes), plot));
  if (Object.hasOwn(BUILT_IN_THEMES, requestedTheme)) themes.value = requestedTheme;
}
