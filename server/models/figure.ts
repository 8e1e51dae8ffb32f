/** Figures and their glyphs (rendered with Plotly in the page). */
import type { TypedArray, Value } from "../protocol/index.ts";
import { defineModel, type EventCallback, type InitOf } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { EventPayloadError, decoded, payloadObject } from "./events.ts";
import { GlyphRenderer, type Glyph, type GlyphOptions } from "./glyphs.ts";
import { ColumnDataSource } from "./source.ts";

export { GlyphRenderer, type GlyphOptions, type Tooltips, type Palette } from "./glyphs.ts";

const AXIS_TYPES = ["linear", "log", "datetime", "category"] as const;
const DRAG_TOOLS = ["zoom", "pan", "select", "lasso"] as const;
const LEGEND_LOCATIONS = ["above", "top_left", "top_right", "bottom_left", "bottom_right", "right"] as const;

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
  legendLocation: prop.enum(LEGEND_LOCATIONS, "above"),
  background: prop.string("#ffffff"),
  /** What dragging on the plot does first (the toolbar switches it): Bokeh's `active_drag`. */
  activeDrag: prop.enum(DRAG_TOOLS, "zoom"),
};

/**
 * A column of the source by name, or the values themselves. `C` is inferred from the source
 * only (`NoInfer`), so naming a column a statically known source lacks is a type error.
 */
type Coordinates<C extends string = string> = NoInfer<C> | TypedArray | Value[];

/** What a `tap` callback gets: the glyph clicked, its source, and the row of the point. */
export interface TapEvent {
  renderer: GlyphRenderer;
  source: ColumnDataSource;
  index: number;
}

export interface ImageOptions extends Omit<GlyphOptions, "source"> {
  /** Where the image's lower-left corner sits, and its size, in data units. */
  x?: number;
  y?: number;
  dw?: number;
  dh?: number;
}

/** `tap`: a click on a point; payload `{ renderer: <glyph renderer id>, index: <row> }`. */
export class Figure extends defineModel("Figure", figureProps, { events: ["tap"] }) {
  /**
   * A line through the source's `x` and `y` columns (or through two arrays given directly).
   * @example plot.line("time", "temperature", { source, color: "#1f77b4" })
   */
  line<C extends string>(x: Coordinates<C>, y: Coordinates<C>, options: GlyphOptions<C> = {}): GlyphRenderer {
    return this.addGlyph("line", { x, y }, options);
  }

  /** Markers at the source's `x`, `y` points. */
  scatter<C extends string>(x: Coordinates<C>, y: Coordinates<C>, options: GlyphOptions<C> = {}): GlyphRenderer {
    return this.addGlyph("scatter", { x, y }, options);
  }

  /** Vertical bars of height `top` at `x`. */
  vbar<C extends string>(x: Coordinates<C>, top: Coordinates<C>, options: GlyphOptions<C> = {}): GlyphRenderer {
    return this.addGlyph("vbar", { x, y: top }, options);
  }

  /** Horizontal bars of length `right` at `y` (categories read best on this axis). */
  hbar<C extends string>(y: Coordinates<C>, right: Coordinates<C>, options: GlyphOptions<C> = {}): GlyphRenderer {
    return this.addGlyph("hbar", { x: right, y }, options);
  }

  /** The area between the line through `x`, `y` and zero, filled. */
  area<C extends string>(x: Coordinates<C>, y: Coordinates<C>, options: GlyphOptions<C> = {}): GlyphRenderer {
    return this.addGlyph("area", { x, y }, options);
  }

  /**
   * Cells colored by `z` at (`x`, `y`), one row per cell ("long" data, as from a table).
   * @example plot.heatmap("hour", "day", "count", { source, palette: "Viridis" })
   */
  heatmap<C extends string>(x: Coordinates<C>, y: Coordinates<C>, z: Coordinates<C>, options: GlyphOptions<C> = {}): GlyphRenderer {
    return this.addGlyph("image", { x, y, z }, options);
  }

