/**
 * Bokeh's Legend: where the legend sits (inside the plot, or beside it with
 * `plot.addLayout(legend, "right")`), which way it runs, and what a click on an entry does.
 * `plot.legend` is the figure's legend (made on first use), so `plot.legend.clickPolicy = "hide"`
 * works as in Bokeh.
 */
import { AttributeError, defineModel, isModel, type InitOf } from "../../document/model.ts";
import { prop } from "../../document/props.ts";
import { custom } from "../checks.ts";
import type { GlyphRenderer } from "../glyphs/renderer.ts";
import { alphaProp, fontSize, nullableColor } from "./visuals.ts";

export const LEGEND_LOCATIONS = [
  "top_left",
  "top_center",
  "top_right",
  "center_left",
  "center",
  "center_right",
  "bottom_left",
  "bottom_center",
  "bottom_right",
  "top",
  "left",
  "right",
  "bottom",
] as const;

export type LegendLocation = (typeof LEGEND_LOCATIONS)[number];

const location = custom<LegendLocation | [number, number]>("top_right", (value) => {
  if ((LEGEND_LOCATIONS as readonly unknown[]).includes(value)) return undefined;
  const pixels = Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "number" && Number.isFinite(v));
  return pixels ? undefined : `expected one of ${LEGEND_LOCATIONS.join(", ")}, or [x, y] in pixels`;
});

/** One entry: a label and the renderers it shows and hides. */
export class LegendItem extends defineModel("LegendItem", {
  label: prop.string("", { maxLength: 1_000 }),
  renderers: prop.refs<GlyphRenderer>(),
  visible: prop.boolean(true),
}) {}

const legendProps = {
  /** Inside the plot: where in it. Beside it (`addLayout(legend, side)`): where along that side. */
  location,
  orientation: prop.enum(["vertical", "horizontal"], "vertical"),
  /** What clicking an entry does to its renderers: nothing, hide them (`visible`), or mute them (`muted`). */
  clickPolicy: prop.enum(["none", "hide", "mute"], "none"),
  title: prop.nullableString(null),
  /** The entries; empty: one per `legendLabel`/`legendField` of the figure's glyphs. */
  items: prop.refs<LegendItem>(),
  backgroundFillColor: nullableColor("#ffffff"),
  backgroundFillAlpha: alphaProp(0.95),
  borderLineColor: nullableColor("#e5e5e5"),
  labelTextFontSize: fontSize("13px"),
  labelTextColor: nullableColor("#444444"),
  visible: prop.boolean(true),
};

type LegendInit = Omit<InitOf<typeof legendProps>, "items"> & { items?: (LegendItem | [string, GlyphRenderer[]])[] };

/**
 * @example plot.addLayout(new Legend({ items: [["sin(x)", [r0]], ["cos(x)", [r1]]], location: "center" }), "right")
 * @example plot.legend.clickPolicy = "hide"
 */
export class Legend extends defineModel("Legend", legendProps) {
  constructor(init: LegendInit = {}) {
    super({ ...init, items: init.items?.map(toItem) });
  }
}

/** Bokeh's `(label, [renderers])` tuples as LegendItems. */
function toItem(item: LegendItem | [string, GlyphRenderer[]]): LegendItem {
  if (item instanceof LegendItem) return item;
  const [label, renderers] = item;
  if (typeof label !== "string" || !Array.isArray(renderers) || !renderers.every(isModel))
    throw new AttributeError('Legend.items: expected LegendItems or [label, [renderers]] pairs, e.g. ["sin(x)", [r0]]');
  return new LegendItem({ label, renderers });
}
