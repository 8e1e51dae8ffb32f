/**
 * Layouts and sizing, as a Bokeh dashboard has them: controls beside a plot that fills the
 * rest of the row, a `gridplot` of four plots in two columns, a wide plot that keeps its
 * aspect ratio (`scale_width`), and a fixed-size plot. On a narrow window (a phone, 640 px)
 * the row wraps, the grid drops to one column and the fixed plot shrinks to the window, so
 * every plot stays readable, its axis labels included.
 */
import { ColumnDataSource, Div, Select, Slider, column, figure, gridplot, row, type Document } from "aperture";

export const title = "Layouts: rows that wrap, gridplot, sizing modes";

const N = 200;
const xs = Float64Array.from({ length: N }, (_, i) => (i / (N - 1)) * 4 * Math.PI);

function wave(kind: string, frequency: number): Float64Array {
  const shape =
    kind === "square" ? (t: number) => Math.sign(Math.sin(t)) : kind === "saw" ? (t: number) => ((t / Math.PI) % 2) - 1 : Math.sin;
  return xs.map((x) => shape(x * frequency));
}

/** Four small plots of related curves, for the grid. */
function smallPlots(): ReturnType<typeof figure>[] {
  const curves: [string, (x: number) => number][] = [
    ["sin(x)", Math.sin],
    ["cos(x)", Math.cos],
    ["x · sin(x)", (x) => x * Math.sin(x)],
    ["exp(-x / 4)", (x) => Math.exp(-x / 4)],
  ];
  return curves.map(([label, fn], i) => {
    const plot = figure({ name: `small-${i}`, title: label, xAxisLabel: "x", yAxisLabel: label, tools: "pan,box_zoom,reset" });
    plot.line(xs, xs.map(fn), { lineWidth: 2 });
    return plot;
  });
}

export default function layouts(doc: Document): void {
  const kind = new Select({ name: "kind", title: "Wave", value: "sine", options: ["sine", "square", "saw"] });
  const frequency = new Slider({ name: "frequency", title: "Frequency", start: 0.5, end: 4, step: 0.5, value: 1 });
  const source = new ColumnDataSource({ name: "wave", data: { x: xs, y: wave("sine", 1) } });
  const update = () => {
    source.data = { x: xs, y: wave(kind.value, frequency.value) };
  };
  kind.onChange("value", update);
  frequency.onChange("value", update);

  const main = figure({ name: "main", title: "The wave", xAxisLabel: "time (s)", yAxisLabel: "amplitude", height: 320 });
  main.line("x", "y", { source, lineWidth: 2 });

  const wide = figure({
    name: "wide",
    title: "Keeps its shape (scale_width, aspect ratio 3)",
    xAxisLabel: "time (s)",
    yAxisLabel: "amplitude",
    sizingMode: "scale_width",
    aspectRatio: 3,
  });
  wide.scatter("x", "y", { source, size: 4 });

  // In a row of fixed height: one plot as tall as the row and as wide as its ratio, one filling the rest.
  const square = figure({
    name: "square",
    title: "scale_height, 1:1",
    xAxisLabel: "x",
    yAxisLabel: "y",
    sizingMode: "scale_height",
    aspectRatio: 1,
  });
  square.scatter(xs.map(Math.cos), xs.map(Math.sin), { size: 3 });
  const rest = figure({ name: "rest", title: "stretch_both", xAxisLabel: "x", yAxisLabel: "sin(x)", sizingMode: "stretch_both" });
  rest.line(xs, xs.map(Math.sin));

  const fixed = figure({ name: "fixed", title: "800 × 300 px (fixed)", xAxisLabel: "x", yAxisLabel: "cos(x)", width: 800, height: 300 });
  fixed.line(xs, xs.map(Math.cos), { color: "#d62728" });

  doc.addRoot(
    column(
      new Div({ text: "<b>Layouts.</b> Narrow the window: rows wrap, the grid drops columns, plots keep their axes." }),
      row(column(kind, frequency), main),
      gridplot(smallPlots(), { ncols: 2, height: 250 }),
      wide,
      row([square, rest], { name: "tall-row", height: 360 }),
      fixed,
    ),
  );
}
