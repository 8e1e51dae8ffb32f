/**
 * The rolling example written the seed's second way, with declared parameters: the window is
 * a parameter, the slider is generated from its declaration, and the smoothed line is a view
 * that re-runs only when the window changes. Same page, same behaviour as `examples/rolling`,
 * plus a caption bound to the window with `bind` (Panel's `pn.bind`).
 */
import { bind, defineParams, panel, param, ref, view, type Document } from "aperture";
import { rollingMean, seaSurfaceTemperature } from "../rolling/data.ts";
import { temperaturePlot } from "../rolling/plot.ts";

export const title = "Rolling mean, the params way";

// Computed once and shared by every session (never copied per session).
const sst = seaSurfaceTemperature(10_000);

/** Declared once, at load; each session makes its own instance, so one page's slider never moves another's. */
class Smoothing extends defineParams({
  window: param.integer({
    default: 0,
    bounds: [0, 30],
    step: 1,
    label: "Smoothing by N Days",
    doc: "Width of the rolling mean in days; 0 shows the hourly readings unchanged.",
  }),
}) {}

export default function rollingParams(doc: Document): void {
  const settings = new Smoothing();
  const { source, plot } = temperaturePlot(sst);

  // Reading `window` is what makes the view depend on it (tracked on every run).
  const smoothed = view(settings, ({ window }) => {
    source.data = { time: sst.time, temperature: sst.temperature, smoothed: rollingMean(sst.time, sst.temperature, window) };
    return plot;
  });
  const caption = bind(
    (days: number) => (days === 0 ? "Hourly readings, not smoothed." : `Each point is the mean of the ${days * 24} readings before it.`),
    ref(settings, "window"),
  );
  doc.addRoot(panel(settings, smoothed, caption));
}
