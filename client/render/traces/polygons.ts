/**
 * Filled shapes in data units (patches, rects, ellipses, wedges, circles of a radius, hex
 * tiles, areas between two curves), each row a polygon. Plotly fills per trace, so rows are
 * grouped by their fill color and legend label: one trace per group, rows apart by null.
 */
import { escapeHtml } from "../../../server/protocol/format.ts";
import type { PlotlyObject } from "../figure-spec.ts";
import { asNumber, asString } from "../values.ts";
import { baseTrace, lineOf, singleColor, type Drawn } from "./base.ts";
import { angles, flattenRows } from "./points.ts";
import { columnOf, coord, numbers, visual, visualAt, type GlyphData } from "./resolve.ts";

type Polygon = { x: number[]; y: number[] };
/** A polygon's points are its corners, not rows: selecting or clicking them picks no row. */
const NO_ROWS: readonly number[] = [];
const SEGMENTS = 48;

function arc(cx: number, cy: number, r: number, from: number, to: number, out: Polygon): void {
  const steps = Math.max(2, Math.ceil((Math.abs(to - from) / (2 * Math.PI)) * SEGMENTS));
  for (let k = 0; k <= steps; k++) {
    const t = from + ((to - from) * k) / steps;
    out.x.push(cx + r * Math.cos(t));
    out.y.push(cy + r * Math.sin(t));
  }
}

/** Corners of a `w` × `h` box (or an ellipse inside it) centred at (cx, cy), turned by `angle`. */
function turned(cx: number, cy: number, w: number, h: number, angle: number, ellipse: boolean): Polygon {
  const points: [number, number][] = ellipse
    ? Array.from({ length: SEGMENTS + 1 }, (_, k) => [
        (w / 2) * Math.cos((2 * Math.PI * k) / SEGMENTS),
        (h / 2) * Math.sin((2 * Math.PI * k) / SEGMENTS),
      ])
    : [
        [-w / 2, -h / 2],
        [w / 2, -h / 2],
        [w / 2, h / 2],
        [-w / 2, h / 2],
        [-w / 2, -h / 2],
      ];
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return { x: points.map(([px, py]) => cx + px * cos - py * sin), y: points.map(([px, py]) => cy + px * sin + py * cos) };
}

/** Start and end angle in drawing order (Bokeh goes anticlockwise unless told `clock`). */
function sweep(g: GlyphData, start: number, end: number): [number, number] {
  let to = end;
  if (g.attrs.direction === "clock") {
    while (to > start) to -= 2 * Math.PI;
  } else {
    while (to < start) to += 2 * Math.PI;
  }
  return [start, to];
}

function boxes(g: GlyphData, ellipse: boolean): Polygon[] {
  const [x, y, w, h] = ["x", "y", "width", "height"].map((key) => numbers(g, key));
  const angle = angles(g, numbers(g, "angle"));
  return Array.from({ length: g.length }, (_, i) => turned(x![i]!, y![i]!, w![i]!, h![i]!, angle[i]!, ellipse));
}

function wedges(g: GlyphData, inner: ArrayLike<number> | undefined, outer: ArrayLike<number>): Polygon[] {
  const x = numbers(g, "x");
  const y = numbers(g, "y");
  const start = angles(g, numbers(g, "startAngle"));
  const end = angles(g, numbers(g, "endAngle"));
  return Array.from({ length: g.length }, (_, i) => {
    const [from, to] = sweep(g, start[i]!, end[i]!);
    const shape: Polygon = { x: [], y: [] };
    if (inner === undefined) {
      shape.x.push(x[i]!);
      shape.y.push(y[i]!);
    }
    arc(x[i]!, y[i]!, outer[i]!, from, to, shape);
    if (inner !== undefined) arc(x[i]!, y[i]!, inner[i]!, to, from, shape);
    shape.x.push(shape.x[0]!);
    shape.y.push(shape.y[0]!);
    return shape;
  });
}

function circles(g: GlyphData): Polygon[] {
  const x = numbers(g, "x");
  const y = numbers(g, "y");
  const r = numbers(g, "radius");
  return Array.from({ length: g.length }, (_, i) => {
    const shape: Polygon = { x: [], y: [] };
    arc(x[i]!, y[i]!, r[i]!, 0, 2 * Math.PI, shape);
    return shape;
  });
}

