/**
 * Bokeh's glyphs, ported as a Bokeh user writes them: a pie and a donut (wedges over
 * `cumsum`), a histogram (quads), stacked bars and areas, every marker, steps, segments and
 * rays, hex tiles, rects and ellipses, patches, an RGBA image and bars on nested factors. The names typed in the box
 * become bars and labels: they show as typed, never as links or markup.
 */
import {
  ColorBar,
  ColumnDataSource,
  MARKER_TYPES,
  TextInput,
  column,
  cumsum,
  dodge,
  factorCmap,
  figure,
  grid,
  jitter,
  linearCmap,
  type Document,
} from "aperture";
import { fruitsByYear, salesByQuarter } from "./nested-bars.ts";

export const title = "Glyphs: wedges, quads, stacks, markers, hex tiles, images";

const COUNTRIES = ["United States", "United Kingdom", "Japan", "China", "Germany"];
const SHARE = [157, 93, 89, 63, 44];
const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"];

function pies() {
  const total = SHARE.reduce((a, b) => a + b, 0);
  const source = new ColumnDataSource({
    data: { country: COUNTRIES, value: SHARE, angle: SHARE.map((v) => (v / total) * 2 * Math.PI), color: COLORS },
  });
  const pie = figure({ name: "pie", title: "Pie (wedge)", height: 320, xRange: [-0.6, 1.2] });
  pie.wedge({
    x: 0,
    y: 1,
    radius: 0.4,
    startAngle: cumsum("angle", { includeZero: true }),
    endAngle: cumsum("angle"),
    lineColor: "white",
    fillColor: "color",
    legendField: "country",
    source,
  });
  const donut = figure({ name: "donut", title: "Donut (annularWedge)", height: 320, showLegend: false });
  donut.annularWedge({
    x: 0,
    y: 0,
    innerRadius: 0.2,
    outerRadius: 0.4,
    startAngle: cumsum("angle", { includeZero: true }),
    endAngle: cumsum("angle"),
    fillColor: "color",
    source,
  });
  return [pie, donut];
}

/** A deterministic bell-shaped sample, the same for every session. */
function histogram() {
  const edges = Float64Array.from({ length: 21 }, (_, i) => -3 + i * 0.3);
  const counts = Float64Array.from({ length: 20 }, (_, i) => Math.round(200 * Math.exp(-((edges[i]! + 0.15) ** 2 / 2))));
  const plot = figure({ name: "histogram", title: "Histogram (quad)", height: 320 });
  plot.quad({ top: counts, bottom: 0, left: edges.slice(0, -1), right: edges.slice(1), fillColor: "navy", lineColor: "white", alpha: 0.6 });
  return plot;
}

function stacks() {
  const fruits = ["Apples", "Pears", "Nectarines", "Plums"];
  const source = new ColumnDataSource({ data: { fruits, 2015: [2, 1, 4, 3], 2016: [5, 3, 4, 2], 2017: [3, 2, 4, 4] } });
  const bars = figure({
    name: "stacked",
    title: "Stacked bars (vbarStack)",
    xAxisType: "category",
    height: 320,
    legendLocation: "top_left",
  });
  bars.vbarStack(["2015", "2016", "2017"], {
    x: "fruits",
    width: 0.9,
    color: ["#c9d9d3", "#718dbf", "#e84d60"],
    legendLabel: ["2015", "2016", "2017"],
    source,
  });
  const x = Float64Array.from({ length: 20 }, (_, i) => i);
  const areas = new ColumnDataSource({ data: { x, a: x.map((v) => 1 + Math.sin(v / 3)), b: x.map((v) => 1.5 + Math.cos(v / 4)) } });
  const area = figure({ name: "areas", title: "Stacked areas (vareaStack)", height: 320, showLegend: false });
  area.vareaStack(["a", "b"], { x: "x", color: ["#3182bd", "#9ecae1"], source: areas });
  return [bars, area];
}

function markers() {
  const plot = figure({ name: "markers", title: "Every marker (scatter)", height: 360, showLegend: false });
  MARKER_TYPES.forEach((marker, i) => {
    const [x, y] = [i % 7, Math.floor(i / 7)];
    plot.scatter([x], [y], { marker, size: 16, fillColor: "orange", lineColor: "navy", alpha: 0.8 });
    plot.text({
      x: [x],
      y: [y - 0.35],
      text: [marker],
      textAlign: "center",
      textBaseline: "top",
      textFontSize: "10px",
      color: "firebrick",
    });
  });
  return plot;
}

function lines() {
  const plot = figure({ name: "lines", title: "Steps, segments and rays", height: 360 });
  const x = [1, 2, 3, 4, 5];
  plot.step(x, [1, 3, 2, 4, 3], { mode: "center", legendLabel: "step", color: "#1f77b4" });
  plot.segment({
    x0: x,
    y0: [0, 0, 0, 0, 0],
    x1: x,
    y1: [0.5, 0.8, 0.3, 0.9, 0.6],
    color: "#d62728",
    lineWidth: 3,
    legendLabel: "segment",
  });
  plot.ray({ x: [1], y: [4.5], length: 3, angle: -0.3, color: "#2ca02c", legendLabel: "ray" });
  return plot;
}

