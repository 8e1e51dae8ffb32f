/**
 * Bokeh's data specs: a glyph property is a source column (`field`), one value for every row
 * (`value`), or an expression over columns (`stack`, `cumsum`); a field may go through a
 * transform (a color mapper, `jitter`, `dodge`). On the wire a transform is the index of a
 * model in the renderer's `transforms`, so the mapper itself stays one shared model.
 */
import type { Value } from "../protocol/index.ts";
import type { Model } from "../document/model.ts";

/** `{ field: "c" }`, optionally through a transform model: what `factorCmap(...)` returns. */
export interface Field {
  field: string;
  transform?: Model;
}

export interface ValueSpec {
  value: Value;
}

/** Sums of columns row by row (Bokeh's `stack`), as `vbarStack` uses for tops and bottoms. */
export interface StackSpec {
  expr: "stack";
  fields: string[];
}

/** The running sum of a column (Bokeh's `cumsum`), as pie charts use for wedge angles. */
export interface CumSumSpec {
  expr: "cumsum";
  field: string;
  includeZero: boolean;
}

export type Expression = StackSpec | CumSumSpec;

/** What an author passes: a column name, a literal number, a field, a value or an expression. */
export type DataSpec = string | number | Field | ValueSpec | Expression;

/** What travels: the transform as an index into the renderer's `transforms`. */
export type WireSpec = { field: string; transform?: number } | ValueSpec | Expression;

/** @example fillColor: field("species", factorCmap(...).transform) */
export function field(name: string, transform?: Model): Field {
  return transform === undefined ? { field: name } : { field: name, transform };
}

export function value(literal: Value): ValueSpec {
  return { value: literal };
}

/** @example vbar({ x: "fruits", top: stack("2015", "2016"), bottom: stack("2015"), source }) */
export function stack(...fields: string[]): StackSpec {
  return { expr: "stack", fields };
}

/** @example wedge({ startAngle: cumsum("angle", { includeZero: true }), endAngle: cumsum("angle"), … }) */
export function cumsum(name: string, options: { includeZero?: boolean } = {}): CumSumSpec {
  return { expr: "cumsum", field: name, includeZero: options.includeZero ?? false };
}

const isObject = (spec: unknown): spec is Record<string, unknown> => typeof spec === "object" && spec !== null && !Array.isArray(spec);

/** The columns a wire spec reads (to check them against the source). */
export function fieldsOf(spec: unknown): string[] {
  if (!isObject(spec)) return [];
  if (typeof spec.field === "string") return [spec.field];
  if (spec.expr === "stack" && Array.isArray(spec.fields)) return spec.fields.filter((name): name is string => typeof name === "string");
  return [];
}

/** Checks a wire spec's shape (a hostile value never reaches the page through a server attribute, but an app's typo should fail here). */
export function checkWireSpec(spec: unknown): string | undefined {
  if (!isObject(spec)) return "expected { field }, { value } or an expression";
  if (typeof spec.field === "string") {
    if (spec.transform !== undefined && !Number.isSafeInteger(spec.transform)) return "a field's transform must be a transform model";
    return spec.expr === undefined || spec.expr === "cumsum" ? undefined : `unknown expression ${JSON.stringify(spec.expr)}`;
  }
  if (Object.hasOwn(spec, "value")) return undefined;
  if (spec.expr === "stack" && Array.isArray(spec.fields) && spec.fields.every((name) => typeof name === "string")) return undefined;
  return "expected { field }, { value }, stack(...) or cumsum(...)";
}

/**
 * An author's spec as it travels, adding its transform to `transforms`. A string names a
 * column when `isColumn` says so (a source's column), else it is a literal value: Bokeh reads
 * `fillColor: "color"` as the column when there is one, and `"red"` as a color.
 */
export function toWireSpec(spec: DataSpec, transforms: Model[], isColumn: (name: string) => boolean): WireSpec {
  if (typeof spec === "string") return isColumn(spec) ? { field: spec } : { value: spec };
  if (typeof spec === "number") return { value: spec };
  if ("field" in spec && "transform" in spec && spec.transform !== undefined) {
    let index = transforms.indexOf(spec.transform);
    if (index < 0) index = transforms.push(spec.transform) - 1;
    return { field: spec.field, transform: index };
  }
  return spec as WireSpec;
}