/** Axial (q, r) hexagons, Bokeh's layout: pointy-top x = size·√3·(q + r/2), y = −size·3/2·r. */
function hexes(g: GlyphData): Polygon[] {
  const q = numbers(g, "q");
  const r = numbers(g, "r");
  const size = asNumber(g.attrs.size, 1);
  const flat = g.attrs.orientation === "flattop";
  return Array.from({ length: g.length }, (_, i) => {
    const cx = flat ? size * 1.5 * q[i]! : size * Math.sqrt(3) * (q[i]! + r[i]! / 2);
    const cy = flat ? -size * Math.sqrt(3) * (r[i]! + q[i]! / 2) : -size * 1.5 * r[i]!;
    const shape: Polygon = { x: [], y: [] };
    for (let k = 0; k <= 6; k++) {
      const t = ((flat ? 0 : 30) + 60 * k) * (Math.PI / 180);
      shape.x.push(cx + size * Math.cos(t));
      shape.y.push(cy + size * Math.sin(t));
    }
    return shape;
  });
}

function rowsOfArrays(g: GlyphData): Polygon[] {
  const xs = coord(g, "xs");
  const ys = coord(g, "ys");
  return Array.from({ length: g.length }, (_, i) => ({ x: flattenRows([xs[i]]) as number[], y: flattenRows([ys[i]]) as number[] }));
}

/** The area between two curves as one polygon: along one side, back along the other. */
function between(g: GlyphData, along: "x" | "y", low: string, high: string): Polygon[] {
  const t = Array.from(numbers(g, along));
  const a = Array.from(numbers(g, low));
  const b = Array.from(numbers(g, high));
  const there = [...t, ...t.slice().reverse()];
  const values = [...a, ...b.slice().reverse()];
  return [along === "x" ? { x: there, y: values } : { x: values, y: there }];
}

function labelText(value: unknown): string {
  return typeof value === "string" ? value : value === null || value === undefined ? "" : JSON.stringify(value);
}

/** Polygons grouped into filled traces by fill color and legend label. */
function filledTraces(g: GlyphData, polygons: Polygon[]): Drawn[] {
  const fill = visual(g, "fillColor", "color");
  const labels = columnOf(g.data, g.attrs.legendField);
  const groups = new Map<string, { color: unknown; label: string; rows: number[] }>();
  polygons.forEach((_, i) => {
    const color = visualAt(fill, i);
    const label = labels.length > 0 ? labelText(labels[i]) : asString(g.attrs.legendLabel);
    const key = JSON.stringify([color, label]);
    const group = groups.get(key) ?? { color, label, rows: [] };
    group.rows.push(i);
    groups.set(key, group);
  });
  const line = lineOf(g);
  const alpha = g.attrs.fillAlpha;
  return [...groups.values()].map(({ color, label, rows }): Drawn => {
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    rows.forEach((row, k) => {
      if (k > 0) {
        x.push(null);
        y.push(null);
      }
      x.push(...polygons[row]!.x);
      y.push(...polygons[row]!.y);
    });
    const fillcolor = typeof color === "string" ? color : undefined;
    const trace = {
      ...baseTrace(g),
      selectedpoints: undefined,
      hovertemplate: undefined,
      customdata: undefined,
      name: label === "" ? undefined : escapeHtml(label),
      showlegend: label !== "",
    };
    const outline = {
      ...line,
      color: singleColor(g, "lineColor") ?? fillcolor,
      width: g.attrs.lineColor === null && g.attrs.glyph !== "patch" ? 0.5 : line.width,
    };
    return {
      trace: {
        ...trace,
        type: "scatter",
        mode: "lines",
        fill: "toself",
        fillcolor,
        opacity: typeof alpha === "number" ? alpha : (trace as PlotlyObject).opacity,
        x,
        y,
        line: outline,
        hoveron: "fills",
      },
      rows: NO_ROWS,
    };
  });
}

export const drawRect = (g: GlyphData) => filledTraces(g, boxes(g, false));
export const drawEllipse = (g: GlyphData) => filledTraces(g, boxes(g, true));
export const drawWedge = (g: GlyphData) => filledTraces(g, wedges(g, undefined, numbers(g, "radius")));
export const drawAnnularWedge = (g: GlyphData) => filledTraces(g, wedges(g, numbers(g, "innerRadius"), numbers(g, "outerRadius")));
export const drawCircle = (g: GlyphData) => filledTraces(g, circles(g));
export const drawHexTile = (g: GlyphData) => filledTraces(g, hexes(g));
export const drawPatches = (g: GlyphData) => filledTraces(g, rowsOfArrays(g));
export const drawPatch = (g: GlyphData) =>
  filledTraces({ ...g, length: 1 }, [{ x: Array.from(numbers(g, "x")), y: Array.from(numbers(g, "y")) }]);
export const drawVarea = (g: GlyphData) => filledTraces({ ...g, length: 1 }, between(g, "x", "y1", "y2"));
export const drawHarea = (g: GlyphData) => filledTraces({ ...g, length: 1 }, between(g, "y", "x1", "x2"));
