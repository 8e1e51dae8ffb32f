/**
 * Viewport-aware downsampling of a figure's lines and scatters. Before each flush, a glyph
 * whose source holds more than DOWNSAMPLE_ABOVE rows gets, in its `downsampled` attribute,
 * the rows a min-max decimation of the visible x range keeps (about two per pixel column)
 * and the columns it draws at those rows; the page draws that instead of the source, whose
 * columns it is not sent (`engine.withheld`). Zooming or panning writes the figure's
 * x range's `start`/`end`, and the next flush sends the new window at full resolution, with a coarse view
 * of the rest so a pan shows the line before the answer comes. `source.data` stays whole.
 */
import type { DocumentEngine } from "../../document/engine.ts";
import { parseTemplate, templateColumns } from "../../protocol/format.ts";
import { isPlainObject, isTypedArray, type DocState, type ModelId, type TypedArray, type Value } from "../../protocol/index.ts";
import { decimateRows, isNonDecreasing, sortedRowsOutside } from "./decimate.ts";

/** Sources of more rows than this are downsampled: a line of 10,000 points is drawn whole. */
export const DOWNSAMPLE_ABOVE = 10_000;
/** Pixel columns of a figure without a width (about Plotly's default plot area). */
const DEFAULT_COLUMNS = 800;
const GLYPHS = new Set<Value | undefined>(["line", "scatter"]);
const VISUAL_FIELDS = ["color", "fillColor", "lineColor", "alpha", "fillAlpha", "lineAlpha", "size", "marker"];

/** What the page draws for a downsampled glyph: the source rows kept, and its columns at them. */
export interface DownsampledTable {
  rows: Int32Array;
  data: Record<string, Value>;
}

type Attrs = Record<string, Value>;
type Column = TypedArray | Value[];

const refOf = (value: Value | undefined): ModelId | undefined =>
  isPlainObject(value) && typeof value.ref === "string" ? value.ref : undefined;
/** A glyph's plain column name (x, y), or "" when it has none. */
const columnName = (value: Value | undefined): string => (typeof value === "string" ? value : "");
const isColumn = (value: unknown): value is Column => Array.isArray(value) || isTypedArray(value);

/** Numbers all the way (typed, or a plain array of numbers as its ends show): what the decimation can read. */
function isNumeric(column: Value | undefined): column is TypedArray | number[] {
  if (isTypedArray(column)) return true;
  return Array.isArray(column) && typeof column[0] === "number" && typeof column[column.length - 1] === "number";
}

/** The source's columns, when it is a source. */
function dataOf(state: DocState, source: ModelId | undefined): Record<string, Value> | undefined {
  const data = source === undefined ? undefined : state.models[source]?.attrs.data;
  return isPlainObject(data) ? data : undefined;
}

/** A glyph the page can draw from a decimation: a line or scatter of numeric columns, all rows, one legend entry. */
function canDownsample(state: DocState, attrs: Attrs | undefined): attrs is Attrs {
  if (attrs === undefined || !GLYPHS.has(attrs.glyph) || attrs.downsample === false) return false;
  const noCoords = !isPlainObject(attrs.coords) || Object.keys(attrs.coords).length === 0;
  const data = dataOf(state, refOf(attrs.source));
  const numeric = (name: Value | undefined) => typeof name === "string" && data !== undefined && isNumeric(data[name]);
  return noCoords && numeric(attrs.x) && numeric(attrs.y) && refOf(attrs.view) === undefined && (attrs.legendField ?? null) === null;
}

/** True when every model that refers to `source` is a glyph that draws it downsampled (else the page needs its rows). */
function onlyDownsampled(state: DocState, source: ModelId): boolean {
  const refersTo = (value: Value | undefined, depth: number): boolean => {
    if (refOf(value) === source) return true;
    if (depth > 1 || isTypedArray(value)) return false;
    if (Array.isArray(value)) return typeof value[0] === "object" && value.some((item) => refersTo(item, depth + 1));
    return isPlainObject(value) && Object.values(value).some((item) => refersTo(item, depth + 1));
  };
  return Object.values(state.models).every((model) => {
    if (!Object.entries(model.attrs).some(([key, value]) => key !== "data" && refersTo(value, 0))) return true;
    return model.type === "GlyphRenderer" && canDownsample(state, model.attrs);
  });
}

/** The source columns the glyph draws or shows in its tooltips. */
function drawnColumns(attrs: Attrs, data: Record<string, Value>): string[] {
  const names = new Set<string>([columnName(attrs.x), columnName(attrs.y)]);
  for (const key of VISUAL_FIELDS) {
    const spec = attrs[key];
    if (isPlainObject(spec) && typeof spec.field === "string") names.add(spec.field);
  }
  const tooltips = Array.isArray(attrs.tooltips) ? attrs.tooltips : [];
  for (const row of tooltips)
    if (Array.isArray(row) && typeof row[1] === "string") templateColumns(parseTemplate(row[1])).forEach((name: string) => names.add(name));
  return [...names].filter((name) => Object.hasOwn(data, name) && isColumn(data[name]));
}

function pick(column: Column, rows: Int32Array): Value {
  if (!isTypedArray(column)) return Array.from(rows, (row) => column[row] ?? null);
  const out = new (column.constructor as new (length: number) => TypedArray)(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]!]!;
  return out;
}

