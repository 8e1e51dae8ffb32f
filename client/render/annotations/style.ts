/** Bokeh's line, fill and text properties as Plotly's line, fill and font objects. */
import type { Value } from "../../../server/protocol/index.ts";
import type { PlotlyObject } from "../figure-spec.ts";
import { FONT } from "../theme.ts";
import { plotlyDash } from "../traces/base.ts";
import { asNumber, asString } from "../values.ts";

type Attrs = Readonly<Record<string, Value>>;

/** `color` with `alpha`: hex colors get it in the color itself; other colors only when opaque. */
export function withAlpha(color: Value | undefined, alpha: number): string | undefined {
  if (typeof color !== "string" || color === "") return undefined;
  if (alpha >= 1) return color;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (hex === undefined) return color;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r},${g},${b},${alpha})`;
}

/** A Plotly line from `lineColor`, `lineAlpha`, `lineWidth`, `lineDash` (null color: no line). */
export function lineStyle(attrs: Attrs, prefix = "line"): PlotlyObject {
  const color = withAlpha(attrs[`${prefix}Color`], asNumber(attrs[`${prefix}Alpha`], 1));
  return {
    color: color ?? "rgba(0,0,0,0)",
    width: color === undefined ? 0 : asNumber(attrs[`${prefix}Width`], 1),
    dash: plotlyDash(attrs[`${prefix}Dash`]),
  };
}

export function fillStyle(attrs: Attrs, prefix = "fill"): string {
  return withAlpha(attrs[`${prefix}Color`], asNumber(attrs[`${prefix}Alpha`], 1)) ?? "rgba(0,0,0,0)";
}

/** A Plotly font from `textFontSize` ("13px"), `textColor`, `textAlpha`. */
export function fontStyle(attrs: Attrs, prefix = "text"): PlotlyObject {
  const size = Number.parseFloat(asString(attrs[`${prefix}FontSize`], "13px"));
  const style = asString(attrs[`${prefix}FontStyle`]);
  return {
    family: FONT,
    size: Number.isFinite(size) ? size : 13,
    color: withAlpha(attrs[`${prefix}Color`], asNumber(attrs[`${prefix}Alpha`], 1)) ?? "#444444",
    weight: style.includes("bold") ? "bold" : "normal",
    style: style.includes("italic") ? "italic" : "normal",
  };
}

/** Bokeh's angle (counterclockwise, `angleUnits`) as Plotly's (clockwise degrees). */
export function plotlyAngle(attrs: Attrs): number {
  const angle = asNumber(attrs.angle, 0);
  const degrees = asString(attrs.angleUnits) === "deg" ? angle : (angle * 180) / Math.PI;
  return degrees === 0 ? 0 : -degrees;
}

export const X_ANCHORS: Readonly<Record<string, string>> = { left: "left", center: "center", right: "right" };
export const Y_ANCHORS: Readonly<Record<string, string>> = {
  top: "top",
  middle: "middle",
  bottom: "bottom",
  alphabetic: "bottom",
  hanging: "top",
  ideographic: "bottom",
};
