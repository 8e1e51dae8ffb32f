/**
 * Bokeh's `examples/server/app/sliders.py`, ported by renaming: scrub the sliders to change
 * the sine curve's offset, amplitude, phase and frequency, or type a title into the text box.
 * The one change beyond camelCase: Bokeh's `plot.title.text = …` is `plot.title = …` here.
 */
import { ColumnDataSource, Slider, TextInput, column, figure, row, type Document } from "aperture";

export const title = "Sliders";

// Set up data
const N = 200;
const linspace = (start: number, end: number, n: number) =>
  Float64Array.from({ length: n }, (_, i) => start + ((end - start) * i) / (n - 1));

export default function sliders(doc: Document): void {
  const x = linspace(0, 4 * Math.PI, N);
  const source = new ColumnDataSource({ name: "wave", data: { x, y: x.map(Math.sin) } });

  // Set up plot
  const plot = figure({
    name: "plot",
    height: 400,
    width: 400,
    title: "my sine wave",
    tools: "crosshair,pan,reset,save,wheel_zoom",
    xRange: [0, 4 * Math.PI],
    yRange: [-2.5, 2.5],
  });
  plot.line("x", "y", { source, lineWidth: 3, lineAlpha: 0.6 });

  // Set up widgets
  const text = new TextInput({ name: "title", title: "title", value: "my sine wave" });
  const offset = new Slider({ name: "offset", title: "offset", value: 0.0, start: -5.0, end: 5.0, step: 0.1 });
  const amplitude = new Slider({ name: "amplitude", title: "amplitude", value: 1.0, start: -5.0, end: 5.0, step: 0.1 });
  const phase = new Slider({ name: "phase", title: "phase", value: 0.0, start: 0.0, end: 2 * Math.PI });
  const freq = new Slider({ name: "frequency", title: "frequency", value: 1.0, start: 0.1, end: 5.1, step: 0.1 });

  // Set up callbacks
  text.onChange("value", () => {
    plot.title = text.value;
  });

  const updateData = () => {
    // Get the current slider values
    const [a, b, w, k] = [amplitude.value, offset.value, phase.value, freq.value];
    // Generate the new curve
    const x = linspace(0, 4 * Math.PI, N);
    source.data = { x, y: x.map((v) => a * Math.sin(k * v + w) + b) };
  };
  for (const slider of [offset, amplitude, phase, freq]) slider.onChange("value", updateData);

  // Set up layouts and add to document
  const inputs = column(text, offset, amplitude, phase, freq);
  doc.addRoot(row(inputs, plot));
  doc.title = "Sliders";
}
