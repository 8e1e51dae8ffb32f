/**
 * Bokeh's glyph methods on a figure. Each takes Bokeh's keyword arguments as one options
 * object (`plot.quad({ top: "top", bottom: 0, left: "l", right: "r", source })`); the common
 * ones also take Bokeh's positional `x, y` first (`plot.line("time", "value", { source })`).
 */
import { defineVisibleModel } from "../common.ts";
import { stack } from "../specs.ts";
import { figureProps } from "../figure-props.ts";
import { buildRenderer, type GlyphArgs } from "./build.ts";
import type { Coordinate, GlyphOptions } from "./options.ts";
import type { GlyphRenderer, Glyph } from "./renderer.ts";

type XY<K extends string, O = object, C extends string = string> =
  [Coordinate<C>, Coordinate<C>, (GlyphOptions<C> & O)?] | [GlyphOptions<C> & O & Record<K, Coordinate<C>>];
type With<K extends string, O = object, C extends string = string> = GlyphOptions<C> & Record<K, Coordinate<C>> & O;
type StackOptions<C extends string> = Omit<GlyphOptions<C>, "color" | "legendLabel"> & {
  color?: string | string[];
  legendLabel?: string | string[];
};

/** `(x, y, options)` or `({ x, y, ...options })`, with Bokeh's names for the two coordinates. */
function positional<K extends string>(names: readonly [K, K], args: XY<K>): { coords: Record<K, Coordinate>; options: GlyphOptions } {
  if (
    args.length === 1 &&
    typeof args[0] === "object" &&
    !Array.isArray(args[0]) &&
    !ArrayBuffer.isView(args[0]) &&
    !("field" in args[0]) &&
    !("value" in args[0])
  ) {
    const { [names[0]]: a, [names[1]]: b, ...options } = args[0] as Record<string, unknown>;
    return { coords: { [names[0]]: a, [names[1]]: b } as Record<K, Coordinate>, options: options };
  }
  const [a, b, options = {}] = args as [Coordinate, Coordinate, GlyphOptions?];
  return { coords: { [names[0]]: a, [names[1]]: b } as Record<K, Coordinate>, options };
}

/** Splits Bokeh's coordinate keywords off an options object. */
function pick<K extends string>(names: readonly K[], all: object): { coords: Record<K, Coordinate>; options: GlyphOptions } {
  const coords: Record<string, unknown> = {};
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) ((names as readonly string[]).includes(key) ? coords : options)[key] = value;
  return { coords: coords as Record<K, Coordinate>, options: options };
}

/** The i-th of a per-layer option (`color: ["red", "blue"]`), or the option itself. */
const layer = <T>(value: T | T[] | undefined, i: number): T | undefined => (Array.isArray(value) ? value[i] : value);

export class GlyphFigure extends defineVisibleModel("Figure", figureProps, { events: ["tap"] }) {
  /** @example plot.line("time", "temperature", { source, color: "#1f77b4" }) */
  line<C extends string>(...args: XY<"x" | "y", object, C>): GlyphRenderer {
    return this.glyph("line", positional(["x", "y"], args));
  }

  /** @example plot.scatter("x", "y", { source, marker: "triangle", size: 12 }) */
  scatter<C extends string>(...args: XY<"x" | "y", object, C>): GlyphRenderer {
    return this.glyph("scatter", positional(["x", "y"], args));
  }

  /** Circles of `radius` in data units, or (without a radius) circle markers of `size` pixels. */
  circle<C extends string>(...args: XY<"x" | "y", { radius?: Coordinate<C> }, C>): GlyphRenderer {
    const { coords, options } = positional(["x", "y"], args as XY<"x" | "y">);
    const { radius, ...style } = options as GlyphOptions & { radius?: Coordinate<C> };
    if (radius === undefined) return this.glyph("scatter", { coords, options: { marker: "circle", ...style } });
    return this.glyph("circle", { coords: { ...coords, radius }, options: style });
  }

  /** @example plot.vbar({ x: "fruits", top: "counts", width: 0.9, source }) */
  vbar<C extends string>(...args: XY<"x" | "top", { bottom?: Coordinate<C>; width?: number }, C>): GlyphRenderer {
    const { coords, options } = positional(["x", "top"], args as XY<"x" | "top">);
    const { bottom, width, ...style } = options as GlyphOptions & { bottom?: Coordinate<C>; width?: number };
    return this.glyph("vbar", {
      coords: { x: coords.x, y: coords.top, bottom },
      options: style,
      fixed: width === undefined ? {} : { barWidth: width },
    });
  }

