/**
 * Bokeh's axes, grids and tick formatters. A figure's axes are models on its sides (`below`,
 * `left`, and `right`/`above` for twin axes), made on first use of `plot.xaxis`/`plot.yaxis`;
 * its grids are in `center`. Tick labels are formatted with the shared format module, so a
 * `NumeralTickFormatter` reads exactly like a tooltip's `{0,0}`.
 */
import { defineModel, type Model } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { custom } from "./checks.ts";
import { DASHES } from "./glyphs/renderer.ts";
import { alphaProp, fontSize, nullableColor } from "./annotations/visuals.ts";

/** The default: Plotly's own tick labels. */
export class BasicTickFormatter extends defineModel("BasicTickFormatter", {}) {}

/** @example plot.yaxis.formatter = new NumeralTickFormatter({ format: "$0,0" }) */
export class NumeralTickFormatter extends defineModel("NumeralTickFormatter", { format: prop.string("0,0", { maxLength: 100 }) }) {}

/** @example plot.xaxis.formatter = new PrintfTickFormatter({ format: "%5.1f mu" }) */
export class PrintfTickFormatter extends defineModel("PrintfTickFormatter", { format: prop.string("%s", { maxLength: 100 }) }) {}

const strftime = (def: string) => prop.string(def, { maxLength: 100 });

/**
 * A strftime format per tick spacing, Bokeh's defaults.
 * @example plot.xaxis.formatter = new DatetimeTickFormatter({ days: "%b %d", months: "%b %Y" })
 */
export class DatetimeTickFormatter extends defineModel("DatetimeTickFormatter", {
  milliseconds: strftime("%3Nms"),
  seconds: strftime("%Ss"),
  minsec: strftime(":%M:%S"),
  minutes: strftime(":%M"),
  hourmin: strftime("%H:%M"),
  hours: strftime("%Hh"),
  days: strftime("%m/%d"),
  months: strftime("%m/%Y"),
  years: strftime("%Y"),
}) {}

/** The factors as they are (the default of categorical axes). */
export class CategoricalTickFormatter extends defineModel("CategoricalTickFormatter", {}) {}

export const LABEL_ORIENTATIONS = ["horizontal", "vertical", "parallel", "normal"] as const;

const orientation = custom<(typeof LABEL_ORIENTATIONS)[number] | number>("horizontal", (value) =>
  (LABEL_ORIENTATIONS as readonly unknown[]).includes(value) || (typeof value === "number" && Number.isFinite(value))
    ? undefined
    : `expected ${LABEL_ORIENTATIONS.join(", ")} or an angle in radians`,
);

const overrides = custom<Record<string, string>>(
  () => ({}),
  (value) =>
    typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string")
      ? undefined
      : 'expected { tick: "label" }',
);

const ticker = custom<number[] | null>(null, (value) =>
  value === null || (Array.isArray(value) && value.length <= 1_000 && value.every((v) => typeof v === "number" && Number.isFinite(v)))
    ? undefined
    : "expected a list of tick values, or null",
);

const axisProps = {
  axisLabel: prop.nullableString(null),
  formatter: prop.ref<Model>({ nullable: true }),
  /** Fixed tick values (Bokeh's `ticker = [..]`, a FixedTicker); null: automatic. */
  ticker,
  majorLabelOrientation: orientation,
  majorLabelOverrides: overrides,
  majorLabelTextFontSize: fontSize("11px"),
  majorLabelTextColor: nullableColor("#444444"),
  axisLabelTextFontSize: fontSize("13px"),
  axisLabelTextColor: nullableColor("#444444"),
  /** null hides the line (and `majorTickLineColor: null` the ticks). */
  axisLineColor: nullableColor("#afb8c1"),
  axisLineWidth: prop.number(1, { min: 0, max: 20 }),
  majorTickLineColor: nullableColor("#afb8c1"),
  minorTickLineColor: nullableColor(null),
  /** Which of the figure's ranges this axis shows (`extraYRanges` names). */
  xRangeName: prop.string("default", { maxLength: 100 }),
  yRangeName: prop.string("default", { maxLength: 100 }),
  visible: prop.boolean(true),
};

/** @example plot.addLayout(new LinearAxis({ yRangeName: "foo", axisLabel: "foo" }), "right") */
export class LinearAxis extends defineModel("LinearAxis", axisProps) {}
export class LogAxis extends defineModel("LogAxis", axisProps) {}
export class DatetimeAxis extends defineModel("DatetimeAxis", axisProps) {}
export class CategoricalAxis extends defineModel("CategoricalAxis", axisProps) {}

export type Axis = LinearAxis | LogAxis | DatetimeAxis | CategoricalAxis;
export const AXIS_CLASSES = { linear: LinearAxis, log: LogAxis, datetime: DatetimeAxis, category: CategoricalAxis } as const;

/** Grid lines of one dimension (0: lines across x, at the x ticks; 1: at the y ticks). */
export class Grid extends defineModel("Grid", {
  dimension: prop.number(0, { min: 0, max: 1, integer: true }),
  gridLineColor: nullableColor("#eaeef2"),
  gridLineAlpha: alphaProp(1),
  gridLineWidth: prop.number(1, { min: 0, max: 20 }),
  gridLineDash: prop.enum(DASHES, "solid"),
  minorGridLineColor: nullableColor(null),
  visible: prop.boolean(true),
}) {}
