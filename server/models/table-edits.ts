/**
 * A person's edit of table cells arrives as an `x-patch` of the source's `data`. It is
 * checked here, before anything changes: the source must be shown by an editable DataTable
 * with a column of that field, each row must exist, and each value must be what the
 * column's editor produces. Anything else is refused with the reason, which the page shows.
 */
import { SyncError, isPlainObject, isTypedArray, type Value } from "../protocol/index.ts";
import type { Model } from "../document/model.ts";
import { ColumnDataSource } from "./source.ts";
import { DataTable } from "./table.ts";
import type { CellEditor } from "./table-editors.ts";

/** Most cells one client patch may set. */
export const MAX_CELL_EDITS = 1000;

const short = (text: string) => JSON.stringify(text.slice(0, 40));

/** The editors of `source`'s columns in the document's editable tables (the first table's editor for a field wins). */
function editorsOf(source: ColumnDataSource): Map<string, CellEditor> {
  const editors = new Map<string, CellEditor>();
  for (const table of source.document?.select({ type: DataTable }) ?? []) {
    const { editable, columns } = table as DataTable;
    if (!editable || (table as DataTable).source !== source) continue;
    for (const column of columns) if (!editors.has(column.field) && column.editor) editors.set(column.field, column.editor);
  }
  return editors;
}

/** The cells as `{ field: [[row, stored value], …] }`, or a SyncError that says which cell was refused and why. */
export function checkCellEdits(model: Model, cells: unknown): Record<string, [number, Value][]> {
  if (!(model instanceof ColumnDataSource)) throw new SyncError("PATCH_NOT_WRITABLE", `${model.type} has no cells to edit`);
  if (!isPlainObject(cells)) throw new SyncError("PATCH_BAD_VALUE", "x-patch needs { field: [[row, value], …] }");
  const editors = editorsOf(model as ColumnDataSource);
  const rows = model.length;
  const checked: Record<string, [number, Value][]> = {};
  let count = 0;
  for (const [field, edits] of Object.entries(cells)) {
    const editor = editors.get(field);
    if (editor === undefined || !model.hasColumn(field))
      throw new SyncError("PATCH_NOT_WRITABLE", `column ${short(field)} of ${String(model)} is in no editable DataTable`);
    if (!Array.isArray(edits)) throw new SyncError("PATCH_BAD_VALUE", `edits of ${short(field)} must be [[row, value], …]`);
    count += edits.length;
    if (count > MAX_CELL_EDITS) throw new SyncError("PATCH_BAD_VALUE", `more than ${MAX_CELL_EDITS} cells in one patch`);
    const column = model.data[field]!;
    checked[field] = edits.map((edit: unknown) => {
      const [row, value] = Array.isArray(edit) && edit.length === 2 ? (edit as [unknown, unknown]) : [undefined, undefined];
      if (typeof row !== "number" || !Number.isSafeInteger(row) || row < 0 || row >= rows)
        throw new SyncError(
          "PATCH_BAD_VALUE",
          `row ${typeof row === "number" ? row : typeof row} of ${short(field)} does not exist (${rows} rows)`,
        );
      const result = editor.checkCell(value, column);
      if (!result.ok) throw new SyncError("PATCH_BAD_VALUE", `cell ${short(field)} of row ${row}: ${result.problem}`);
      if (isTypedArray(column) && typeof result.value !== "number")
        throw new SyncError("PATCH_BAD_VALUE", `cell ${short(field)} of row ${row}: the column holds numbers`);
      return [row, result.value];
    });
  }
  return checked;
}
