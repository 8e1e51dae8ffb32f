/**
 * Values derived from a column object, computed once per object: a column the server did
 * not change arrives as the same object, so its derived values (dates as numbers, extent,
 * decimation) are reused across redraws instead of recomputed per value each time. An entry
 * is dropped when the column's cells were set in place (`x-patch`) or the column is gone
 * (a WeakMap: it lives exactly as long as the column).
 */
import { editsOf } from "../patch/columns.ts";

interface Entry {
  edits: number;
  value: unknown;
}

const derived = new WeakMap<object, Map<string, Entry>>();

/** `compute(column)`, remembered under `kind` for this column object until its cells change. */
export function cachedFor<T>(column: object, kind: string, compute: () => T): T {
  let entries = derived.get(column);
  if (entries === undefined) derived.set(column, (entries = new Map<string, Entry>()));
  const edits = editsOf(column);
  const entry = entries.get(kind);
  if (entry !== undefined && entry.edits === edits) return entry.value as T;
  const value = compute();
  entries.set(kind, { edits, value });
  return value;
}
