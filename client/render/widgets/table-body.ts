/**
 * A DataTable's rows in view: only the window of rows the scroll position shows is in the DOM,
 * between two spacer rows that keep the scroll height of the whole table.
 */
import type { ModelState, Value } from "../../../server/protocol/index.ts";
import { h } from "../dom.ts";
import type { CellFormat } from "./table-cells.ts";

export interface TableColumnView {
  field: string;
  title: string;
  width: number | undefined;
  sortable: boolean;
  format: CellFormat;
  editor: ModelState | undefined;
  values: ArrayLike<Value>;
}

/** What the body draws from: the table's columns, its row order, and how rows look. */
export interface BodyModel {
  columns: TableColumnView[];
  order: readonly number[];
  selected: ReadonlySet<number>;
  rowHeight: number;
  showIndex: boolean;
  checkboxes: boolean;
  /** Any column of the source (a template can show columns the table does not). */
  valuesOf(field: string): ArrayLike<Value>;
  /** Makes template HTML safe to show; undefined until the rich-text chunk is in (cells stay empty). */
  sanitize: ((html: string) => string) | undefined;
  /** The input of the cell being edited, kept across redraws while the person types. */
  editing?: { index: number; column: number; el: HTMLElement };
}

function cellOf(model: BodyModel, position: number, index: number): HTMLTableCellElement {
  const column = model.columns[position]!;
  const td = h("td");
  td.dataset.field = column.field;
  td.dataset.column = String(position);
  const editing = model.editing;
  if (editing !== undefined && editing.index === index && editing.column === position) {
    td.append(editing.el);
    return td;
  }
  const row = (name: string) => model.valuesOf(name)[index];
  const content = column.format.content(column.values[index], row);
  if ("html" in content) td.innerHTML = model.sanitize?.(content.html) ?? "";
  else td.textContent = content.text;
  const { fontStyle, textAlign, color } = column.format.style;
  if (fontStyle.includes("bold")) td.style.fontWeight = "bold";
  if (fontStyle.includes("italic")) td.style.fontStyle = "italic";
  if (textAlign !== "") td.style.textAlign = textAlign;
  if (color !== "") td.style.color = color;
  return td;
}

function rowOf(model: BodyModel, index: number): HTMLTableRowElement {
  const tr = h("tr");
  tr.dataset.index = String(index);
  tr.style.height = `${model.rowHeight}px`;
  const selected = model.selected.has(index);
  if (selected) tr.setAttribute("aria-selected", "true");
  if (model.checkboxes) {
    const box = h("input", { type: "checkbox", className: "aperture-row-select", checked: selected });
    box.setAttribute("aria-label", `Select row ${index}`);
    tr.append(h("td", { className: "aperture-select-cell" }, box));
  }
  if (model.showIndex) tr.append(h("td", { textContent: String(index) }));
  model.columns.forEach((_column, position) => tr.append(cellOf(model, position, index)));
  return tr;
}

function spacer(height: number, span: number): HTMLTableRowElement {
  const tr = h("tr", { className: "aperture-table-spacer" });
  tr.style.height = `${height}px`;
  tr.setAttribute("aria-hidden", "true");
  tr.append(h("td", { colSpan: span }));
  return tr;
}

/** Draws rows `start..end` of the display order into `body`. */
export function drawRows(body: HTMLTableSectionElement, model: BodyModel, window: { start: number; end: number }): void {
  const span = model.columns.length + (model.showIndex ? 1 : 0) + (model.checkboxes ? 1 : 0);
  const rows: HTMLTableRowElement[] = [];
  for (let position = window.start; position < window.end; position++) rows.push(rowOf(model, model.order[position]!));
  const below = model.order.length - window.end;
  body.replaceChildren(
    ...(window.start > 0 ? [spacer(window.start * model.rowHeight, span)] : []),
    ...rows,
    ...(below > 0 ? [spacer(below * model.rowHeight, span)] : []),
  );
}
