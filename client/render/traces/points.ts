/** Glyphs drawn as one Plotly scatter trace: lines, steps, areas, markers, text, segments, rays. */
import { plotlySymbol } from "../../../server/protocol/index.ts";
import type { PlotlyObject } from "../figure-spec.ts";
import { asNumber, asString } from "../values.ts";
import { baseTrace, lineOf, type Drawn } from "./base.ts";
import { coord, numbers, plotlyVisual, visual, type GlyphData } from "./resolve.ts";

const STEP_SHAPES: Readonly<Record<string, string>> = { before: "vh", after: "hv", center: "hvh" };

function lines(g: GlyphData, extra: PlotlyObject = {}): Drawn[] {
  return [
    {
      trace: {
        ...baseTrace(g),
        type: "scatter",
        mode: "lines",
        x: coord(g, "x"),
        y: coord(g, "y"),
        ...extra,
        line: { ...lineOf(g), ...(extra.line as object) },
      },
    },
  ];
}

export const drawLine = (g: GlyphData) => lines(g);
export const drawArea = (g: GlyphData) => lines(g, { fill: "tozeroy" });
export const drawStep = (g: GlyphData) => lines(g, { line: { shape: STEP_SHAPES[asString(g.attrs.mode)] ?? "vh" } });

/** Fill, line and alpha of markers; any of them may come per row from a column. */
export function markerOf(g: GlyphData): PlotlyObject {
  const fill = plotlyVisual(visual(g, "fillColor", "color"));
  const lineColor = plotlyVisual(visual(g, "lineColor", "color"));
  const alpha = visual(g, "fillAlpha", "alpha");
  return {
    color: fill,
    size: plotlyVisual(visual(g, "size")) ?? 6,
    symbol: plotlyVisual(visual(g, "marker"), plotlySymbol) ?? "circle",
    opacity: "perRow" in alpha ? plotlyVisual(alpha) : undefined,
    line:
      g.attrs.lineColor === null || g.attrs.lineColor === undefined
        ? undefined
        : { color: lineColor, width: asNumber(g.attrs.lineWidth, 1) },
  };
}

/** Bokeh's selection and nonselection looks as Plotly's `selected` / `unselected` markers. */
function selectionLooks(g: GlyphData): PlotlyObject {
  const look = (color: unknown, alpha: unknown) => ({
    marker: { color: typeof color === "string" ? color : undefined, opacity: typeof alpha === "number" ? alpha : undefined },
  });
  return {
    selected: look(g.attrs.selectionColor, g.attrs.selectionAlpha),
    unselected: look(g.attrs.nonselectionColor, g.attrs.nonselectionAlpha),
  };
}

export function drawScatter(g: GlyphData): Drawn[] {
  const trace = { ...baseTrace(g), type: "scatter", mode: "markers", x: coord(g, "x"), y: coord(g, "y"), marker: markerOf(g) };
  return [{ trace: { ...trace, ...selectionLooks(g) } }];
}

const VERTICAL: Readonly<Record<string, string>> = { top: "bottom", middle: "middle", bottom: "top", alphabetic: "top" };
const HORIZONTAL: Readonly<Record<string, string>> = { left: "right", center: "center", right: "left" };

/** Bokeh's text at (x, y) with its align and baseline, as Plotly's text position around the point. */
export function drawText(g: GlyphData): Drawn[] {
  const position = `${VERTICAL[asString(g.attrs.textBaseline)] ?? "top"} ${HORIZONTAL[asString(g.attrs.textAlign)] ?? "right"}`;
  const size = Number.parseFloat(asString(g.attrs.textFontSize, "13px")) * (asString(g.attrs.textFontSize).endsWith("pt") ? 4 / 3 : 1);
  const text = Array.from(coord(g, "text", ""), (value) =>
    typeof value === "string" ? value : value === null || value === undefined ? "" : JSON.stringify(value),
  );
  const color = plotlyVisual(visual(g, "color"));
  return [
    {
      trace: {
        ...baseTrace(g),
        type: "scatter",
        mode: "text",
        x: coord(g, "x"),
        y: coord(g, "y"),
        text,
        textposition: position,
        textfont: { color, size: Number.isFinite(size) ? size : 13 },
      },
    },
  ];
}

/** Pairs of points as one trace of separate lines (null between them). */
function pairs(g: GlyphData, x0: ArrayLike<unknown>, y0: ArrayLike<unknown>, x1: ArrayLike<unknown>, y1: ArrayLike<unknown>): Drawn[] {
  const x: unknown[] = [];
  const y: unknown[] = [];
  for (let i = 0; i < g.length; i++) {
    x.push(x0[i], x1[i], null);
    y.push(y0[i], y1[i], null);
  }
  return [{ trace: { ...baseTrace(g), selectedpoints: undefined, type: "scatter", mode: "lines", x, y, line: lineOf(g) }, rows: [] }];
}

export const drawSegment = (g: GlyphData) => pairs(g, coord(g, "x0"), coord(g, "y0"), coord(g, "x1"), coord(g, "y1"));

export function drawRay(g: GlyphData): Drawn[] {
  const x = numbers(g, "x");
  const y = numbers(g, "y");
  const length = numbers(g, "length");
  const angle = angles(g, numbers(g, "angle"));
  const x1 = Array.from(x, (v, i) => v + length[i]! * Math.cos(angle[i]!));
  const y1 = Array.from(y, (v, i) => v + length[i]! * Math.sin(angle[i]!));
  return pairs(g, x, y, x1, y1);
}

/** Angles in radians, whatever the glyph's `angleUnits`. */
export function angles(g: GlyphData, values: ArrayLike<number>): ArrayLike<number> {
  return g.attrs.angleUnits === "deg" ? Array.from(values, (v) => (v * Math.PI) / 180) : values;
}

/** Rows of arrays (`xs`, `ys`) as one trace, null between rows. */
export function flattenRows(rows: ArrayLike<unknown>): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (i > 0) out.push(null);
    if (Array.isArray(row) || ArrayBuffer.isView(row)) out.push(...Array.from(row as ArrayLike<unknown>));
  }
  return out;
}

export function drawMultiLine(g: GlyphData): Drawn[] {
  return [
    {
      trace: {
        ...baseTrace(g),
        selectedpoints: undefined,
        type: "scatter",
        mode: "lines",
        x: flattenRows(coord(g, "xs")),
        y: flattenRows(coord(g, "ys")),
        line: lineOf(g),
      },
      rows: [],
    },
  ];
}
