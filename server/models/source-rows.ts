/**
 * What `stream` and `patch` check and build: new rows in their column's kind, and cell
 * edits (single rows or Bokeh's slices) as `[index, value]` pairs. A refused edit throws
 * before anything changes.
 */
import { isPlainObject, isTypedArray, type TypedArray, type Value } from "../protocol/index.ts";
import { AttributeError } from "../document/model.ts";

export type ColumnArray = TypedArray | Value[];

const INTEGER_ARRAYS = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array];

const describe = (value: unknown): string =>
  typeof value === "number" || value === undefined
    ? String(value)
    : typeof value === "function"
      ? "a function"
      : (JSON.stringify(value) ?? typeof value);

export function isPlainValue(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainValue);
  return isPlainObject(value) && Object.values(value).every(isPlainValue);
}

/**
 * New rows in the column's own kind: typed columns stay typed (and binary on the wire), with
 * non-integers for an integer column as float64 rows (the column then widens, see
 * server/protocol/columns.ts); typed rows for an empty column stay typed.
 */
export function likeColumn(column: ColumnArray, rows: ArrayLike<unknown>): ColumnArray {
  if (column.length === 0 && isTypedArray(rows)) return rows.slice();
  if (isTypedArray(column)) {
    for (let i = 0; i < rows.length; i++) {
      if (typeof rows[i] !== "number") throw new AttributeError("ColumnDataSource.stream: a numeric column takes numbers only");
    }
    const integer = INTEGER_ARRAYS.some((Ctor) => column instanceof Ctor);
    const fractional = integer && Array.from(rows as ArrayLike<number>).some((value) => !Number.isInteger(value));
    const Ctor = (fractional ? Float64Array : column.constructor) as new (values: ArrayLike<number>) => TypedArray;
    return new Ctor(rows as ArrayLike<number>);
  }
  const values = Array.from(rows as ArrayLike<Value>);
  // A plain column holds JSON values only: no undefined, functions or NaN that would not survive the wire.
  const bad = values.findIndex((value) => !isPlainValue(value));
  if (bad >= 0) throw new AttributeError(`ColumnDataSource.stream: ${describe(values[bad])} is not a JSON value`);
  return values;
}

/** Bokeh's `slice(start, stop, step)`: rows `start`, `start + step`, … before `stop`. */
export interface Slice {
  start?: number;
  stop?: number;
  step?: number;
}

export type CellEdit = [number, Value] | [Slice, readonly Value[]];

function sliceRows(slice: Slice, length: number, name: string): number[] {
  const { start = 0, stop = length, step = 1 } = slice;
  if (![start, stop, step].every(Number.isSafeInteger) || step <= 0 || start < 0 || stop > length) {
    throw new AttributeError(
      `ColumnDataSource.patch: slice ${JSON.stringify(slice)} of "${name}" is not within 0..${length} with a positive step`,
    );
  }
  const rows: number[] = [];
  for (let i = start; i < stop; i += step) rows.push(i);
  return rows;
}

/** Edits of one column as `[index, value]` pairs, slices spread out; every row must exist. */
export function cellPairs(name: string, edits: readonly CellEdit[], length: number): [number, Value][] {
  const pairs: [number, Value][] = [];
  for (const [where, what] of edits) {
    if (typeof where === "number") {
      if (!Number.isSafeInteger(where) || where < 0 || where >= length)
        throw new AttributeError(`ColumnDataSource.patch: row ${where} of "${name}" is out of range 0..${length - 1}`);
      pairs.push([where, what as Value]);
      continue;
    }
    const rows = sliceRows(where, length, name);
    if (!Array.isArray(what) || what.length !== rows.length)
      throw new AttributeError(
        `ColumnDataSource.patch: slice of "${name}" covers ${rows.length} rows, got ${Array.isArray(what) ? what.length : "no list of"} values`,
      );
    rows.forEach((row, i) => pairs.push([row, what[i]!]));
  }
  return pairs;
}

/** A changed copy of a column (columns may be shared with other sessions: never written in place). */
export function withCells(name: string, column: ColumnArray, pairs: readonly [number, Value][]): ColumnArray {
  const copy = column.slice() as ColumnArray;
  for (const [index, value] of pairs) {
    if (isTypedArray(copy) && typeof value !== "number") throw new AttributeError(`ColumnDataSource.patch: "${name}" holds numbers`);
    if (!isTypedArray(copy) && !isPlainValue(value))
      throw new AttributeError(`ColumnDataSource.patch: ${describe(value)} is not a JSON value`);
    (copy as Value[])[index] = value;
  }
  return copy;
}

/** A live source's `data`: assigning into it would change a copy and be lost, so it says what to do instead. */
export function guardedTable<T extends object>(table: T): T {
  const refuse = (key: string | symbol): never => {
    const name = String(key);
    throw new AttributeError(
      `source.data.${name} = … would change a copy and be lost: assign the whole table (source.data = { ...source.data, ${name}: … }) or use source.patch(…) / source.stream(…)`,
    );
  };
  return new Proxy(table, {
    set: (_t, key) => refuse(key),
    deleteProperty: (_t, key) => refuse(key),
    defineProperty: (_t, key) => refuse(key),
  });
}
