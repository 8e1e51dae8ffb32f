/** Bokeh's ColorBar: the scale of a color mapper beside a plot (`plot.addLayout(colorBar, "right")`). */
import { defineModel, type Model } from "../document/model.ts";
import { prop } from "../document/props.ts";

/** @example plot.addLayout(new ColorBar({ colorMapper: mapper.transform, title: "Temperature" }), "right") */
export class ColorBar extends defineModel("ColorBar", {
  colorMapper: prop.ref<Model>(),
  title: prop.string(""),
  /** Thickness in pixels. */
  width: prop.number(16, { min: 4, max: 200 }),
}) {}
