/** A glyph drawn from a source's columns: its kind, its columns, its look and its tooltips. */
import { defineModel } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { checkColor, custom } from "./checks.ts";
import { checkPalette, type PaletteName } from "./palettes.ts";
import type { ColumnDataSource } from "./source.ts";

export const GLYPHS = ["line", "scatter", "vbar", "hbar", "area", "image"] as const;
export const MARKERS = ["circle", "square", "diamond", "triangle-up", "cross", "x"] as const;
export const DASHES = ["solid", "dash", "dot", "dashdot"] as const;

export type Glyph = (typeof GLYPHS)[number];
/** `[label, template]` rows; templates name columns as `@col`, `@{a col}`, with a Bokeh `{format}` after (`{0.00}`, `{%F %T}`, `{safe}`: see server/protocol/format.ts). */
export type Tooltips = [string, string][];
export type Palette = PaletteName | `${PaletteName}${number}` | string[];

const nullableColor = custom<string | null>(null, (value) => (value === null ? undefined : checkColor(value)));

function checkTooltips(value: unknown): string | undefined {
  if (value === null) return undefined;
  if (!Array.isArray(value) || value.length > 50) return "expected up to 50 [label, template] pairs, or null";
  const ok = value.every((row) => Array.isArray(row) && row.length === 2 && row.every((s) => typeof s === "string" && s.length <= 500));
  return ok ? undefined : 'expected [label, template] pairs of strings, e.g. ["Height", "@height{0.0}"]';
}

export class GlyphRenderer extends defineModel("GlyphRenderer", {
  glyph: prop.enum(GLYPHS, "line"),
  source: prop.ref<ColumnDataSource>(),
  /** Column names. `hbar` draws bars of length `x` at category `y`; `image` colors cells by `z`. */
  x: prop.string("x"),
  y: prop.string("y"),
  z: prop.string(""),
  /** null takes the next color of the theme's palette. */
  color: nullableColor,
  alpha: prop.number(1, { min: 0, max: 1 }),
  lineWidth: prop.number(2, { min: 0 }),
  lineDash: prop.enum(DASHES, "solid"),
  size: prop.number(6, { min: 0 }),
  barWidth: prop.nullableNumber(null, { min: 0 }),
  marker: prop.enum(MARKERS, "circle"),
  legendLabel: prop.nullableString(null),
  tooltips: custom<Tooltips | null>(null, checkTooltips),
  /** Colors of an `image`: a palette name or a list of colors, low to high. */
  palette: custom<Palette>("Viridis", checkPalette),
}) {}

/** A glyph's look and its source; `C` is the source's column names when they are known statically. */
export interface GlyphOptions<C extends string = string> {
  source?: ColumnDataSource<C>;
  color?: string;
  alpha?: number;
  lineWidth?: number;
  lineDash?: (typeof DASHES)[number];
  size?: number;
  barWidth?: number;
  marker?: (typeof MARKERS)[number];
  legendLabel?: string;
  /** @example tooltips: [["Name", "@name"], ["Height", "@height{0.0} m"]] */
  tooltips?: Tooltips;
  palette?: Palette;
  name?: string;
}
