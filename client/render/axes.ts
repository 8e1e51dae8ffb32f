/**
 * A figure's axis and grid models (`plot.xaxis`, `plot.ygrid`, twin axes added with
 * `addLayout(new LinearAxis({ yRangeName }), "right")`) as Plotly axis attributes. Without
 * models, the figure's own attributes draw its axes as before (figure-spec.ts).
 */
import type { DocState, ModelId, ModelState, Value } from "../../server/protocol/index.ts";
import { escapeHtml } from "../../server/protocol/format.ts";
import { axisIdsOf, extraRange, layoutKey } from "./axis-ids.ts";
import { axisTicks } from "./axis-ticks.ts";
import { fontStyle, lineStyle, withAlpha } from "./annotations/style.ts";
import type { PlotlyObject } from "./figure-spec.ts";
import { endsOf } from "./ranges.ts";
import { asNumber, asString, modelOf, refId, refIds } from "./values.ts";

export const AXIS_MODEL_TYPES: ReadonlySet<string> = new Set(["LinearAxis", "LogAxis", "DatetimeAxis", "CategoricalAxis"]);

const SIDES = { x: ["below", "above"], y: ["left", "right"] } as const;
const PLOTLY_SIDE: Readonly<Record<string, string>> = { below: "bottom", above: "top", left: "left", right: "right" };

interface PlacedAxis {
  id: ModelId;
  model: ModelState;
  side: string;
}

/** The figure's axis models of one dimension, with the side each is on. */
export function axisModels(state: DocState, figure: ModelId, letter: "x" | "y"): PlacedAxis[] {
  const attrs = modelOf(state, figure)?.attrs ?? {};
  return SIDES[letter].flatMap((side) =>
    refIds(attrs[side]).flatMap((id) => {
      const model = modelOf(state, id);
      return model !== undefined && AXIS_MODEL_TYPES.has(model.type) ? [{ id, model, side }] : [];
    }),
  );
}

/** Bokeh's `majorLabelOrientation` as Plotly's `tickangle` (clockwise degrees). */
export function tickAngle(orientation: Value | undefined, letter: "x" | "y"): number | undefined {
  if (typeof orientation === "number") return -(orientation * 180) / Math.PI;
  const parallel = letter === "x" ? 0 : -90;
  const normal = letter === "x" ? -90 : 0;
  return { horizontal: 0, vertical: -90, parallel, normal }[asString(orientation)];
}

/** An axis model's look: label, visibility, line, ticks, tick labels. */
function axisStyle(axis: PlacedAxis, letter: "x" | "y"): PlotlyObject {
  const a = axis.model.attrs;
  const line = lineStyle(a, "axisLine");
  const tickColor = withAlpha(a.majorTickLineColor, 1);
  const style: PlotlyObject = {
    visible: a.visible !== false,
    side: PLOTLY_SIDE[axis.side],
    showline: a.axisLineColor !== null,
    linecolor: line.color,
    linewidth: asNumber(a.axisLineWidth, 1),
    ticks: tickColor === undefined ? "" : "outside",
    tickcolor: tickColor,
    tickfont: fontStyle(a, "majorLabelText"),
    tickangle: tickAngle(a.majorLabelOrientation, letter),
    minor:
      a.minorTickLineColor === null || a.minorTickLineColor === undefined
        ? undefined
        : { ticks: "outside", tickcolor: withAlpha(a.minorTickLineColor, 1) },
  };
  if (typeof a.axisLabel === "string") style.title = { text: escapeHtml(a.axisLabel), font: fontStyle(a, "axisLabelText") };
  return style;
}

/** The grid model of a dimension as Plotly's grid attributes. */
function gridStyle(state: DocState, figure: ModelId, letter: "x" | "y"): PlotlyObject {
  const dimension = letter === "x" ? 0 : 1;
  const grid = refIds(modelOf(state, figure)?.attrs.center)
    .map((id) => modelOf(state, id))
    .find((model) => model?.type === "Grid" && asNumber(model.attrs.dimension, 0) === dimension);
  if (grid === undefined) return {};
  const a = grid.attrs;
  const color = withAlpha(a.gridLineColor, asNumber(a.gridLineAlpha, 1));
  const line = lineStyle(a, "gridLine");
  return {
    showgrid: a.visible !== false && color !== undefined,
    gridcolor: color,
    gridwidth: asNumber(a.gridLineWidth, 1),
    griddash: line.dash,
  };
}

function overridesOf(a: Readonly<Record<string, Value>>): Record<string, string> {
  const o = a.majorLabelOverrides;
  return typeof o === "object" && o !== null && !Array.isArray(o) && !ArrayBuffer.isView(o) ? (o as Record<string, string>) : {};
}

/** Tick values and labels when the axis has a formatter, fixed ticks or overrides; none otherwise (Plotly's own). */
function tickStyle(state: DocState, axis: PlacedAxis, type: string, visible: [number, number] | undefined, pixels: number): PlotlyObject {
  const a = axis.model.attrs;
  const formatter = modelOf(state, refId(a.formatter));
  const fixed = Array.isArray(a.ticker) ? a.ticker.filter((v): v is number => typeof v === "number") : undefined;
  const overrides = overridesOf(a);
  const formats = formatter !== undefined && formatter.type !== "BasicTickFormatter" && formatter.type !== "CategoricalTickFormatter";
  if (type === "category" || (!formats && fixed === undefined && Object.keys(overrides).length === 0)) return {};
  if (fixed === undefined && visible === undefined) return {};
  const ticks = axisTicks({ visible: visible ?? [Math.min(...fixed!), Math.max(...fixed!)], pixels, formatter, type, fixed, overrides });
  return { tickmode: "array", ...ticks };
}

export interface AxisContext {
  type: string;
  /** The values the axis shows (its range, or its data's extent), for laying out formatted ticks. */
  visible: [number, number] | undefined;
  pixels: number;
}

/** The main axis' attributes from its model and its grid (empty without models). */
export function mainAxisStyle(state: DocState, figure: ModelId, letter: "x" | "y", context: AxisContext): PlotlyObject {
  const main = axisModels(state, figure, letter).find((axis) => asString(axis.model.attrs[`${letter}RangeName`], "default") === "default");
  const grid = gridStyle(state, figure, letter);
  if (main === undefined) return grid;
  return { ...axisStyle(main, letter), ...grid, ...tickStyle(state, main, context.type, context.visible, context.pixels) };
}

/** The Plotly axes of the extra ranges (`yaxis2`, …), overlaying the main ones, styled by the axis models that show them. */
export function extraAxes(state: DocState, figure: ModelId): PlotlyObject {
  const ids = axisIdsOf(state, figure);
  const out: PlotlyObject = {};
  for (const letter of ["x", "y"] as const) {
    const placed = axisModels(state, figure, letter);
    for (const [name, id] of ids[letter]) {
      if (name === "default") continue;
      const axis = placed.find((p) => asString(p.model.attrs[`${letter}RangeName`], "default") === name);
      const ends = endsOf(state, extraRange(state, figure, letter, name));
      const other = letter === "x" ? "y" : "x";
      const pixels = letter === "x" ? 700 : 400;
      out[layoutKey(id)] = {
        overlaying: letter,
        anchor: other,
        side: letter === "x" ? "top" : "right",
        showgrid: false,
        autorange: ends === undefined,
        range: ends,
        visible: axis !== undefined,
        ...(axis === undefined ? {} : { ...axisStyle(axis, letter), ...tickStyle(state, axis, "linear", ends, pixels) }),
      };
    }
  }
  return out;
}