  /**
   * A dense grid of values (`rows[i][j]`, row 0 at the bottom) drawn as an image, Bokeh style.
   * @example plot.image(grid, { x: 0, y: 0, dw: 10, dh: 10, palette: "Viridis256" })
   */
  image(rows: readonly ArrayLike<number>[], options: ImageOptions = {}): GlyphRenderer {
    const { x = 0, y = 0, dw, dh, ...style } = options;
    const ny = rows.length;
    const nx = rows[0]?.length ?? 0;
    if (ny === 0 || nx === 0 || rows.some((row) => row.length !== nx)) throw new TypeError("Figure.image: rows must be a non-empty grid of equal-length rows");
    const cellW = (dw ?? nx) / nx;
    const cellH = (dh ?? ny) / ny;
    const xs = new Float64Array(nx * ny);
    const ys = new Float64Array(nx * ny);
    const zs = new Float64Array(nx * ny);
    rows.forEach((row, i) => {
      for (let j = 0; j < nx; j++) {
        xs[i * nx + j] = x + (j + 0.5) * cellW;
        ys[i * nx + j] = y + (i + 0.5) * cellH;
        zs[i * nx + j] = row[j]!;
      }
    });
    return this.addGlyph("image", { x: xs, y: ys, z: zs }, style);
  }

  /**
   * Calls `callback({ renderer, source, index })` when a point is clicked in the page. The
   * page's payload is checked first: a renderer of this figure, a row its source has.
   */
  onTap(callback: (tap: TapEvent) => void | Promise<void>): this {
    return this.onEvent("tap", callback as EventCallback);
  }

  /** Like `Model.onEvent`, but a `tap` callback receives the decoded `TapEvent`. */
  override onEvent(name: "tap", callback: EventCallback): this {
    return super.onEvent(name, decoded("tap", (payload) => this.decodeTap(payload), callback));
  }

  private decodeTap(payload: unknown): TapEvent {
    const { renderer: id, index } = payloadObject(payload, ["renderer", "index"]);
    const renderer = this.renderers.find((candidate) => candidate.id === id);
    if (renderer === undefined) throw new EventPayloadError(`"${String(id).slice(0, 40)}" is not a renderer of ${this}`);
    const source = renderer.source!;
    if (typeof index !== "number" || !Number.isSafeInteger(index) || index < 0 || index >= source.length) {
      throw new EventPayloadError(`index ${String(index).slice(0, 40)} is not a row of ${source} (${source.length} rows)`);
    }
    return { renderer, source, index };
  }

  private addGlyph(glyph: Glyph, columns: Record<"x" | "y", Coordinates> & { z?: Coordinates }, options: GlyphOptions): GlyphRenderer {
    const { source: given, ...style } = options;
    const entries = Object.entries(columns);
    let source = given;
    const names: Record<string, string> = {};
    if (entries.every(([, value]) => typeof value === "string")) {
      if (!source) throw new TypeError(`Figure.${glyph}: column names ${entries.map(([, v]) => `"${String(v)}"`).join(", ")} need a source`);
      const missing = entries.map(([, name]) => name as string).filter((name) => !source!.hasColumn(name));
      if (missing.length > 0) {
        const has = Object.keys(source.data).map((name) => `"${name}"`).join(", ") || "no columns";
        throw new TypeError(`Figure.${glyph}: the source has no column ${missing.map((name) => `"${name}"`).join(", ")} (it has ${has})`);
      }
      Object.assign(names, columns);
    } else {
      if (given) throw new TypeError(`Figure.${glyph}: pass column names with a source, or arrays without one`);
      if (entries.some(([, value]) => typeof value === "string")) throw new TypeError(`Figure.${glyph}: pass all columns as arrays`);
      source = new ColumnDataSource({ data: Object.fromEntries(entries) as Record<string, TypedArray | Value[]> });
      for (const [key] of entries) names[key] = key;
    }
    const renderer = new GlyphRenderer({ glyph, source, ...names, ...style });
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