  /** @example plot.hbar({ y: "fruits", right: "counts", height: 0.9, source }) */
  hbar<C extends string>(...args: XY<"y" | "right", { left?: Coordinate<C>; height?: number }, C>): GlyphRenderer {
    const { coords, options } = positional(["y", "right"], args as XY<"y" | "right">);
    const { left, height, ...style } = options as GlyphOptions & { left?: Coordinate<C>; height?: number };
    return this.glyph("hbar", {
      coords: { x: coords.right, y: coords.y, left },
      options: style,
      fixed: height === undefined ? {} : { barWidth: height },
    });
  }

  /** The area between the line through `x`, `y` and zero, filled. */
  area<C extends string>(...args: XY<"x" | "y", object, C>): GlyphRenderer {
    return this.glyph("area", positional(["x", "y"], args));
  }

  /** @example plot.step("x", "y", { source, mode: "center" }) */
  step<C extends string>(...args: XY<"x" | "y", { mode?: "before" | "after" | "center" }, C>): GlyphRenderer {
    const { coords, options } = positional(["x", "y"], args as XY<"x" | "y">);
    const { mode = "before", ...style } = options as GlyphOptions & { mode?: "before" | "after" | "center" };
    return this.glyph("step", { coords, options: style, fixed: { mode } });
  }

  /** One line per row: `xs` and `ys` are columns of arrays. */
  multiLine<C extends string>(options: With<"xs" | "ys", object, C>): GlyphRenderer {
    return this.glyph("multiLine", pick(["xs", "ys"], options));
  }

  /** One filled polygon per row: `xs` and `ys` are columns of arrays. */
  patches<C extends string>(options: With<"xs" | "ys", object, C>): GlyphRenderer {
    return this.glyph("patches", pick(["xs", "ys"], options));
  }

  /** One filled polygon through the points. */
  patch<C extends string>(...args: XY<"x" | "y", object, C>): GlyphRenderer {
    return this.glyph("patch", positional(["x", "y"], args));
  }

  /** @example plot.segment({ x0: 0, y0: "low", x1: 0, y1: "high", source }) */
  segment<C extends string>(options: With<"x0" | "y0" | "x1" | "y1", object, C>): GlyphRenderer {
    return this.glyph("segment", pick(["x0", "y0", "x1", "y1"], options));
  }

  /** From (`x`, `y`), `length` data units at `angle`. */
  ray<C extends string>(options: With<"x" | "y" | "length", { angle?: Coordinate<C> }, C>): GlyphRenderer {
    return this.glyph("ray", pick(["x", "y", "length", "angle"], options));
  }

  /** @example plot.text({ x: "x", y: "y", text: "name", source, textAlign: "center" }) */
  text<C extends string>(options: With<"x" | "y" | "text", object, C>): GlyphRenderer {
    return this.glyph("text", pick(["x", "y", "text"], options));
  }

  /** Rectangles centred at (`x`, `y`), `width` by `height` data units, turned by `angle`. */
  rect<C extends string>(options: With<"x" | "y" | "width" | "height", { angle?: Coordinate<C> }, C>): GlyphRenderer {
    return this.glyph("rect", pick(["x", "y", "width", "height", "angle"], options));
  }

  /** @example plot.quad({ top: "counts", bottom: 0, left: "left", right: "right", source }) */
  quad<C extends string>(options: With<"left" | "right" | "top" | "bottom", object, C>): GlyphRenderer {
    return this.glyph("quad", pick(["left", "right", "top", "bottom"], options));
  }

  ellipse<C extends string>(options: With<"x" | "y" | "width" | "height", { angle?: Coordinate<C> }, C>): GlyphRenderer {
    return this.glyph("ellipse", pick(["x", "y", "width", "height", "angle"], options));
  }

  /** Pie slices. @example plot.wedge({ x: 0, y: 1, radius: 0.4, startAngle: cumsum("angle", { includeZero: true }), endAngle: cumsum("angle"), fillColor: "color", legendField: "country", source }) */
  wedge<C extends string>(
    options: With<"x" | "y" | "radius" | "startAngle" | "endAngle", { direction?: "anticlock" | "clock" }, C>,
  ): GlyphRenderer {
    const { direction = "anticlock", ...rest } = options;
    const { coords, options: style } = pick(["x", "y", "radius", "startAngle", "endAngle"], rest);
    return this.glyph("wedge", { coords, options: style, fixed: { direction } });
  }

