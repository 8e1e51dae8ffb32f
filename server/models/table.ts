/**
 * DataTable, as Bokeh's: a source's columns, each shown by a cell formatter and, when the
 * table is `editable`, edited by a cell editor. The page draws only the rows in view, so a
 * table of 100,000 rows scrolls as one of 100. Row selection is the source's `selected`.
 */
import { defineModel, type InitOf, type Model } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { custom } from "./checks.ts";
import { defineVisibleModel } from "./common.ts";
import type { ColumnDataSource } from "./source.ts";
import { StringEditor, type CellEditor } from "./table-editors.ts";
import { StringFormatter, type CellFormatter } from "./table-formatters.ts";

export * from "./table-formatters.ts";
export * from "./table-editors.ts";

const columnProps = {
  field: prop.string(""),
  /** Header text; empty shows the field name. */
  title: prop.string(""),
  /** How cells show (Bokeh's default: a `StringFormatter`). */
  formatter: prop.ref<CellFormatter>(),
  /** How a person edits a cell of an editable table (Bokeh's default: a `StringEditor`). */
  editor: prop.ref<CellEditor>(),
  width: prop.nullableNumber(null, { min: 10, max: 2000 }),
  /** Whether a header click sorts by this column (when the table is sortable). */
  sortable: prop.boolean(true),
};

/** One column of a table: the source column it shows, how, and how it is edited. */
export class TableColumn extends defineModel("TableColumn", columnProps) {
  constructor(init: InitOf<typeof columnProps> = {}) {
    super({ ...init, formatter: init.formatter ?? new StringFormatter(), editor: init.editor ?? new StringEditor() });
  }
}

/** Bokeh's `selectable`: row clicks select (`true`), nothing (`false`), or a checkbox per row. */
export type Selectable = boolean | "checkbox";

const tableProps = {
  source: prop.ref<ColumnDataSource>(),
  columns: prop.refs<TableColumn>(),
  /** Header clicks sort the rows in the page (the source's order is left alone). */
  sortable: prop.boolean(true),
  /**
   * Row clicks set the source's `selected` (Ctrl/Cmd-click adds or removes a row), or with
   * `"checkbox"` a checkbox per row (and one in the header for all rows) does.
   */
  selectable: custom<Selectable>(true, (value) =>
    typeof value === "boolean" || value === "checkbox" ? undefined : 'expected true, false or "checkbox"',
  ),
  /** Double-clicking a cell edits it with its column's editor; the server checks every edit. */
  editable: prop.boolean(false),
  showIndex: prop.boolean(false),
  /** Pixels per row: the page lays rows out at this height to draw only those in view. */
  rowHeight: prop.number(25, { min: 16, max: 200 }),
  height: prop.number(300, { min: 50, max: 10_000 }),
  width: prop.nullableNumber(null, { min: 50, max: 10_000 }),
};

export class DataTable extends defineVisibleModel("DataTable", tableProps) {}

type ColumnSpec = string | [field: string, title: string] | TableColumn;

export interface DataTableOptions {
  name?: string;
  height?: number;
  width?: number;
  sortable?: boolean;
  selectable?: Selectable;
  editable?: boolean;
}

/**
 * A table of `source`; columns as field names, `[field, title]` pairs or `TableColumn`s.
 * @example dataTable(source, ["name", ["mpg", "Miles per gallon"]], { name: "table", editable: true })
 */
export function dataTable(source: ColumnDataSource, columns: ColumnSpec[], options: DataTableOptions = {}): DataTable {
  const made = columns.map((spec): Model => {
    if (typeof spec === "string") return new TableColumn({ field: spec });
    if (Array.isArray(spec)) return new TableColumn({ field: spec[0], title: spec[1] });
    return spec;
  });
  return new DataTable({ ...options, source, columns: made as TableColumn[] });
}
