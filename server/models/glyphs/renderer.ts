/**
 * A glyph drawn from a source's columns: its kind, its coordinates (columns, values or
 * expressions), its look (literal or from columns through transforms) and its tooltips.
 */
import { MARKER_TYPES } from "../../protocol/index.ts";
import { AttributeError, defineModel, type InitOf, type Model } from "../../document/model.ts";
import { prop } from "../../document/props.ts";
import { checkColor, custom } from "../checks.ts";
import { checkPalette, type PaletteName } from "../palettes.ts";
import type { ColumnDataSource } from "../source.ts";
import type { DownsampledTable } from "../downsampling/downsampler.ts";
import { checkWireSpec, fieldsOf, type WireSpec } from "../specs.ts";
import { viewColumns, type CDSView } from "../views.ts";

export const GLYPHS = [
  "line",
  "scatter",
  "circle",
  "vbar",
  "hbar",
  "area",
  "image",
  "imageRgba",
  "multiLine",
  "patches",
  "patch",
  "segment",
  "ray",
  "text",
  "rect",
  "quad",
  "step",
  "wedge",
  "annularWedge",
  "varea",
  "harea",
  "ellipse",
  "hexTile",
] as const;
export const DASHES = ["solid", "dash", "dot", "dashdot", "dashed", "dotted"] as const;
export const STEP_MODES = ["before", "after", "center"] as const;

export type Glyph = (typeof GLYPHS)[number];
/** `[label, template]` rows; templates name columns as `@col`, `@{a col}`, with `{format}` after. */
export type Tooltips = [string, string][];
export type Palette = PaletteName | `${PaletteName}${number}` | string[];

export function checkTooltips(value: unknown): string | undefined {
  if (value === null) return undefined;
  if (!Array.isArray(value) || value.length > 50) return "expected up to 50 [label, template] pairs, or null";
  const ok = value.every((row) => Array.isArray(row) && row.length === 2 && row.every((s) => typeof s === "string" && s.length <= 500));
  return ok ? undefined : 'expected [label, template] pairs of strings, e.g. ["Height", "@height{0.0}"]';
}

const spec = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? checkWireSpec(value) : "not a spec";

/** A literal checked by `literal`, or a field/value/expression spec. */
function specOr<T>(def: T, literal: (value: unknown) => string | undefined) {
  return custom<T | WireSpec>(def, (value) =>
    literal(value) === undefined ? undefined : spec(value) === undefined ? undefined : literal(value),
  );
}

const color = specOr<string | null>(null, (value) => (value === null ? undefined : checkColor(value)));
const unit = (value: unknown) => (typeof value === "number" && value >= 0 && value <= 1 ? undefined : "expected a number from 0 to 1");
const nonNegative = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 ? undefined : "expected a number ≥ 0";
const nullableUnit = (value: unknown) => (value === null ? undefined : unit(value));
const nullableColor = () => custom<string | null>(null, (value) => (value === null ? undefined : checkColor(value)));
const marker = (value: unknown) =>
  (MARKER_TYPES as unknown[]).includes(value) ? undefined : `expected a marker (${MARKER_TYPES.join(", ")})`;

function checkCoords(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "expected an object of specs";
  for (const [name, item] of Object.entries(value)) {
    const problem = checkWireSpec(item);
    if (problem) return `${name}: ${problem}`;
  }
  return undefined;
}

export const VISUALS = ["color", "fillColor", "lineColor", "alpha", "fillAlpha", "lineAlpha", "size", "marker"] as const;