  /** Donut slices between `innerRadius` and `outerRadius`. */
  annularWedge<C extends string>(
    options: With<"x" | "y" | "innerRadius" | "outerRadius" | "startAngle" | "endAngle", { direction?: "anticlock" | "clock" }, C>,
  ): GlyphRenderer {
    const { direction = "anticlock", ...rest } = options;
    const { coords, options: style } = pick(["x", "y", "innerRadius", "outerRadius", "startAngle", "endAngle"], rest);
    return this.glyph("annularWedge", { coords, options: style, fixed: { direction } });
  }

  /** The area between `y1` and `y2` along `x`. */
  varea<C extends string>(options: With<"x" | "y1" | "y2", object, C>): GlyphRenderer {
    return this.glyph("varea", pick(["x", "y1", "y2"], options));
  }

  /** The area between `x1` and `x2` along `y`. */
  harea<C extends string>(options: With<"y" | "x1" | "x2", object, C>): GlyphRenderer {
    return this.glyph("harea", pick(["y", "x1", "x2"], options));
  }

  /** Hexagons at axial coordinates (`q`, `r`) of `size` (centre to corner) in data units. */
  hexTile<C extends string>(options: With<"q" | "r", { size?: number; orientation?: "pointytop" | "flattop" }, C>): GlyphRenderer {
    const { size = 1, orientation = "pointytop", ...rest } = options;
    const { coords, options: style } = pick(["q", "r"], rest);
    return this.glyph("hexTile", { coords, options: style, fixed: { size, orientation } });
  }

  /** Stacked areas, one per column in `stackers`. @example plot.vareaStack(["a", "b"], { x: "x", color: ["#f00", "#00f"], source }) */
  vareaStack<C extends string>(stackers: readonly NoInfer<C>[], options: StackOptions<C> & { x: Coordinate<C> }): GlyphRenderer[] {
    const { x, ...style } = options;
    return this.stacked(stackers, style, (below, through) => ({ glyph: "varea", coords: { x, y1: below, y2: through }, options: {} }));
  }

  /** Stacked bars. @example plot.vbarStack(["2015", "2016"], { x: "fruits", width: 0.9, color: ["#c9d9d3", "#718dbf"], source, legendLabel: ["2015", "2016"] }) */
  vbarStack<C extends string>(
    stackers: readonly NoInfer<C>[],
    options: StackOptions<C> & { x: Coordinate<C>; width?: number },
  ): GlyphRenderer[] {
    const { x, width, ...style } = options;
    return this.stacked(stackers, style, (below, through) => ({
      glyph: "vbar",
      coords: { x, y: through, bottom: below },
      options: {},
      fixed: width === undefined ? {} : { barWidth: width },
    }));
  }

  hbarStack<C extends string>(
    stackers: readonly NoInfer<C>[],
    options: StackOptions<C> & { y: Coordinate<C>; height?: number },
  ): GlyphRenderer[] {
    const { y, height, ...style } = options;
    return this.stacked(stackers, style, (below, through) => ({
      glyph: "hbar",
      coords: { x: through, y, left: below },
      options: {},
      fixed: height === undefined ? {} : { barWidth: height },
    }));
  }

  private stacked<C extends string>(
    stackers: readonly string[],
    style: StackOptions<C>,
    make: (below: Coordinate, through: Coordinate) => GlyphArgs,
  ): GlyphRenderer[] {
    return stackers.map((name, i) => {
      const args = make(stack(...stackers.slice(0, i)), stack(...stackers.slice(0, i + 1)));
      const options = {
        ...style,
        color: layer(style.color, i),
        legendLabel: layer(style.legendLabel, i),
        name: style.name ?? name,
      } as GlyphOptions;
      return this.add(buildRenderer({ ...args, options: { ...options, ...args.options } }));
    });
  }

  protected glyph(
    glyph: Glyph,
    args: { coords: Record<string, Coordinate | undefined>; options: GlyphOptions; fixed?: Record<string, unknown> },
  ): GlyphRenderer {
    return this.add(buildRenderer({ glyph, ...args }));
  }

  protected add(renderer: GlyphRenderer): GlyphRenderer {
    this.renderers = [...this.renderers, renderer];
    return renderer;
  }
}
