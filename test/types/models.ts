/**
 * Type tests: each `@ts-expect-error` line must be a type error (tsc fails on an unused one),
 * and each plain line must compile. Checked by `npm run typecheck`; never run.
 */
import { Button, ColumnDataSource, Document, Select, Slider, defineModel, figure, prop } from "../../server/index.ts";

const slider = new Slider({ start: 0, end: 10, value: 1 });

// onChange names an attribute the model declares; old and new are typed from it.
slider.onChange("value", (attr, old, value) => {
  const name: "value" = attr;
  const sum: number = old + value;
  void [name, sum];
});
slider.onChange(["start", "end"], (_attr, old: number, value: number) => void [old, value]);
// @ts-expect-error a misspelt attribute
slider.onChange("valeu", () => {});
// @ts-expect-error a misspelt attribute among several
slider.onChange(["value", "ened"], () => {});
// @ts-expect-error a slider's value is a number, not a string
slider.onChange("value", (_attr, _old, value: string) => void value);

const select = new Select({ options: ["a", "b"], value: "a" });
select.onChange("value", (_attr, _old, value) => void value.toUpperCase());

// onEvent names an event the model declares.
new Button().onEvent("click", () => {});
// @ts-expect-error a misspelt event
new Button().onEvent("clik", () => {});
// @ts-expect-error a slider has no events
slider.onEvent("click", () => {});
figure().onEvent("tap", () => {});

// Models of one's own get the same checks.
class Counter extends defineModel("Counter", { count: prop.number(0, { clientWritable: true }) }, { events: ["reset"] }) {}
new Counter().onChange("count", (_attr, old, value) => void (value - old));
new Counter().onEvent("reset", () => {});
// @ts-expect-error Counter has no attribute "total"
new Counter().onChange("total", () => {});
// @ts-expect-error Counter has no event "clear"
new Counter().onEvent("clear", () => {});

// A glyph names columns the source has, where the source's columns are known.
const source = new ColumnDataSource({ data: { x: [1, 2, 3], y: [4, 5, 6] } });
const plot = figure();
plot.line("x", "y", { source });
plot.scatter("x", "y", { source, color: "#1f77b4" });
// @ts-expect-error the source has no column "why"
plot.line("x", "why", { source });
// @ts-expect-error the source has no column "top"
plot.vbar("x", "top", { source });
plot.line([1, 2], [3, 4]);
// A source whose columns come at run time accepts any name (the check happens at line() time).
const loaded = new ColumnDataSource({ data: JSON.parse("{}") as Record<string, number[]> });
plot.line("anything", "else", { source: loaded });
// New columns may replace the old ones.
source.data = { x: [1], y: [2], z: [3] };

// A document shows the author's API, not the sync engine's.
const doc = new Document();
doc.addRoot(slider);
// @ts-expect-error flushing is the engine's business
doc.flush(); // eslint-disable-line @typescript-eslint/no-unsafe-call -- the call must not type-check
// @ts-expect-error the state tree is the engine's
void doc.state;