const glyphProps = {
  glyph: prop.enum(GLYPHS, "line"),
  source: prop.ref<ColumnDataSource>(),
  /** The rows drawn (all when null): Bokeh's `view=CDSView(filter=…)`. */
  view: prop.ref<CDSView>({ nullable: true }),
  /** Column names of the main coordinates (`hbar` draws bars of length `x` at `y`; `image` colors cells by `z`). */
  x: prop.string(""),
  y: prop.string(""),
  z: prop.string(""),
  /** Every other coordinate (`top`, `x0`, `startAngle`, …) and x/y when they are not plain columns. */
  coords: custom<Record<string, WireSpec>>(() => ({}), checkCoords),
  /** The mappers and transforms the specs name by index. */
  transforms: prop.refs<Model>(),
  /** null takes the next color of the theme's palette; fill and line colors default to it. */
  color,
  fillColor: specOr<string | null>(null, (value) => (value === null ? undefined : checkColor(value))),
  lineColor: specOr<string | null>(null, (value) => (value === null ? undefined : checkColor(value))),
  alpha: specOr<number>(1, unit),
  fillAlpha: specOr<number | null>(null, nullableUnit),
  lineAlpha: specOr<number | null>(null, nullableUnit),
  lineWidth: prop.number(2, { min: 0 }),
  lineDash: prop.enum(DASHES, "solid"),
  size: specOr<number>(6, nonNegative),
  barWidth: prop.nullableNumber(null, { min: 0 }),
  marker: specOr<string>("circle", marker),
  /** `step`: where the step happens relative to each point. */
  mode: prop.enum(STEP_MODES, "before"),
  /** `wedge`/`annularWedge`: which way from start to end angle. */
  direction: prop.enum(["anticlock", "clock"], "anticlock"),
  angleUnits: prop.enum(["rad", "deg"], "rad"),
  /** `hexTile`: hexagons with a point or a flat side up. */
  orientation: prop.enum(["pointytop", "flattop"], "pointytop"),
  textAlign: prop.enum(["left", "center", "right"], "left"),
  textBaseline: prop.enum(["top", "middle", "bottom", "alphabetic"], "bottom"),
  textFontSize: prop.string("13px", { maxLength: 20 }),
  legendLabel: prop.nullableString(null),
  /** A column whose values label (and group) the legend entries, as Bokeh's `legend_field`. */
  legendField: prop.nullableString(null),
  tooltips: custom<Tooltips | null>(null, checkTooltips),
  /** Colors of an `image`: a palette name or a list of colors, low to high. */
  palette: custom<Palette>("Viridis", checkPalette),
  /** A line or scatter of more than 10,000 rows is sent to the page as a decimation of the visible range; false sends every row. */
  downsample: prop.boolean(true),
  /** What the page draws instead of the source when downsampled (written by the server before each flush). */
  downsampled: custom<DownsampledTable | null>(null, (value) => (value === null ? undefined : "is written by the server")),
  /** A legend click with `clickPolicy: "hide"` writes it in the page. */
  visible: prop.boolean(true, { clientWritable: true }),
  /** Drawn at `mutedAlpha`: a legend click with `clickPolicy: "mute"` writes it in the page. */
  muted: prop.boolean(false, { clientWritable: true }),
  mutedAlpha: custom<number>(0.2, unit),
  /** Bokeh's `selection_*` / `nonselection_*` of markers: how selected and other points look while some are selected (null: as drawn; Plotly dims the others to 0.2). */
  selectionColor: nullableColor(),
  selectionAlpha: custom<number | null>(null, nullableUnit),
  nonselectionColor: nullableColor(),
  nonselectionAlpha: custom<number | null>(null, nullableUnit),
  /** Which of the figure's ranges the glyph is drawn against (`extraYRanges` names). */
  xRangeName: prop.string("default", { maxLength: 100 }),
  yRangeName: prop.string("default", { maxLength: 100 }),
};

export class GlyphRenderer extends defineModel("GlyphRenderer", glyphProps) {
  constructor(init: InitOf<typeof glyphProps> = {}) {
    super(init);
    const source = this.source;
    if (source === null) return;
    checkColumns(this, source.columnNames);
    source.addUser(this);
  }

  /** Every column of its source this glyph reads. */
  get usedColumns(): string[] {
    const names = new Set<string>();
    for (const key of ["x", "y", "z", "legendField"] as const) {
      const name = this[key];
      if (typeof name === "string" && name !== "") names.add(name);
    }
    for (const item of Object.values(this.coords)) fieldsOf(item).forEach((name) => names.add(name));
    for (const key of VISUALS) fieldsOf(this[key]).forEach((name) => names.add(name));
    viewColumns(this.view).forEach((name) => names.add(name));
    return [...names];
  }
}

/** Throws when the glyph reads a column that `columns` lacks (never a silently empty plot). */
export function checkColumns(renderer: GlyphRenderer, columns: readonly string[]): void {
  const missing = renderer.usedColumns.filter((name) => !columns.includes(name));
  if (missing.length === 0) return;
  const has = columns.map((name) => `"${name}"`).join(", ") || "no columns";
  throw new AttributeError(
    `Figure.${renderer.glyph}: the source has no column ${missing.map((name) => `"${name}"`).join(", ")} (it has ${has})`,
  );
}
