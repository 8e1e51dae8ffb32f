/**
 * A figure's axes, grids and legend as models, made on first use as Bokeh's figure has them:
 * the x axis in `below`, the y axis in `left`, grids and the legend in `center`. Before that,
 * the page draws them from the figure's own attributes (`xAxisLabel`, `legendLocation`, …).
 */
import type { Model } from "../document/model.ts";
import { Legend } from "./annotations/legend.ts";
import { AXIS_CLASSES, CategoricalAxis, DatetimeAxis, Grid, LinearAxis, LogAxis, type Axis } from "./axes.ts";

export interface FigureSides {
  xAxisType: keyof typeof AXIS_CLASSES;
  yAxisType: keyof typeof AXIS_CLASSES;
  below: Model[];
  above: Model[];
  left: Model[];
  right: Model[];
  center: Model[];
}

const isAxis = (model: Model): model is Axis =>
  model instanceof LinearAxis || model instanceof LogAxis || model instanceof DatetimeAxis || model instanceof CategoricalAxis;

const SIDES = { x: ["below", "above"], y: ["left", "right"] } as const;

/** The figure's axes of one dimension, its main one first made in `below`/`left` when it has none. */
export function axesOf(figure: FigureSides, dimension: "x" | "y"): Axis[] {
  const rangeName = dimension === "x" ? "xRangeName" : "yRangeName";
  const found = () => SIDES[dimension].flatMap((side) => figure[side].filter(isAxis));
  if (!found().some((axis) => axis[rangeName] === "default")) addMainAxis(figure, dimension, SIDES[dimension][0]);
  return found();
}

function addMainAxis(figure: FigureSides, dimension: "x" | "y", side: "below" | "above" | "left" | "right", init = {}): void {
  const type = figure[dimension === "x" ? "xAxisType" : "yAxisType"];
  figure[side] = [new AXIS_CLASSES[type](init), ...figure[side]];
}

/** Bokeh's `x_axis_location` / `y_axis_location`: where the main axes are, null for none. */
export interface AxisLocations {
  xAxisLocation?: "below" | "above" | null;
  yAxisLocation?: "left" | "right" | null;
}

/** Makes the main axes where `figure()` was asked to put them (an axis asked for none is hidden). */
export function placeMainAxes(figure: FigureSides, { xAxisLocation, yAxisLocation }: AxisLocations): void {
  for (const [dimension, location] of [
    ["x", xAxisLocation],
    ["y", yAxisLocation],
  ] as const) {
    if (location === undefined) continue;
    if (location !== null && !(SIDES[dimension] as readonly string[]).includes(location)) {
      throw new TypeError(`figure: ${dimension}AxisLocation must be ${SIDES[dimension].join(", ")} or null, not ${String(location)}`);
    }
    addMainAxis(figure, dimension, location ?? SIDES[dimension][0], location === null ? { visible: false } : {});
  }
}

/** The figure's grids of one dimension (0: x, 1: y), made in `center` when it has none. */
export function gridsOf(figure: FigureSides, dimension: 0 | 1): Grid[] {
  const found = () => figure.center.filter((model): model is Grid => model instanceof Grid && model.dimension === dimension);
  if (found().length === 0) figure.center = [...figure.center, new Grid({ dimension })];
  return found();
}

/** The figure's legends, wherever they were put; one made in `center` when it has none. */
export function legendsOf(figure: FigureSides): Legend[] {
  const found = () =>
    (["center", "right", "left", "above", "below"] as const).flatMap((side) => figure[side].filter((m) => m instanceof Legend));
  if (found().length === 0) figure.center = [...figure.center, new Legend()];
  return found();
}
