/** Figures and their glyphs (rendered with Plotly in the page). */
import { ATTACHED } from "../document/brand.ts";
import type { DocumentEngine } from "../document/engine.ts";
import type { EventCallback, InitOf, Model } from "../document/model.ts";
import { downsamplingPass } from "./downsampling/downsampler.ts";
import { EventPayloadError, decoded, payloadObject } from "./events.ts";
import type { commonProps } from "./common.ts";
import { figureProps } from "./figure-props.ts";
import type { Coordinate, GlyphOptions } from "./glyphs/options.ts";
import { GlyphFigure } from "./glyphs/methods.ts";
import type { GlyphRenderer } from "./glyphs/renderer.ts";
import type { ColumnDataSource } from "./source.ts";
import { toRange, type Range, type RangeLike } from "./ranges.ts";
import type { Legend } from "./annotations/legend.ts";
import type { Axis, Grid } from "./axes.ts";
import { axesOf, gridsOf, legendsOf, placeMainAxes, type AxisLocations } from "./figure-parts.ts";
import { splattable, type Splattable } from "./splattable.ts";
import { drawHexbin, type FigureHexbinOptions, type HexBins } from "./hexbin.ts";
import { addToToolbar, makeToolbar, type Toolbar, type ToolbarOptions } from "./toolbar.ts";
import { parseTools, type Tool } from "./tools.ts";

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

/** `tap`: a click on a point; payload `{ renderer: <glyph renderer id>, index: <row> }` (declared in GlyphFigure). */
export class Figure extends GlyphFigure {
  declare xRange: Range;
  declare yRange: Range;
  declare toolbar: Toolbar;

  constructor(options: FigureOptions = {}) {
    const { xRange, yRange, tools, tooltips, activeDrag, activeScroll, activeTap, activeInspect, xAxisLocation, yAxisLocation, ...rest } =
      options;
    const toolbar = makeToolbar({ tools, tooltips, activeDrag, activeScroll, activeTap, activeInspect });
    super({ ...rest, xRange: toRange(xRange), yRange: toRange(yRange), toolbar });
    placeMainAxes(this, { xAxisLocation, yAxisLocation });
    this.listenToTaps(toolbar.tools);
  }

  /** The toolbar's tools (`plot.toolbar.tools`). */
  get tools(): readonly Tool[] {
    return this.toolbar.tools;
  }

  /**
   * Adds tools, as Bokeh's `add_tools`: by model or by name.
   * @example plot.addTools(new HoverTool({ tooltips: [["price", "@close{0.00}"]] }), "crosshair")
   */
  addTools(...tools: (Tool | string)[]): this {
    const added = parseTools(tools);
    addToToolbar(this.toolbar, added);
    this.listenToTaps(added);
    return this;
  }

  private listenToTaps(tools: readonly Tool[]): void {
    for (const tool of tools) if ("callback" in tool && tool.callback !== undefined) this.onTap(tool.callback);
  }

  /** Joined a document: its big lines and scatters are downsampled before each flush. */
  [ATTACHED](engine: DocumentEngine): void {
    engine.addFlushPass(downsamplingPass(engine, this.id!), this.id);
  }

  /**
   * Cells colored by `z` at (`x`, `y`), one row per cell ("long" data, as from a table).
   * @example plot.heatmap("hour", "day", "count", { source, palette: "Viridis" })
   */
  heatmap(x: Coordinate, y: Coordinate, z: Coordinate, options: GlyphOptions = {}): GlyphRenderer {
    return this.glyph("image", { coords: { x, y, z }, options });
  }

  /**
   * A dense grid of values (`rows[i][j]`, row 0 at the bottom) drawn as an image, Bokeh style.
   * @example plot.image(grid, { x: 0, y: 0, dw: 10, dh: 10, palette: "Viridis256" })
   */
  image(rows: readonly ArrayLike<number>[], options: ImageOptions = {}): GlyphRenderer {
    const { x = 0, y = 0, dw, dh, ...style } = options;
    const { nx, ny } = gridSize(rows, "image");
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
    return this.glyph("image", { coords: { x: xs, y: ys, z: zs }, options: style });
  }