function shapes() {
  const hex = figure({ name: "hextiles", title: "Hex tiles", height: 320, showLegend: false });
  const q = [0, 1, 2, 0, 1, -1, -1];
  const r = [0, 0, -1, 1, -1, 1, 0];
  hex.hexTile({
    q,
    r,
    size: 1,
    fillColor: ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154", "#5ec962", "#21918c"],
    lineColor: "white",
  });
  const boxes = figure({ name: "shapes", title: "Rects, ellipses, patches, circles", height: 320, showLegend: false });
  boxes.rect({ x: [1, 3], y: [1, 1], width: 1, height: [0.5, 1], angle: [0, 0.4], fillColor: "#ff7f0e" });
  boxes.ellipse({ x: [5], y: [1], width: 1.5, height: 0.8, fillColor: "#9467bd" });
  boxes.patches({
    xs: [
      [0, 1, 0.5],
      [2, 3, 3, 2],
    ],
    ys: [
      [2, 2, 3],
      [2, 2, 3, 3],
    ],
    fillColor: ["#2ca02c", "#17becf"],
  });
  boxes.circle({ x: [5], y: [2.6], radius: 0.4, fillColor: "#e377c2" });
  const pixels = figure({ name: "rgba", title: "imageRgba", height: 320, showLegend: false });
  const rows = Array.from({ length: 20 }, (_, i) =>
    Uint32Array.from({ length: 20 }, (_, j) => (255 << 24) | ((i * 12) << 16) | (128 << 8) | (j * 12)),
  );
  pixels.imageRgba(rows, { x: 0, y: 0, dw: 10, dh: 10 });
  return [hex, boxes, pixels];
}

/** Colors and positions from columns: a linear color map with its color bar, grouped bars, jittered points. */
function mapped() {
  const x = Float64Array.from({ length: 200 }, (_, i) => Math.cos(i * 2.4) * Math.sqrt(i));
  const y = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i * 2.4) * Math.sqrt(i));
  const source = new ColumnDataSource({ data: { x, y, r: x.map((v, i) => Math.hypot(v, y[i]!)) } });
  const cmap = linearCmap("r", "Viridis256", 0, 15);
  const colored = figure({ name: "colormapped", title: "linearCmap + ColorBar", height: 320, showLegend: false });
  colored.scatter({ x: "x", y: "y", source, size: 8, fillColor: cmap });
  colored.addLayout(new ColorBar({ colorMapper: cmap.transform, title: "radius" }), "right");
  const fruits = ["Apples", "Pears", "Plums"];
  const years = new ColumnDataSource({ data: { fruits, 2015: [2, 1, 4], 2016: [5, 3, 3], 2017: [3, 2, 4] } });
  const grouped = figure({
    name: "grouped",
    title: "Grouped bars (dodge, factorCmap)",
    xAxisType: "category",
    height: 320,
    legendLocation: "top_left",
  });
  (["2015", "2016", "2017"] as const).forEach((year, i) =>
    grouped.vbar({
      x: dodge("fruits", -0.25 + i * 0.25),
      top: year,
      width: 0.2,
      source: years,
      color: ["#c9d9d3", "#718dbf", "#e84d60"][i]!,
      legendLabel: year,
    }),
  );
  const days = new ColumnDataSource({
    data: {
      day: Float64Array.from({ length: 90 }, (_, i) => i % 3),
      hour: Float64Array.from({ length: 90 }, (_, i) => (i * 7) % 24),
      kind: Array.from({ length: 90 }, (_, i) => ["a", "b", "c"][i % 3]!),
    },
  });
  const scattered = figure({ name: "jittered", title: "jitter + factorCmap", height: 320, showLegend: false });
  scattered.scatter({
    x: jitter("day", 0.6),
    y: "hour",
    source: days,
    fillColor: factorCmap("kind", "Category10_3", ["a", "b", "c"]),
    size: 7,
  });
  return [colored, grouped, scattered];
}

export default function glyphs(doc: Document): void {
  const names = new ColumnDataSource({ name: "names", data: { name: ["Ada", "Grace"], votes: [3, 2] } });
  const typed = new TextInput({ name: "who", title: "Add a name (shown as typed, never as markup)", placeholder: "<b>anything</b>" });
  const board = figure({ name: "names-plot", title: "Names typed in", xAxisType: "category", height: 300, showLegend: false });
  board.vbar({
    x: "name",
    top: "votes",
    width: 0.6,
    source: names,
    tooltips: [
      ["name", "@name"],
      ["votes", "@votes{0,0}"],
    ],
  });
  typed.onChange("value", (_attr, _old, name: string) => {
    if (name.trim() === "") return;
    names.stream({ name: [name], votes: [1] });
    board.title = `Last added: ${name}`;
  });
  doc.addRoot(
    column(
      grid(
        [[...pies(), histogram()], [...stacks(), lines()], [markers()], [...shapes()], [...mapped()], [fruitsByYear(), salesByQuarter()]],
        {
          name: "gallery",
        },
      ),
      typed,
      board,
    ),
  );
}
