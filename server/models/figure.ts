/** Figures and their glyphs (rendered with Plotly in the page). */
import type { TypedArray, Value } from "../protocol/index.ts";
import { defineModel, type InitOf } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { ColumnDataSource } from "./source.ts";

const AXIS_TYPES = ["linear", "log", "datetime", "category"] as const;
const GLYPHS = ["line", "scatter", "vbar"] as const;
const MARKERS = ["circle", "square", "diamond", "triangle-up", "cross", "x"] as const;

export class GlyphRenderer extends defineModel("GlyphRenderer", {
  glyph: prop.enum(GLYPHS, "line"),
  source: prop.ref<ColumnDataSource>(),
  x: prop.string("x"),
  y: prop.string("y"),
  color: prop.nullableString(null),
  alpha: prop.number(1, { min: 0, max: 1 }),
  lineWidth: prop.number(2, { min: 0 }),
  size: prop.number(6, { min: 0 }),
  barWidth: prop.nullableNumber(null, { min: 0 }),
  marker: prop.enum(MARKERS, "circle"),
  legendLabel: prop.nullableString(null),
}) {}

const figureProps = {
  title: prop.string(""),
  xAxisLabel: prop.string(""),
  yAxisLabel: prop.string(""),
  xAxisType: prop.enum(AXIS_TYPES, "linear"),
  yAxisType: prop.enum(AXIS_TYPES, "linear"),
  /** `[start, end]`, or null to fit the data; pan and zoom in the page write it. */
  xRange: prop.interval(null, { clientWritable: true, nullable: true }),
  yRange: prop.interval(null, { clientWritable: true, nullable: true }),
  /** Pixels, or null to fill the container's width. */
  width: prop.nullableNumber(null, { min: 50, max: 10_000 }),
  height: prop.number(400, { min: 50, max: 10_000 }),
  renderers: prop.refs<GlyphRenderer>(),
  showLegend: prop.boolean(true),
  background: prop.string("#ffffff"),
};

type Coordinates = string | TypedArray | Value[];

export interface GlyphOptions {
  source?: ColumnDataSource;
  color?: string;
  alpha?: number;
  lineWidth?: number;
  size?: number;
  barWidth?: number;
  marker?: (typeof MARKERS)[number];
  legendLabel?: string;
  name?: string;
}

export class Figure extends defineModel("Figure", figureProps) {
  /**
   * A line through the source's `x` and `y` columns (or through two arrays given directly).
   * @example plot.line("time", "temperature", { source, color: "#1f77b4" })
   */
  line(x: Coordinates, y: Coordinates, options: GlyphOptions = {}): GlyphRenderer {
    return this.addGlyph("line", x, y, options);
  }

  /** Markers at the source's `x`, `y` points. */
  scatter(x: Coordinates, y: Coordinates, options: GlyphOptions = {}): GlyphRenderer {
    return this.addGlyph("scatter", x, y, options);
  }

  /** Vertical bars of height `top` at `x`. */
  vbar(x: Coordinates, top: Coordinates, options: GlyphOptions = {}): GlyphRenderer {
    return this.addGlyph("vbar", x, top, options);
  }

  private addGlyph(glyph: (typeof GLYPHS)[number], x: Coordinates, y: Coordinates, options: GlyphOptions): GlyphRenderer {
    const { source: given, ...style } = options;
    let source = given;
    if (typeof x !== "string" || typeof y !== "string") {
      if (given) throw new TypeError(`Figure.${glyph}: pass column names with a source, or two arrays without one`);
      if (typeof x === "string" || typeof y === "string") throw new TypeError(`Figure.${glyph}: x and y must both be arrays`);
      source = new ColumnDataSource({ data: { x, y } });
      x = "x";
      y = "y";
    }
    if (!source) throw new TypeError(`Figure.${glyph}: column names "${x}", "${y}" need a source`);
    const renderer = new GlyphRenderer({ glyph, source, x, y, ...style });
    this.renderers = [...this.renderers, renderer];
    return renderer;
  }
}

export type FigureOptions = InitOf<typeof figureProps>;

/**
 * A new plot, Bokeh style.
 * @example figure({ title: "Sea Surface Temperature", xAxisType: "datetime", yRange: [0, 25] })
 */
export function figure(options: FigureOptions = {}): Figure {
  return new Figure(options);
}