/** Whether each x column never decreases, found once per column object. */
const sortedColumns = new WeakMap<object, boolean>();

function isSorted(x: TypedArray | number[]): boolean {
  let sorted = sortedColumns.get(x);
  if (sorted === undefined) sortedColumns.set(x, (sorted = isNonDecreasing(x)));
  return sorted;
}

/** The window's rows at full resolution, and outside it a coarse view of the rest (for a pan's first frames). */
export function rowsToDraw(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  window: readonly [number, number] | null,
  columns: number,
  sorted: boolean,
): Int32Array {
  const visible = decimateRows(x, y, { window, columns, sorted });
  if (window === null) return visible;
  const [start, end] = window[0] <= window[1] ? window : [window[1], window[0]];
  const outside = sorted
    ? sortedRowsOutside(x, y, window, columns)
    : Array.from(decimateRows(x, y, { window: null, columns, sorted })).filter((row) => !(x[row]! >= start && x[row]! <= end));
  if (outside.length === 0) return visible;
  return Int32Array.from(new Set([...outside, ...visible])).sort();
}

/** The x range's attributes (a Range1d or DataRange1d model), which pan and zoom in the page write. */
const xRangeOf = (state: DocState, figure: Attrs) => state.models[refOf(figure.xRange) ?? ""]?.attrs;

/** The visible x range, or null while the range fits the data (every row is in view). */
function windowOf(state: DocState, figure: Attrs): [number, number] | null {
  const range = xRangeOf(state, figure);
  const start = range?.start;
  const end = range?.end;
  return typeof start === "number" && typeof end === "number" && Number.isFinite(start) && Number.isFinite(end) ? [start, end] : null;
}

/** The tooltips of the figure's active HoverTools, which the page may lend the glyph (client/render/hover-tool.ts). */
function hoverTooltips(state: DocState, figure: Attrs): Value[] {
  const toolbar = state.models[refOf(figure.toolbar) ?? ""]?.attrs;
  const active = Array.isArray(toolbar?.activeInspect) ? toolbar.activeInspect : [];
  return active.flatMap((ref) => {
    const tool = state.models[refOf(ref) ?? ""];
    return tool?.type === "HoverTool" && Array.isArray(tool.attrs.tooltips) ? tool.attrs.tooltips : [];
  });
}

/** The table the page draws for a glyph, or null when it draws the source itself. */
function tableFor(state: DocState, figure: Attrs, attrs: Attrs): DownsampledTable | null {
  const source = refOf(attrs.source);
  const data = dataOf(state, source);
  const x = data?.[columnName(attrs.x)];
  const y = data?.[columnName(attrs.y)];
  if (!isNumeric(x) || !isNumeric(y) || x.length <= DOWNSAMPLE_ABOVE || !onlyDownsampled(state, source!)) return null;
  const window = windowOf(state, figure);
  const columns = typeof figure.width === "number" ? figure.width : DEFAULT_COLUMNS;
  const rows = rowsToDraw(x, y, window, columns, isSorted(x));
  const table: Record<string, Value> = {};
  const tooltips = [...(Array.isArray(attrs.tooltips) ? attrs.tooltips : []), ...hoverTooltips(state, figure)];
  for (const name of drawnColumns({ ...attrs, tooltips }, data!)) table[name] = pick(data![name] as Column, rows);
  return { rows, data: table };
}

/** The state a glyph's decimation was made from: the same objects again mean the same table. */
type Inputs = readonly unknown[];

const sameInputs = (a: Inputs | undefined, b: Inputs) => a !== undefined && a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * The flush pass of one figure: brings each of its glyphs' `downsampled` table up to date
 * with the source, the figure's x range and width, and marks the sources the page is not sent.
 */
export function downsamplingPass(engine: DocumentEngine, figure: ModelId): () => void {
  const made = new Map<ModelId, Inputs>();
  const inputsOf = (state: DocState, figureAttrs: Attrs, id: ModelId): Inputs => {
    const attrs = state.models[id]?.attrs;
    const source = refOf(attrs?.source);
    const held = source !== undefined && onlyDownsampled(state, source);
    // The columns it draws, not the whole table: another glyph's column changing leaves this one's decimation as it is.
    const data = dataOf(state, source) ?? {};
    const columns = attrs === undefined ? [] : drawnColumns(attrs, data).map((name) => data[name]);
    return [xRangeOf(state, figureAttrs), figureAttrs.width, attrs, held, Object.keys(data).length, ...columns];
  };
  return () => {
    const figureAttrs = engine.state.models[figure]?.attrs;
    const renderers = Array.isArray(figureAttrs?.renderers) ? figureAttrs.renderers : [];
    for (const id of renderers.map((ref) => refOf(ref)).filter((id) => id !== undefined)) {
      if (sameInputs(made.get(id), inputsOf(engine.state, figureAttrs!, id))) continue;
      const attrs = engine.state.models[id]?.attrs;
      if (attrs === undefined) continue;
      const table = canDownsample(engine.state, attrs) ? tableFor(engine.state, figureAttrs!, attrs) : null;
      const source = refOf(attrs.source);
      if (source !== undefined) engine.withheld.set(source, table !== null);
      if (table !== null || (attrs.downsampled ?? null) !== null)
        engine.change((draft) => void (draft.models[id]!.attrs.downsampled = table));
      made.set(id, inputsOf(engine.state, figureAttrs!, id));
    }
  };
}
