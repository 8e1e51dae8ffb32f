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
  if (!found().some((axis) => axis[rangeName] === "default")) {
    const type = figure[dimension === "x" ? "xAxisType" : "yAxisType"];
    const side = SIDES[dimension][0];
    figure[side] = [new AXIS_CLASSES[type](), ...figure[side]];
  }
  return found();
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
