/**
 * A live line: every 100 ms the server appends a batch of points (a random walk) to the
 * source with `stream(rows, 1000)`, so only the new rows travel and the page appends them
 * to the plot. The button pauses and resumes; while paused the clock keeps ticking and the
 * status line counts the batches skipped.
 * `?batch=N` (1–100) sets the points per batch (default 10); `?rollover=N` the points kept.
 */
import { Button, ColumnDataSource, Div, column, figure, row, type Document } from "aperture";

export const title = "Streaming: a live random walk";

const INTERVAL_MS = 100;

/** A small seeded generator, so every session draws the same walk (and tests can reason about it). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function argument(doc: Document, name: string, fallback: number, max: number): number {
  const value = Number(doc.session.request.arguments[name] ?? fallback);
  return Number.isInteger(value) && value >= 1 && value <= max ? value : fallback;
}

export default function streaming(doc: Document): void {
  const batch = argument(doc, "batch", 10, 100);
  const rollover = argument(doc, "rollover", 1000, 100_000);
  const random = mulberry32(42);
  let step = 0;
  let level = 0;
  /** The next `count` steps of the walk, as typed columns (binary on the wire). */
  const walk = (count: number) => {
    const steps = new Float64Array(count);
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      level += random() - 0.5;
      steps[i] = step++;
      values[i] = level;
    }
    return { step: steps, value: values };
  };

  const source = new ColumnDataSource({ name: "walk", data: walk(100) });
  const plot = figure({
    title: `Random walk, last ${rollover.toLocaleString("en")} points`,
    name: "live",
    height: 360,
    xAxisLabel: "step",
    yAxisLabel: "value",
  });
  plot.line("step", "value", {
    source,
    legendLabel: "walk",
    tooltips: [
      ["step", "@step"],
      ["value", "@value{0.000}"],
    ],
  });

  const button = new Button({ label: "Pause", buttonType: "primary", name: "pause" });
  const status = new Div({ name: "status", text: "Streaming" });
  let running = true;
  let skipped = 0;

  doc.addPeriodicCallback(() => {
    if (!running) {
      skipped += 1;
      status.text = `Paused: ${skipped} batch${skipped === 1 ? "" : "es"} skipped`;
      return;
    }
    source.stream(walk(batch), rollover);
  }, INTERVAL_MS);

  button.onClick(() => {
    running = !running;
    skipped = 0;
    button.label = running ? "Pause" : "Resume";
    button.buttonType = running ? "primary" : "success";
    status.text = running ? "Streaming" : "Paused";
  });

  doc.addRoot(column(row(button, status), plot));
}
