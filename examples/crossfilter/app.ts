/**
 * Crossfilter: box- or lasso-select cars in the scatter (or click rows of the table) and the
 * server recounts them by origin, summarizes them, and the table and plot highlight the same
 * rows. Clicking a single point shows that car (a `tap` event).
 */
import { ColumnDataSource, Div, Markdown, NumberFormatter, TableColumn, column, dataTable, figure, row, type Document } from "aperture";
import { ORIGINS, makeCars } from "./data.ts";

export const title = "Crossfilter: linked selection";

const cars = makeCars(300);

const mean = (values: Float64Array, rows: readonly number[]) => rows.reduce((sum, i) => sum + values[i]!, 0) / rows.length;

/** The summary of the chosen rows (all of them when none are chosen). */
function summarize(rows: readonly number[]): { counts: number[]; html: string } {
  const chosen = rows.length > 0 ? rows : Array.from(cars.mpg.keys());
  const counts = ORIGINS.map((origin) => chosen.filter((i) => cars.origin[i] === origin).length);
  const label =
    rows.length > 0 ? `<b>${rows.length}</b> of ${cars.mpg.length} cars selected` : `All <b>${cars.mpg.length}</b> cars (none selected)`;
  const html = `${label} · mean mpg <b>${mean(cars.mpg, chosen).toFixed(1)}</b> · mean hp <b>${mean(cars.hp, chosen).toFixed(0)}</b>`;
  return { counts, html };
}

export default function crossfilter(doc: Document): void {
  const source = new ColumnDataSource({ name: "cars", data: { ...cars } });
  const scatter = figure({
    name: "scatter",
    title: "Horsepower and fuel economy",
    xAxisLabel: "horsepower",
    yAxisLabel: "miles per gallon",
    tools: "pan,wheel_zoom,box_select,lasso_select,reset,save",
    activeDrag: "box_select",
    height: 380,
  });
  scatter.scatter("hp", "mpg", {
    source,
    size: 8,
    alpha: 0.8,
    tooltips: [
      ["", "@name"],
      ["origin", "@origin"],
      ["hp", "@hp"],
      ["mpg", "@mpg{0.0}"],
    ],
  });

  const initial = summarize([]);
  const counts = new ColumnDataSource({ data: { origin: [...ORIGINS], cars: new Float64Array(initial.counts) } });
  const bars = figure({ name: "by-origin", title: "Cars by origin", xAxisType: "category", height: 260 });
  bars.vbar("origin", "cars", { source: counts, color: "#2ca02c", barWidth: 0.6, tooltips: [["cars", "@cars"]] });

  const summary = new Div({ name: "summary", text: initial.html });
  const details = new Markdown({ name: "details", text: "_Click a point to see the car._" });

  source.onChange("selected", (_attr, _old, rows: number[]) => {
    const { counts: next, html } = summarize(rows);
    counts.data = { origin: [...ORIGINS], cars: new Float64Array(next) };
    summary.text = html;
  });
  scatter.onTap(({ index }) => {
    details.text = `**${cars.name[index]}** (${cars.origin[index]}, ${cars.year[index]}): ${cars.hp[index]} hp, ${cars.mpg[index]} mpg, ${cars.weight[index]} lb`;
  });

  const mpg = new TableColumn({ field: "mpg", title: "MPG", formatter: new NumberFormatter({ format: "0.0", textAlign: "right" }) });
  const table = dataTable(source, ["name", "origin", "year", ["hp", "Horsepower"], mpg, ["weight", "Weight (lb)"]], {
    name: "table",
    height: 260,
  });
  doc.addRoot(column(row(scatter, column(bars, summary, details)), table));
}
