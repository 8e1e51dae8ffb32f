/**
 * A million points, drawn as smoothly as a thousand: a random walk of 1,000,000 rows as a line
 * and as markers. The page is sent a min-max decimation of the visible range (about two
 * points per pixel column); zooming in asks the server for the window at full resolution.
 * A box select (the toolbar's "Box Select") selects source rows, which the status line lists:
 * the true rows of the million, as callbacks see them. `?downsample=0` sends every row.
 */
import { ColumnDataSource, Div, column, figure, type Document } from "aperture";
import { seededRandom } from "../rolling/data.ts";

export const title = "A million points";

const ROWS = 1_000_000;

/** Made by the first session and shared by every later one (so serving the gallery costs nothing until then). */
let made: { x: Float64Array; y: Float64Array } | undefined;

function randomWalk(): { x: Float64Array; y: Float64Array } {
  if (made !== undefined) return made;
  const random = seededRandom(7);
  const x = new Float64Array(ROWS);
  const y = new Float64Array(ROWS);
  let level = 0;
  for (let i = 0; i < ROWS; i++) {
    level += random() - 0.5;
    x[i] = i;
    y[i] = level;
  }
  made = { x, y };
  return made;
}

function describeSelection(rows: readonly number[]): string {
  if (rows.length === 0) return "Nothing selected: drag a box with Box Select.";
  const shown = rows.slice(0, 20).join(", ");
  return `Selected ${rows.length} rows: ${shown}${rows.length > 20 ? ", …" : ""}`;
}

export default function million(doc: Document): void {
  const downsample = doc.session.request.arguments.downsample !== "0";
  const walk = randomWalk();
  const line = new ColumnDataSource({ name: "line", data: { x: walk.x, y: walk.y } });
  const points = new ColumnDataSource({ name: "points", data: { x: walk.x, y: walk.y } });
  const plot = figure({ name: "plot", title: "Random walk, 1,000,000 rows", height: 360, activeDrag: "zoom" });
  plot.line("x", "y", { source: line, lineWidth: 1, downsample, legendLabel: "line" });
  const dots = figure({ name: "dots", title: "The same rows as markers", height: 360, activeDrag: "select" });
  dots.scatter("x", "y", { source: points, size: 3, downsample, legendLabel: "markers" });
  const status = new Div({ name: "status", text: describeSelection([]) });
  points.onChange("selected", (_attr, _old, rows) => {
    status.text = describeSelection(rows);
    // The tab says it too (doc.title is the page's <title>, live).
    doc.title = rows.length === 0 ? title : `${rows.length} selected · ${title}`;
  });
  doc.addRoot(column(plot, dots, status));
}
