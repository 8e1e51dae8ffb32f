/**
 * A bench app for event-loop health and streaming: every session streams `rows` new points
 * into its plot every `every` ms (`?every=100&rows=10`), keeping the last `rollover`
 * (`?rollover=`, default 1,000), as a live dashboard does.
 */
import { ColumnDataSource, column, figure, type Document } from "aperture";

export const title = "Bench: periodic updates";

const ROLLOVER = 1_000;

function positive(value: string | string[] | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

export default function ticker(doc: Document): void {
  const every = positive(doc.session.request.arguments.every, 100);
  const rows = Math.round(positive(doc.session.request.arguments.rows, 10));
  const rollover = Math.round(positive(doc.session.request.arguments.rollover, ROLLOVER));
  const source = new ColumnDataSource({ data: { x: new Float64Array(0), y: new Float64Array(0) } });
  const plot = figure({ title: "ticks", name: "plot" });
  plot.line("x", "y", { source });
  let next = 0;
  doc.addPeriodicCallback(() => {
    const x = new Float64Array(rows);
    const y = new Float64Array(rows);
    for (let i = 0; i < rows; i++, next++) {
      x[i] = next;
      y[i] = Math.sin(next / 50);
    }
    source.stream({ x, y }, rollover);
  }, every);
  doc.addRoot(column(plot));
}