  /**
   * A grid of packed RGBA pixels (`rows[i][j]` a uint32, red in the low byte, row 0 at the
   * bottom), as Bokeh's `image_rgba`.
   * @example plot.imageRgba(pixels, { x: 0, y: 0, dw: 10, dh: 10 })
   */
  imageRgba(rows: readonly ArrayLike<number>[], options: ImageOptions = {}): GlyphRenderer {
    const { x = 0, y = 0, dw, dh, ...style } = options;
    const { nx, ny } = gridSize(rows, "imageRgba");
    const rgba = new Uint32Array(nx * ny);
    rows.forEach((row, i) => rgba.set(Array.from(row), i * nx));
    const coords = { x, y, dw: dw ?? nx, dh: dh ?? ny, nx };
    return this.glyph("imageRgba", { coords: { ...coords, image: rgba }, options: style });
  }

  /**
   * Points counted per hexagonal tile and drawn as `hexTile`s colored by count, as Bokeh's `figure.hexbin`.
   * @example const { renderer, bins } = plot.hexbin(x, y, 0.5, { palette: "Viridis256" })
   */
  hexbin(
    x: ArrayLike<number>,
    y: ArrayLike<number>,
    size: number,
    options: FigureHexbinOptions = {},
  ): { renderer: GlyphRenderer; bins: HexBins } {
    return drawHexbin(this, x, y, size, options);
  }

  /**
   * Puts a model in the plot (`"center"`, annotations) or beside it, as Bokeh's `add_layout`.
   * @example plot.addLayout(new Span({ location: 0, dimension: "width" }))
   * @example plot.addLayout(new ColorBar({ colorMapper: cmap.transform }), "right")
   */
  addLayout(model: Model, place: "center" | "right" | "left" | "above" | "below" = "center"): this {
    this[place] = [...this[place], model];
    return this;
  }

  /** Every x axis (the main one made on first use); setting an attribute sets it on each: `plot.xaxis.axisLabel = "x"`. */
  get xaxis(): Splattable<Axis> {
    return splattable(axesOf(this, "x"));
  }

  get yaxis(): Splattable<Axis> {
    return splattable(axesOf(this, "y"));
  }

  /** Both dimensions' axes. */
  get axis(): Splattable<Axis> {
    return splattable([...axesOf(this, "x"), ...axesOf(this, "y")]);
  }

  /** @example plot.xgrid.gridLineColor = null */
  get xgrid(): Splattable<Grid> {
    return splattable(gridsOf(this, 0));
  }

  get ygrid(): Splattable<Grid> {
    return splattable(gridsOf(this, 1));
  }

  get grid(): Splattable<Grid> {
    return splattable([...gridsOf(this, 0), ...gridsOf(this, 1)]);
  }

  /** The figure's legend (made on first use). @example plot.legend.clickPolicy = "hide" */
  get legend(): Splattable<Legend> {
    return splattable(legendsOf(this));
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
    return super.onEvent(
      name,
      decoded("tap", (payload) => this.decodeTap(payload), callback),
    );
  }

  private decodeTap(payload: unknown): TapEvent {
    const { renderer: id, index } = payloadObject(payload, ["renderer", "index"]);
    const renderer = this.renderers.find((candidate) => candidate.id === id);
    if (renderer === undefined) throw new EventPayloadError(`"${String(id).slice(0, 40)}" is not a renderer of ${String(this)}`);
    const source = renderer.source!;
    if (typeof index !== "number" || !Number.isSafeInteger(index) || index < 0 || index >= source.length) {
      throw new EventPayloadError(`index ${String(index).slice(0, 40)} is not a row of ${String(source)} (${source.length} rows)`);
    }
    return { renderer, source, index };
  }
}

function gridSize(rows: readonly ArrayLike<number>[], method: string): { nx: number; ny: number } {
  const ny = rows.length;
  const nx = rows[0]?.length ?? 0;
  if (ny === 0 || nx === 0 || rows.some((row) => row.length !== nx))
    throw new TypeError(`Figure.${method}: rows must be a non-empty grid of equal-length rows`);
  return { nx, ny };
}

/** The figure's attributes, Bokeh's common ones (`sizingMode`, `aspectRatio`, …) included, and the toolbar's keywords. */
export type FigureOptions = Omit<InitOf<typeof commonProps & typeof figureProps>, "xRange" | "yRange" | "toolbar"> & {
  xRange?: RangeLike;
  yRange?: RangeLike;
} & ToolbarOptions &
  AxisLocations;

/**
 * A new plot, Bokeh style.
 * @example figure({ title: "Sea Surface Temperature", xAxisType: "datetime", yRange: [0, 25] })
 */
export function figure(options: FigureOptions = {}): Figure {
  return new Figure(options);
}
