/**
 * The newer models in one app: tabs, a grid of glyphs (bars both ways, area, image) with
 * tooltips, legends and the theme's palette, and inputs (date, multi-select, radio buttons)
 * whose server callbacks change the plots. Markdown shows what a person types, safely.
 */
import {
  ColumnDataSource,
  DatePicker,
  Markdown,
  MultiSelect,
  RadioGroup,
  TextInput,
  column,
  figure,
  grid,
  tabs,
  type Document,
} from "aperture";

export const title = "Models: tabs, grid, glyphs, inputs, Markdown";

const FRUITS = ["Apples", "Pears", "Nectarines", "Plums", "Grapes", "Strawberries"];
const SALES = { 2015: [2, 1, 4, 3, 2, 4], 2016: [5, 3, 3, 2, 4, 6], 2017: [3, 2, 4, 4, 5, 3] };
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** A smooth bump on a 40×30 grid, computed once for every session. */
const BUMP = Array.from({ length: 30 }, (_, i) =>
  Float64Array.from({ length: 40 }, (_, j) => Math.sin(j / 6) * Math.cos(i / 5) + (i * j) / 1200),
);

function glyphs(): { plots: ReturnType<typeof grid>; area: ReturnType<typeof figure>; fruitSource: ColumnDataSource } {
  const years = new ColumnDataSource({ data: { fruit: FRUITS, 2015: SALES[2015], 2016: SALES[2016], 2017: SALES[2017] } });
  const bars = figure({ name: "bars", title: "Fruit sold per year", xAxisType: "category", height: 300, legendLocation: "top_left" });
  bars.vbar("fruit", "2016", {
    source: years,
    legendLabel: "2016",
    barWidth: 0.4,
    tooltips: [
      ["fruit", "@fruit"],
      ["2016", "@2016{0.00} t"],
    ],
  });
  bars.line("fruit", "2017", { source: years, legendLabel: "2017", lineDash: "dash" });

  const fruitSource = new ColumnDataSource({
    data: { fruit: [...FRUITS], total: FRUITS.map((_, i) => SALES[2015][i]! + SALES[2016][i]! + SALES[2017][i]!) },
  });
  const totals = figure({ name: "totals", title: "Total, three years", yAxisType: "category", height: 300 });
  totals.hbar("fruit", "total", { source: fruitSource, tooltips: [["", "@fruit: @total t"]] });

  const t = Float64Array.from({ length: 60 }, (_, i) => i);
  const area = figure({ name: "area", title: "Visitors", height: 300, showLegend: true, activeDrag: "box_zoom" });
  area.area(
    t,
    t.map((x) => 50 + 30 * Math.sin(x / 8) + x),
    { legendLabel: "visitors", alpha: 0.9 },
  );

  const image = figure({ name: "image", title: "A smooth bump (image)", height: 300 });
  image.image(BUMP, { x: 0, y: 0, dw: 4, dh: 3, palette: "Viridis256", tooltips: [["value", "@z{0.00}"]] });
  return {
    plots: grid(
      [
        [bars, totals],
        [area, image],
      ],
      { name: "plots" },
    ),
    area,
    fruitSource,
  };
}

export default function models(doc: Document): void {
  const intro = new Markdown({ name: "intro", text: "## Models\nPick a tab. Plots have **tooltips**; inputs run **server callbacks**." });
  const { plots, area, fruitSource } = glyphs();

  const scale = new RadioGroup({ name: "scale", labels: ["linear", "log"], active: 0, inline: true });
  scale.onChange("active", (_a, _o, active: number | null) => {
    area.yAxisType = active === 1 ? "log" : "linear";
  });
  const fruits = new MultiSelect({ name: "fruits", title: "Fruits in the totals", options: FRUITS, value: [...FRUITS], size: 6 });
  const totalsOf = (names: readonly string[]) =>
    names.map((name) => FRUITS.indexOf(name)).map((i) => SALES[2015][i]! + SALES[2016][i]! + SALES[2017][i]!);
  fruits.onChange("value", (_a, _o, names: string[]) => {
    fruitSource.data = { fruit: [...names], total: totalsOf(names) };
  });
  const day = new DatePicker({ name: "day", title: "A day", value: "2024-05-01", minDate: "2020-01-01", maxDate: "2030-12-31" });
  const weekday = new Markdown({ name: "weekday", text: "2024-05-01 is a **Wednesday**." });
  day.onChange("value", (_a, _o, value: string) => {
    weekday.text = `${value} is a **${WEEKDAYS[new Date(`${value}T00:00:00Z`).getUTCDay()]}**.`;
  });
  const note = new TextInput({
    name: "note",
    title: "Write some Markdown",
    placeholder: "**bold**, _italic_, [a link](https://example.org)",
  });
  const echo = new Markdown({ name: "echo", text: "" });
  // Text people type is shown as Markdown: the page renders it safely (no HTML, no script).
  note.onChange("value", (_a, _o, value: string) => {
    echo.text = value;
  });

  const panels = tabs(["Glyphs", column(scale, plots)], ["Inputs", column(fruits, day, weekday, note, echo)]);
  const shown = new Markdown({ name: "shown", text: "Showing **Glyphs**" });
  panels.onChange("active", (_a, _o, active: number) => {
    shown.text = `Showing **${panels.tabs[active]!.title}**`;
  });
  doc.addRoot(column(intro, shown, panels));
}
