/** Column edits of a data object (a ColumnDataSource's `data`): Aperture's `x-stream` and `x-patch`. */
import { DTYPES, dtypeOf, isTypedArray, type TypedArray, type Value } from "../../server/protocol/index.ts";

export type Column = TypedArray | Value[];

function isColumn(value: Value | undefined): value is Column {
  return Array.isArray(value) || isTypedArray(value);
}

/**
 * `current` followed by `rows`, keeping only the last `rollover` values. A typed column stays
 * a typed array of its dtype (a new one: views of the old one stay valid); a new column takes
 * the kind of `rows`. Only the kept values are copied.
 */
export function appendRows(current: Value | undefined, rows: Column, rollover?: number): Column {
  if (current !== undefined && !isColumn(current)) throw new Error("x-stream: the target is not a column");
  if (rollover !== undefined && !(Number.isSafeInteger(rollover) && rollover >= 0)) {
    throw new Error(`x-stream: bad rollover ${String(rollover)}`);
  }
  const head: Column = current ?? (isTypedArray(rows) ? new (DTYPES[dtypeOf(rows)!])(0) : []);
  const total = head.length + rows.length;
  const drop = total - Math.min(total, rollover ?? total);
  if (!isTypedArray(head)) {
    return [...head.slice(Math.min(drop, head.length)), ...Array.from(rows).slice(Math.max(0, drop - head.length))];
  }
  const out = new (DTYPES[dtypeOf(head)!])(total - drop);
  if (drop < head.length) out.set(head.subarray(drop));
  const fromRows = Math.max(0, drop - head.length);
  const tail = isTypedArray(rows) ? rows.subarray(fromRows) : (rows.slice(fromRows) as number[]);
  out.set(tail, Math.max(0, head.length - drop));
  return out;
}

const cellEdits = new WeakMap<Column, number>();

/**
 * How many times cells of `column` were set in place: a cache of values derived from a
 * column object (its dates as numbers, its extent) is stale once this moves.
 */
export function editsOf(column: object): number {
  return cellEdits.get(column as Column) ?? 0;
}

/** Sets single cells in place: `{ column: [[index, value], …] }`. Indexes must exist. */
export function setCells(data: Record<string, Value>, cells: Record<string, [number, Value][]>): void {
  for (const [name, edits] of Object.entries(cells)) {
    const column = Object.hasOwn(data, name) ? data[name] : undefined;
    if (!isColumn(column)) throw new Error(`x-patch: no column "${name}"`);
    if (!Array.isArray(edits)) throw new Error(`x-patch: edits of "${name}" are not a list`);
    for (const edit of edits) {
      const [index, value] = Array.isArray(edit) ? edit : [];
      if (!Number.isSafeInteger(index) || index! < 0 || index! >= column.length) {
        throw new Error(`x-patch: index ${String(index)} is outside column "${name}"`);
      }
      if (isTypedArray(column)) column[index!] = Number(value);
      else column[index!] = value as Value;
    }
    cellEdits.set(column, editsOf(column) + 1);
  }
}
