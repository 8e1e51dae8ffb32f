/**
 * From a glyph method's arguments to a GlyphRenderer: arrays go into a source of their own,
 * strings name columns (or are literal colors and markers), numbers are values, and every
 * column named must exist in the source.
 */
import { isTypedArray } from "../../protocol/index.ts";
import type { Model } from "../../document/model.ts";
import { ColumnDataSource, type ColumnArray } from "../source.ts";
import { toWireSpec, type DataSpec, type Field, type WireSpec } from "../specs.ts";
import { GlyphRenderer, VISUALS, type Glyph } from "./renderer.ts";
import type { GlyphOptions } from "./options.ts";

/** A coordinate or visual as given: a spec, or the values themselves. */
export type SpecOrArray = DataSpec | ColumnArray;

const isArray = (value: unknown): value is ColumnArray => Array.isArray(value) || isTypedArray(value);

/** The source the glyph reads: the one given, or one made of the arrays given. */
function sourceFor(glyph: Glyph, given: ColumnDataSource | undefined, specs: Record<string, unknown>): ColumnDataSource {
  const arrays = Object.entries(specs).filter(([, spec]) => isArray(spec));
  if (given !== undefined) {
    if (arrays.length > 0)
      throw new TypeError(
        `Figure.${glyph}: pass column names with a source, or arrays without one (${arrays.map(([key]) => key).join(", ")} given as arrays)`,
      );
    return given;
  }
  const named = Object.entries(specs).filter(([key, spec]) => typeof spec === "string" && !(VISUALS as readonly string[]).includes(key));
  if (named.length > 0) {
    const which = named.map(([, spec]) => `"${String(spec)}"`).join(", ");
    throw new TypeError(
      arrays.length > 0
        ? `Figure.${glyph}: pass all columns as arrays (or names with a source), got names ${which}`
        : `Figure.${glyph}: column names ${which} need a source`,
    );
  }
  return new ColumnDataSource({ data: Object.fromEntries(arrays) as Record<string, ColumnArray> });
}

/** x, y and z travel as plain column names when they are; otherwise their spec goes to `coords`. */
const MAIN = ["x", "y", "z"] as const;

export interface GlyphArgs {
  glyph: Glyph;
  /** Coordinates by Bokeh's (camelCase) name. */
  coords: Record<string, SpecOrArray | undefined>;
  options: GlyphOptions;
  /** Attributes the method sets itself (a step's mode, a bar's width). */
  fixed?: Record<string, unknown>;
}

export function buildRenderer({ glyph, coords, options, fixed = {} }: GlyphArgs): GlyphRenderer {
  const { source: given, ...style } = options;
  const present = Object.fromEntries(Object.entries(coords).filter(([, spec]) => spec !== undefined)) as Record<string, SpecOrArray>;
  const visuals = Object.fromEntries(VISUALS.filter((key) => style[key] !== undefined).map((key) => [key, style[key]]));
  const source = sourceFor(glyph, given, { ...present, ...visuals });
  const columns = new Set(source.columnNames);
  const transforms: Model[] = [];
  // An array is a column named after its coordinate in the source made for it.
  const wire = (key: string, spec: SpecOrArray, strict: boolean): WireSpec =>
    isArray(spec) ? { field: key } : toWireSpec(spec, transforms, (name) => strict || columns.has(name));
  const attrs: Record<string, unknown> = { x: "", y: "", z: "" };
  const rest: Record<string, WireSpec> = {};
  for (const [key, spec] of Object.entries(present)) {
    const item = wire(key, spec, true);
    const plain = "field" in item && (item as { transform?: number }).transform === undefined && !("expr" in item);
    if ((MAIN as readonly string[]).includes(key) && plain) attrs[key] = (item as Field).field;
    else rest[key] = item;
  }
  for (const [key, spec] of Object.entries(visuals)) {
    const item = wire(key, spec as SpecOrArray, false);
    attrs[key] = "value" in item && Object.keys(item).length === 1 ? item.value : item;
  }
  const renderer = new GlyphRenderer({ ...style, ...attrs, ...fixed, glyph, source, coords: rest, transforms } as ConstructorParameters<
    typeof GlyphRenderer
  >[0]);
  return renderer;
}
