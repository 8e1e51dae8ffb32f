/** Bars: `vbar`/`hbar` at a position with a base, and `quad` boxes (histograms) as bars with widths. */
import type { PlotlyObject } from "../figure-spec.ts";
import { asNumber, asOptionalNumber, modelOf, refIds } from "../values.ts";
import { baseTrace, type Drawn } from "./base.ts";
import { coord, numbers, plotlyVisual, specOf, visual, type GlyphData } from "./resolve.ts";

function barMarker(g: GlyphData): PlotlyObject {
  const line =
    g.attrs.lineColor === null || g.attrs.lineColor === undefined ? undefined : { color: plotlyVisual(visual(g, "lineColor")), width: 1 };
  return { color: plotlyVisual(visual(g, "fillColor", "color")), line };
}

/** Lengths from `base` to `end` (Plotly draws a bar of length `y` from `base`). */
function lengths(end: ArrayLike<number>, base: ArrayLike<number>): number[] {
  return Array.from(end, (v, i) => v - base[i]!);
}

/** Bokeh's `dodge(category, value)` on a category axis: Plotly draws the bar `offset` from the category's centre. */
function dodgeOffset(g: GlyphData, key: string): number | undefined {
  const index = specOf(g, key)?.transform;
  const model = typeof index === "number" ? modelOf(g.state, refIds(g.attrs.transforms)[index]) : undefined;
  if (model?.type !== "Dodge") return undefined;
  return asNumber(model.attrs.value, 0) - asNumber(g.attrs.barWidth, 0.8) / 2;
}

function bars(g: GlyphData, along: "x" | "y", position: ArrayLike<unknown>, baseKey: string): Drawn[] {
  const end = numbers(g, along);
  const hasBase = specOf(g, baseKey) !== undefined;
  const base = hasBase ? numbers(g, baseKey) : undefined;
  const size = base === undefined ? coord(g, along) : lengths(end, base);
  const categorical = Array.from(position).some((v) => typeof v === "string");
  const offset = categorical ? dodgeOffset(g, along === "y" ? "x" : "y") : undefined;
  const width = asOptionalNumber(g.attrs.barWidth) ?? (offset === undefined ? undefined : 0.8);
  const trace: PlotlyObject = { ...baseTrace(g), type: "bar", width, offset, marker: barMarker(g), base };
  if (along === "y") return [{ trace: { ...trace, x: position, y: size } }];
  return [{ trace: { ...trace, orientation: "h", x: size, y: position } }];
}

export const drawVbar = (g: GlyphData) => bars(g, "y", coord(g, "x"), "bottom");
export const drawHbar = (g: GlyphData) => bars(g, "x", coord(g, "y"), "left");

/** Boxes from left to right and bottom to top. */
export function drawQuad(g: GlyphData): Drawn[] {
  const left = numbers(g, "left");
  const right = numbers(g, "right");
  const bottom = numbers(g, "bottom");
  const top = numbers(g, "top");
  const x = Array.from(left, (l, i) => (l + right[i]!) / 2);
  const width = Array.from(left, (l, i) => right[i]! - l);
  return [{ trace: { ...baseTrace(g), type: "bar", x, y: lengths(top, bottom), base: bottom, width, marker: barMarker(g) } }];
}
