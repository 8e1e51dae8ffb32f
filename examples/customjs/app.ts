/**
 * Callbacks in the page (Bokeh's CustomJS): the frequency slider redraws the wave with no
 * round trip (the server hears the new value, as it would a person's); the "from" slider is
 * linked to the plot's x range with `jsLink`; selecting points in the wave copies them into
 * the second plot in the page alone (Bokeh's linked-brushing-without-a-server example); the
 * button downloads the wave as CSV, made in the page (Bokeh's `export_csv` example).
 */
import { Button, ColumnDataSource, CustomJS, Div, Range1d, Slider, column, figure, row, type Document } from "aperture";

export const title = "CustomJS: callbacks in the page";

const POINTS = 200;

export default function customjs(doc: Document): void {
  const x = Array.from({ length: POINTS }, (_, i) => (i / (POINTS - 1)) * 10);
  const wave = new ColumnDataSource({ name: "wave", data: { x, y: x.map((v) => Math.sin(v)) } });
  const picked = new ColumnDataSource({ name: "picked", data: { x: [] as number[], y: [] as number[] } });

  const plot = figure({
    name: "plot",
    title: "sin(k·x)",
    height: 300,
    xRange: new Range1d({ start: 0, end: 10 }),
    activeDrag: "select",
  });
  plot.line("x", "y", { source: wave });
  // Bokeh's tooltip formats: `{0.00}` is numbro's (docs/plotting.md).
  plot.scatter("x", "y", {
    source: wave,
    size: 4,
    tooltips: [
      ["x", "@x{0.00}"],
      ["sin(k·x)", "@y{0.000}"],
    ],
  });
  const copy = figure({
    name: "copy",
    title: "Selected points, copied in the page",
    height: 300,
    xRange: new Range1d({ start: 0, end: 10 }),
  });
  copy.scatter("x", "y", { source: picked, size: 6, color: "#d62728" });

  const k = new Slider({ name: "k", title: "Frequency k", start: 0.5, end: 4, step: 0.5, value: 1 });
  k.jsOnChange(
    "value",
    new CustomJS({
      args: { wave },
      code: `const { x, y } = wave.data;
for (let i = 0; i < x.length; i++) y[i] = Math.sin(cb_obj.value * x[i]);
wave.change.emit();`,
    }),
  );
  const heard = new Div({ name: "heard", text: "The server has k = 1" });
  k.onChange("value", (_attr, _old, value) => void (heard.text = `The server has k = ${value}`));

  const from = new Slider({ name: "from", title: "x from", start: 0, end: 5, step: 0.5, value: 0 });
  from.jsLink("value", plot.xRange, "start");
  const range = new Div({ name: "range", text: "The server's x range starts at 0" });
  plot.xRange.onChange("start", () => void (range.text = `The server's x range starts at ${String(plot.xRange.start)}`));

  wave.jsOnChange(
    "selected",
    new CustomJS({
      args: { wave, picked },
      code: `const { x, y } = wave.data;
const chosen = cb_obj.selected;
picked.data = { x: chosen.map((i) => x[i]), y: chosen.map((i) => y[i]) };`,
    }),
  );

  const download = new Button({ name: "download", label: "Download CSV" });
  download.jsOnEvent(
    "click",
    new CustomJS({
      args: { wave },
      code: `const { x, y } = wave.data;
const lines = ["x,y"];
for (let i = 0; i < x.length; i++) lines.push(x[i] + "," + y[i]);
const link = document.createElement("a");
link.href = URL.createObjectURL(new Blob([lines.join("\\n") + "\\n"], { type: "text/csv" }));
link.download = "wave.csv";
link.click();
URL.revokeObjectURL(link.href);`,
    }),
  );

  doc.addRoot(column(row(k, from, download), heard, range, row(plot, copy)));
}
