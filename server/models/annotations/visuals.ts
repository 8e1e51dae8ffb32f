/**
 * The line, fill and text properties annotations share, with Bokeh's names and defaults
 * (`lineColor`, `fillAlpha`, `textFontSize`, …). A color of `null` draws nothing, as in Bokeh.
 */
import { prop } from "../../document/props.ts";
import { checkColor, custom } from "../checks.ts";
import { DASHES } from "../glyphs/renderer.ts";

export const UNITS = ["data", "screen"] as const;
export const DIMENSIONS = ["width", "height"] as const;
export const TEXT_ALIGNS = ["left", "center", "right"] as const;
export const TEXT_BASELINES = ["top", "middle", "bottom", "alphabetic", "hanging", "ideographic"] as const;

const unit = (value: unknown) => (typeof value === "number" && value >= 0 && value <= 1 ? undefined : "expected a number from 0 to 1");

/** A CSS color, or null for none. */
export const nullableColor = (def: string | null) =>
  custom<string | null>(def, (value) => (value === null ? undefined : checkColor(value)));

/** A number from 0 to 1. */
export const alphaProp = (def: number) => custom<number>(def, unit);

/** A CSS font size, as Bokeh's `text_font_size` ("13px", "1.2em"). */
export const fontSize = (def: string) =>
  custom<string>(def, (value) =>
    typeof value === "string" && /^\d{1,3}(\.\d{1,3})?(px|pt|em|rem)$/.test(value)
      ? undefined
      : `expected a font size like "13px", got ${String(value).slice(0, 20)}`,
  );

export const lineProps = (color: string | null = "black") => ({
  lineColor: nullableColor(color),
  lineAlpha: alphaProp(1),
  lineWidth: prop.number(1, { min: 0, max: 100 }),
  lineDash: prop.enum(DASHES, "solid"),
});

export const fillProps = (color: string | null, alpha: number) => ({
  fillColor: nullableColor(color),
  fillAlpha: alphaProp(alpha),
});

export const textProps = () => ({
  textColor: nullableColor("#444444"),
  textAlpha: alphaProp(1),
  textFontSize: fontSize("13px"),
  textFontStyle: prop.enum(["normal", "italic", "bold", "bold italic"], "normal"),
  textAlign: prop.enum(TEXT_ALIGNS, "left"),
  textBaseline: prop.enum(TEXT_BASELINES, "bottom"),
});

/** Which of the figure's ranges an annotation is drawn against (`extraYRanges` names). */
export const rangeNameProps = () => ({
  xRangeName: prop.string("default", { maxLength: 100 }),
  yRangeName: prop.string("default", { maxLength: 100 }),
});

/** Angles in radians or degrees, counterclockwise, as Bokeh's `angle_units`. */
export const angleProps = () => ({
  angle: prop.number(0),
  angleUnits: prop.enum(["rad", "deg"], "rad"),
});
