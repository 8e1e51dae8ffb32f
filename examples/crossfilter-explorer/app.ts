/**
 * Bokeh's `examples/server/app/crossfilter/main.py`, ported by renaming, over a made-up Auto
 * MPG table: pick the columns for x, y, color and size, and the plot is rebuilt
 * (`layout.children[1] = createFigure()`). A hover tooltip shows each dot's values.
 * Changes beyond camelCase: a discrete axis is `xAxisType: "category"` with the sorted
 * factors as Bokeh's `x_range`; `hover_color`/`hover_alpha` are left out (Plotly does not
 * restyle a hovered marker); `p.xaxis.axis_label` is `p.xaxis.axisLabel`.
 */
import { Select, column, figure, palette, row, type Document } from "aperture";
import { categoryCodes, makeAutompg, quantileCodes, type Column } from "./data.ts";

export const title = "Crossfilter";

const df = makeAutompg();

const SIZES = Array.from({ length: 6 }, (_, i) => 6 + i * 3);
const COLORS = palette("Spectral", 5);
const N_SIZES = SIZES.length;
const N_COLORS = COLORS.length;

const columns = Object.keys(df).sort();
const discrete = columns.filter((name) => Array.isArray(df[name]));
const continuous = columns.filter((name) => !discrete.includes(name));

const titleCase = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The groups of a column: its distinct values when few, else its quantiles (pandas' qcut). */
function groupCodes(values: Column, groups: number): number[] {
  const distinct = new Set<string | number>(values).size;
  return distinct > groups && values instanceof Float64Array ? quantileCodes(values, groups) : categoryCodes(values);
}

export default function crossfilter(doc: Document): void {
  const x = new Select({ name: "x", title: "X-Axis", value: "mpg", options: columns });
  const y = new Select({ name: "y", title: "Y-Axis", value: "hp", options: columns });
  const size = new Select({ name: "size", title: "Size", value: "None", options: ["None", ...continuous] });
  const color = new Select({ name: "color", title: "Color", value: "None", options: ["None", ...continuous] });

  function createFigure() {
    const xs = df[x.value]!;
    const ys = df[y.value]!;
    const [xTitle, yTitle] = [titleCase(x.value), titleCase(y.value)];

    const p = figure({
      name: "plot",
      height: 600,
      width: 800,
      tools: "pan,box_zoom,hover,reset",
      title: `${xTitle} vs ${yTitle}`,
      ...(discrete.includes(x.value) ? { xAxisType: "category" as const } : {}),
      ...(discrete.includes(y.value) ? { yAxisType: "category" as const } : {}),
    });
    p.xaxis.axisLabel = xTitle;
    p.yaxis.axisLabel = yTitle;

    if (discrete.includes(x.value)) p.xaxis.majorLabelOrientation = Math.PI / 4;

    const sz = size.value === "None" ? 9 : groupCodes(df[size.value]!, N_SIZES).map((code) => SIZES[code]!);
    const c = color.value === "None" ? "#31AADE" : groupCodes(df[color.value]!, N_COLORS).map((code) => COLORS[code]!);

    p.scatter({ x: xs, y: ys, color: c, size: sz, lineColor: "white", alpha: 0.6 });
    return p;
  }

  const update = () => {
    layout.children[1] = createFigure();
  };
  for (const select of [x, y, size, color]) select.onChange("value", update);

  const controls = column(x, y, color, size);
  const layout = row(controls, createFigure());

  doc.addRoot(layout);
  doc.title = "Crossfilter";
}
