/**
 * Annotations drawn at fixed places of a plot (Bokeh's Span, BoxAnnotation, Label, Arrow,
 * Title). Each is a model: a callback that moves a Span changes one attribute, only that
 * change travels, and the page redraws only the plot's shapes (a Plotly relayout).
 */
import { defineModel, type InitOf } from "../../document/model.ts";
import { prop } from "../../document/props.ts";
import { custom } from "../checks.ts";
import {
  DIMENSIONS,
  UNITS,
  alphaProp,
  angleProps,
  fillProps,
  fontSize,
  lineProps,
  nullableColor,
  rangeNameProps,
  textProps,
} from "./visuals.ts";

const finiteOrNull = () =>
  custom<number | null>(null, (value) =>
    value === null || (typeof value === "number" && Number.isFinite(value)) ? undefined : "expected a finite number, or null",
  );

/**
 * A line across the whole plot: horizontal (`dimension: "width"`) at y = `location`, or vertical.
 * @example plot.addLayout(new Span({ location: 0, dimension: "width", lineColor: "red", lineDash: "dashed" }))
 */
export class Span extends defineModel("Span", {
  location: finiteOrNull(),
  dimension: prop.enum(DIMENSIONS, "width"),
  ...lineProps("black"),
  ...rangeNameProps(),
  visible: prop.boolean(true),
}) {}

/**
 * A shaded box; a side left `null` reaches the edge of the plot.
 * @example plot.addLayout(new BoxAnnotation({ bottom: 80, fillColor: "red", fillAlpha: 0.1 }))
 */
export class BoxAnnotation extends defineModel("BoxAnnotation", {
  left: finiteOrNull(),
  right: finiteOrNull(),
  top: finiteOrNull(),
  bottom: finiteOrNull(),
  ...lineProps("#cccccc"),
  ...fillProps("#fff9ba", 0.4),
  ...rangeNameProps(),
  visible: prop.boolean(true),
}) {}

/**
 * A text at a point, in data units or in pixels from the plot's lower-left corner (`"screen"`).
 * @example plot.addLayout(new Label({ x: 70, y: 70, xUnits: "screen", yUnits: "screen", text: "Collected by Luke C. 2016-04-01" }))
 */
export class Label extends defineModel("Label", {
  x: prop.number(0),
  y: prop.number(0),
  xUnits: prop.enum(UNITS, "data"),
  yUnits: prop.enum(UNITS, "data"),
  text: prop.string("", { maxLength: 10_000 }),
  xOffset: prop.number(0),
  yOffset: prop.number(0),
  ...angleProps(),
  ...textProps(),
  backgroundFillColor: nullableColor(null),
  backgroundFillAlpha: alphaProp(1),
  borderLineColor: nullableColor(null),
  ...rangeNameProps(),
  visible: prop.boolean(true),
}) {}

/**
 * A title besides the figure's own: `plot.addLayout(title, "above" | "below" | "left" | "right")`.
 * Titles added above stack outward from the figure's title, as in Bokeh.
 * @example plot.addLayout(new Title({ text: "Bottom Centered Title", align: "center" }), "below")
 */
export class Title extends defineModel("Title", {
  text: prop.string("", { maxLength: 10_000 }),
  align: prop.enum(["left", "center", "right"], "left"),
  textColor: nullableColor("#444444"),
  textFontSize: fontSize("13px"),
  textFontStyle: prop.enum(["normal", "italic", "bold", "bold italic"], "bold"),
  visible: prop.boolean(true),
}) {}

const headProps = (fill: string | null) => ({
  /** Pixels. */
  size: prop.number(25, { min: 0, max: 500 }),
  ...lineProps("black"),
  ...fillProps(fill, 1),
});

/** An arrow head of two lines. */
export class OpenHead extends defineModel("OpenHead", headProps(null)) {}
/** A filled triangle. */
export class NormalHead extends defineModel("NormalHead", headProps("black")) {}
/** A filled, barbed triangle. */
export class VeeHead extends defineModel("VeeHead", headProps("black")) {}
/** A bar across the line's end (whiskers). */
export class TeeHead extends defineModel("TeeHead", headProps(null)) {}

export type ArrowHead = OpenHead | NormalHead | VeeHead | TeeHead;

/**
 * A line from (`xStart`, `yStart`) to (`xEnd`, `yEnd`) in data units, with a head at either end
 * (`end` is an `OpenHead` unless given; `null` for none).
 * @example plot.addLayout(new Arrow({ end: new NormalHead({ size: 15 }), xStart: 0, yStart: 0, xEnd: 1, yEnd: 0.7 }))
 */
const arrowProps = {
  xStart: prop.number(0),
  yStart: prop.number(0),
  xEnd: prop.number(0),
  yEnd: prop.number(0),
  start: prop.ref<ArrowHead>({ nullable: true }),
  end: prop.ref<ArrowHead>({ nullable: true }),
  ...lineProps("black"),
  ...rangeNameProps(),
  visible: prop.boolean(true),
};

export class Arrow extends defineModel("Arrow", arrowProps) {
  constructor(init: InitOf<typeof arrowProps> = {}) {
    super({ ...init, end: init.end === undefined ? new OpenHead() : init.end });
  }
}
