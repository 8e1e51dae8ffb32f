/** What every glyph method takes besides its coordinates: its source, look, legend and tooltips. */
import type { MarkerType } from "../../protocol/index.ts";
import type { ColumnDataSource, ColumnArray } from "../source.ts";
import type { CDSView } from "../views.ts";
import type { DataSpec, Expression, Field, ValueSpec } from "../specs.ts";
import type { DASHES, Palette, Tooltips } from "./renderer.ts";

/** A color: a CSS color, a column of colors, or a column through a color mapper (`linearCmap(...)`). */
export type ColorSpec = string | DataSpec | ColumnArray;
export type NumberSpec = number | DataSpec | ColumnArray;

/** A glyph's look and its source; `C` is the source's column names when they are known statically. */
export interface GlyphOptions<C extends string = string> {
  source?: ColumnDataSource<C>;
  /** Draw only the rows a filter keeps. */
  view?: CDSView;
  /** Fill and line color at once; `fillColor`/`lineColor` override it. */
  color?: ColorSpec;
  fillColor?: ColorSpec;
  lineColor?: ColorSpec;
  alpha?: NumberSpec;
  fillAlpha?: NumberSpec;
  lineAlpha?: NumberSpec;
  lineWidth?: number;
  lineDash?: (typeof DASHES)[number];
  size?: NumberSpec;
  barWidth?: number;
  /** A Bokeh marker name, or a column of them (`factorMarker(...)`). */
  marker?: MarkerType | Exclude<DataSpec, string> | ColumnArray;
  legendLabel?: string;
  /** A column whose values label the legend, one entry per value. */
  legendField?: string;
  /** @example tooltips: [["Name", "@name"], ["Height", "@height{0.0} m"]] */
  tooltips?: Tooltips;
  palette?: Palette;
  name?: string;
  visible?: boolean;
  /** Send a line or scatter of more than 10,000 rows as a decimation of the visible range (true, the default), or every row. */
  downsample?: boolean;
  muted?: boolean;
  /** The alpha of the glyph while muted (a legend click with `clickPolicy: "mute"`). */
  mutedAlpha?: number;
  /** How a scatter's selected and other markers look while some are selected (Bokeh's `selection_color`, …). */
  selectionColor?: string | null;
  selectionAlpha?: number | null;
  nonselectionColor?: string | null;
  nonselectionAlpha?: number | null;
  /** Draw against `extraYRanges[name]` (a twin axis) instead of the main y range. */
  yRangeName?: string;
  xRangeName?: string;
  textAlign?: "left" | "center" | "right";
  textBaseline?: "top" | "middle" | "bottom" | "alphabetic";
  textFontSize?: string;
  angleUnits?: "rad" | "deg";
}

/**
 * A coordinate: a column name, a number for every row, a field, an expression, or the values.
 * `C` is inferred from the source only (`NoInfer`), so naming a column a statically known
 * source lacks is a type error.
 */
export type Coordinate<C extends string = string> = NoInfer<C> | number | Field | ValueSpec | Expression | ColumnArray;
