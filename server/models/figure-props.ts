/** The attributes of a figure (its glyph methods and events are in `figure.ts`, `glyphs/`). */
import type { Model } from "../document/model.ts";
import { prop } from "../document/props.ts";
import type { GlyphRenderer } from "./glyphs/renderer.ts";
import type { Range } from "./ranges.ts";
import { TOOLBAR_LOCATIONS, type Toolbar, type ToolbarLocation } from "./toolbar.ts";
import { custom } from "./checks.ts";
import { nullableColor } from "./annotations/visuals.ts";

const AXIS_TYPES = ["linear", "log", "datetime", "category"] as const;
const LEGEND_LOCATIONS = ["above", "top_left", "top_right", "bottom_left", "bottom_right", "right"] as const;

export const figureProps = {
  title: prop.string(""),
  xAxisLabel: prop.string(""),
  yAxisLabel: prop.string(""),
  xAxisType: prop.enum(AXIS_TYPES, "linear"),
  yAxisType: prop.enum(AXIS_TYPES, "linear"),
  /** A `Range1d` or `DataRange1d` (figure() makes one from `[start, end]` or null); figures sharing one pan together. */
  xRange: prop.ref<Range>(),
  yRange: prop.ref<Range>(),
  /** Pixels, or null to fill the container's width. */
  width: prop.nullableNumber(null, { min: 50, max: 10_000 }),
  height: prop.number(400, { min: 50, max: 10_000 }),
  renderers: prop.refs<GlyphRenderer>(),
  /** What `addLayout(model, side)` put beside the plot (color bars), as Bokeh's `right`, `left`, `above`, `below`. */
  right: prop.refs<Model>(),
  left: prop.refs<Model>(),
  above: prop.refs<Model>(),
  below: prop.refs<Model>(),
  /** Annotations, grids and the legend drawn inside the plot (`addLayout(span)`). */
  center: prop.refs<Model>(),
  /** Ranges by name for twin axes: a glyph or axis with `yRangeName: "foo"` uses `extraYRanges.foo`. */
  extraXRanges: prop.refMap<Range>(),
  extraYRanges: prop.refMap<Range>(),
  showLegend: prop.boolean(true),
  legendLocation: prop.enum(LEGEND_LOCATIONS, "above"),
  /** Bokeh's `background_fill_color`: inside the axes. */
  backgroundFillColor: nullableColor("#ffffff"),
  /** Bokeh's `border_fill_color`: around the axes (the plot's margins). */
  borderFillColor: nullableColor("#ffffff"),
  /** Bokeh's `output_backend`: "webgl" draws lines and markers with WebGL (Plotly's scattergl); "canvas" and "svg" draw SVG. Read when the page creates the plot. */
  outputBackend: prop.enum(["canvas", "svg", "webgl"], "canvas"),
  /** Its tools and which are active (figure() builds it from `tools`, `activeDrag`, …). */
  toolbar: prop.ref<Toolbar>(),
  /** Where the toolbar sits, or null for none (Plotly's modebar). */
  toolbarLocation: custom<ToolbarLocation | null>("right", (value) =>
    value === null || TOOLBAR_LOCATIONS.includes(value as ToolbarLocation)
      ? undefined
      : `expected one of ${TOOLBAR_LOCATIONS.join(", ")} or null`,
  ),
};
