/**
 * A glyph's specs as values per row: a field is its source column (through its transform,
 * if any), a value is repeated, `stack` and `cumsum` are computed. DOM-free.
 */
import type { DocState, ModelId, Value } from "../../../server/protocol/index.ts";
import { escapeColumn } from "../escape.ts";
import { applyTransform } from "../transforms.ts";
import { asString, modelOf, refId, refIds } from "../values.ts";

export interface GlyphData {
  id: ModelId;
  state: DocState;
  attrs: Record<string, Value>;
  data: Record<string, Value>;
  /** Rows of the source. */
  length: number;
}

type Spec = Record<string, Value>;

export function glyphData(state: DocState, id: ModelId): GlyphData | undefined {
  const attrs = modelOf(state, id)?.attrs;
  if (attrs === undefined) return undefined;
  const raw = modelOf(state, refId(attrs.source))?.attrs.data;
  const data =
    typeof raw === "object" && raw !== null && !Array.isArray(raw) && !ArrayBuffer.isView(raw) ? (raw as Record<string, Value>) : {};
  const first = Object.values(data)[0];
  // A glyph of values only (no columns) draws once, as in Bokeh.
  const length = first === undefined ? 1 : Array.isArray(first) || ArrayBuffer.isView(first) ? (first as ArrayLike<unknown>).length : 0;
  return { id, state, attrs, data, length };
}

export function columnOf(data: Value | undefined, name: Value | undefined): Value[] | ArrayLike<number> {
  if (typeof data !== "object" || data === null || typeof name !== "string" || name === "") return [];
  const values = Object.hasOwn(data, name) ? (data as Record<string, Value>)[name] : undefined;
  return Array.isArray(values) || ArrayBuffer.isView(values) ? values : [];
}

const isSpec = (value: Value | undefined): value is Spec =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);

/** The spec of a coordinate: from `coords`, or the plain column name of x, y or z. */
export function specOf(g: GlyphData, key: string): Spec | undefined {
  const coords = g.attrs.coords;
  if (isSpec(coords) && Object.hasOwn(coords, key) && isSpec(coords[key])) return coords[key];
  const name = g.attrs[key];
  return (key === "x" || key === "y" || key === "z") && typeof name === "string" && name !== "" ? { field: name } : undefined;
}

function filled(length: number, value: Value): Value[] {
  return new Array<Value>(length).fill(value);
}

function sums(g: GlyphData, fields: readonly Value[]): Float64Array {
  const out = new Float64Array(g.length);
  for (const name of fields) {
    const column = columnOf(g.data, name) as ArrayLike<number>;
    for (let i = 0; i < g.length; i++) out[i]! += Number(column[i] ?? 0);
  }
  return out;
}

function runningSum(column: ArrayLike<unknown>, includeZero: boolean): Float64Array {
  const out = new Float64Array(column.length);
  let total = 0;
  for (let i = 0; i < column.length; i++) {
    if (includeZero) out[i] = total;
    total += Number(column[i] ?? 0);
    if (!includeZero) out[i] = total;
  }
  return out;
}

/** The spec's value per row; strings escaped for Plotly. */
export function resolve(g: GlyphData, spec: Spec | undefined, fallback: Value = null): ArrayLike<unknown> {
  if (spec === undefined) return filled(g.length, fallback);
  if (Object.hasOwn(spec, "value")) return filled(g.length, spec.value ?? fallback);
  if (spec.expr === "stack") return sums(g, Array.isArray(spec.fields) ? spec.fields : []);
  const column = columnOf(g.data, spec.field);
  if (spec.expr === "cumsum") return runningSum(column, spec.includeZero === true);
  const index = spec.transform;
  const transformed = typeof index === "number" ? applyTransform(g.state, refIds(g.attrs.transforms)[index], column) : column;
  return escapeColumn(transformed);
}

/** A coordinate per row. */
export function coord(g: GlyphData, key: string, fallback: Value = null): ArrayLike<unknown> {
  return resolve(g, specOf(g, key), fallback);
}

export function numbers(g: GlyphData, key: string, fallback = 0): ArrayLike<number> {
  const values = coord(g, key, fallback);
  return ArrayBuffer.isView(values)
    ? (values as unknown as ArrayLike<number>)
    : Array.from(values, (v) => (typeof v === "number" ? v : fallback));
}

/** A visual (`fillColor`, `size`, …): one value for all rows, or one per row. */
export type Visual = { single: Value | undefined } | { perRow: ArrayLike<unknown> };

export function visual(g: GlyphData, key: string, fallbackKey?: string): Visual {
  const own = g.attrs[key];
  const value = own === null || own === undefined ? (fallbackKey === undefined ? undefined : g.attrs[fallbackKey]) : own;
  if (!isSpec(value)) return { single: value ?? undefined };
  if (Object.hasOwn(value, "value")) return { single: value.value };
  return { perRow: resolve(g, value) };
}

/** The visual as Plotly takes it: a value, or an array of one per row. */
export function plotlyVisual(v: Visual, map: (value: unknown) => unknown = (x) => x): unknown {
  if ("single" in v) return v.single === undefined || v.single === null ? undefined : map(v.single);
  return Array.from(v.perRow, map);
}

/** The visual of row `i`. */
export function visualAt(v: Visual, i: number): unknown {
  return "single" in v ? v.single : v.perRow[i];
}

export function legendOf(g: GlyphData): string {
  return asString(g.attrs.legendLabel);
}
