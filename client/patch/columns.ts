/** Column edits of a data object (a ColumnDataSource's `data`): Aperture's `x-stream` and `x-patch`. */
import { isTypedArray, type Column, type Value } from "../../server/protocol/index.ts";

function isColumn(value: Value | undefined): value is Column {
  return Array.isArray(value) || isTypedArray(value);
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
