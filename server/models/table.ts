/** DataTable: a source's columns as a sortable table whose row selection is the source's. */
import { defineModel, type Model } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { defineVisibleModel } from "./common.ts";
import type { ColumnDataSource } from "./source.ts";

const FORMATTERS = ["auto", "number", "datetime", "text"] as const;

/** One column of a table: the source column it shows and how. */
export class TableColumn extends defineModel("TableColumn", {
  field: prop.string(""),
  /** Header text; empty shows the field name. */
  title: prop.string(""),
  /** `number` rounds to `decimals`; `datetime` reads milliseconds since the epoch. */
  formatter: prop.enum(FORMATTERS, "auto"),
  decimals: prop.number(2, { min: 0, max: 12, integer: true }),
  width: prop.nullableNumber(null, { min: 10, max: 2000 }),
}) {}

const tableProps = {
  source: prop.ref<ColumnDataSource>(),
  columns: prop.refs<TableColumn>(),
  /** Header clicks sort the rows in the page (the source's order is left alone). */
  sortable: prop.boolean(true),
  /** Row clicks set the source's `selected` (Ctrl/Cmd-click adds or removes a row). */
  selectable: prop.boolean(true),
  showIndex: prop.boolean(false),
  height: prop.number(300, { min: 50, max: 10_000 }),
  width: prop.nullableNumber(null, { min: 50, max: 10_000 }),
};

export class DataTable extends defineVisibleModel("DataTable", tableProps) {}

type ColumnSpec = string | [field: string, title: string] | TableColumn;

/**
 * A table of `source`; columns as field names, `[field, title]` pairs or `TableColumn`s.
 * @example dataTable(source, ["name", ["mpg", "Miles per gallon"]], { name: "table" })
 */
export function dataTable(
  source: ColumnDataSource,
  columns: ColumnSpec[],
  options: { name?: string; height?: number; width?: number; sortable?: boolean; selectable?: boolean } = {},
): DataTable {
  const made = columns.map((spec): Model => {
    if (typeof spec === "string") return new TableColumn({ field: spec });
    if (Array.isArray(spec)) return new TableColumn({ field: spec[0], title: spec[1] });
    return spec;
  });
  return new DataTable({ ...options, source, columns: made as TableColumn[] });
}
