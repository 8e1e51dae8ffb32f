/**
 * DataTable: a source's rows as an HTML table that draws only the rows in view (100,000 rows
 * scroll as 100 do). Header clicks sort in the page only; row clicks or row checkboxes write
 * the source's `selected`, which the plots of that source highlight too; in an editable table
 * a double click edits a cell, and the edit is a cell patch of the source the server checks.
 */
import type { ModelId, Value } from "../../../server/protocol/index.ts";
import { h } from "../dom.ts";
import { loadRichText, loadedRichText } from "../rich-text-loader.ts";
import { columnOf } from "../traces/index.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asNumber, asOptionalNumber, asString, modelOf, refId, refIds } from "../values.ts";
import { drawRows, type BodyModel, type TableColumnView } from "./table-body.ts";
import { cellFormatOf } from "./table-cells.ts";
import { editorInput } from "./table-editor.ts";
import { rowOrder, toggled, visibleWindow, type SortState } from "./table-rows.ts";

function columnsOf(ctx: RenderContext, data: Value | undefined): TableColumnView[] {
  const state = ctx.state();
  return refIds(ctx.attr("columns")).flatMap((id) => {
    const attrs = modelOf(state, id)?.attrs;
    if (attrs === undefined) return [];
    const field = asString(attrs.field);
    return [
      {
        field,
        title: asString(attrs.title) || field,
        width: asOptionalNumber(attrs.width),
        sortable: attrs.sortable !== false,
        format: cellFormatOf(modelOf(state, refId(attrs.formatter))),
        editor: modelOf(state, refId(attrs.editor)),
        values: columnOf(data, field),
      },
    ];
  });
}

interface TableState {
  sort: SortState | undefined;
  model: BodyModel;
  drawn: { start: number; end: number };
}

export function renderDataTable(ctx: RenderContext): View {
  const head = h("thead");
  const body = h("tbody");
  const el = h("div", { className: "aperture-table" }, h("table", {}, head, body));
  el.setAttribute("role", "grid");
  const source = (): ModelId | undefined => refId(ctx.attr("source"));
  const table: TableState = {
    sort: undefined,
    model: {
      columns: [],
      order: [],
      selected: new Set(),
      rowHeight: 25,
      showIndex: false,
      checkboxes: false,
      valuesOf: () => [],
      sanitize: undefined,
    },
    drawn: { start: 0, end: 0 },
  };
  const selectedOf = (): number[] => {
    const selected = modelOf(ctx.state(), source())?.attrs.selected;
    return Array.isArray(selected) ? selected.filter((i): i is number => typeof i === "number") : [];
  };
  const select = (indices: number[]) => {
    const id = source();
    if (id !== undefined) ctx.setOther(id, "selected", indices);
  };

  const drawWindow = (force: boolean) => {
    const { model } = table;
    const window = visibleWindow({
      scrollTop: el.scrollTop - head.offsetHeight,
      height: el.clientHeight || asNumber(ctx.attr("height"), 300),
      rowHeight: model.rowHeight,
      length: model.order.length,
    });
    if (!force && window.start === table.drawn.start && window.end === table.drawn.end) return;
    table.drawn = window;
    drawRows(body, model, window);
  };
  let frame: number | undefined;
  el.addEventListener("scroll", () => {
    frame ??= requestAnimationFrame(() => {
      frame = undefined;
      drawWindow(false);
    });
  });

  const rowIndex = (target: EventTarget | null): number | undefined => {
    const row = (target as Element).closest("tr");
    return row?.dataset.index === undefined ? undefined : Number(row.dataset.index);
  };
  body.addEventListener("click", (event) => {
    const index = rowIndex(event.target);
    const selectable = ctx.attr("selectable");
    if (index === undefined || table.model.editing !== undefined) return;
    if (selectable === "checkbox") {
      if ((event.target as Element).matches(".aperture-row-select")) select(toggled(selectedOf(), index));
      return;
    }
    if (selectable !== true) return;
    select(event.ctrlKey || event.metaKey ? toggled(selectedOf(), index) : [index]);
  });
  body.addEventListener("dblclick", (event) => {
    const cell = (event.target as Element).closest("td");
    const index = rowIndex(event.target);
    if (cell?.dataset.column === undefined || index === undefined || !asBoolean(ctx.attr("editable"))) return;
    startEditing(index, Number(cell.dataset.column));
  });

  const startEditing = (index: number, position: number) => {
    const column = table.model.columns[position];
    if (column?.editor === undefined) return;
    const { field } = column;
    const input = editorInput(column.editor, column.values[index]);
    table.model.editing = { index, column: position, el: input.el };
    let done = false;
    const finish = (commit: boolean) => {
      if (done) return;
      done = true;
      table.model.editing = undefined;
      const id = source();
      if (commit && id !== undefined) ctx.patchCells(id, { [field]: [[index, input.read()]] });
      drawWindow(true);
    };
    const immediate = column.editor.type === "CheckboxEditor" || column.editor.type === "SelectEditor";
    input.el.addEventListener("change", () => immediate && finish(true));
    input.el.addEventListener("keydown", (event) => {
      const key = (event as KeyboardEvent).key;
      if (key === "Enter") finish(true);
      if (key === "Escape") finish(false);
    });
    input.el.addEventListener("blur", () => finish(!immediate));
    drawWindow(true);
    input.el.focus();
  };

  head.addEventListener("click", (event) => {
    const target = event.target as Element;
    if (target.matches(".aperture-select-all")) {
      const all = (target as HTMLInputElement).checked;
      return select(all ? Array.from({ length: table.model.order.length }, (_, i) => i) : []);
    }
    const cell = target.closest("th");
    const field = cell?.dataset.field;
    const column = table.model.columns.find((candidate) => candidate.field === field);
    if (field === undefined || !column?.sortable || !asBoolean(ctx.attr("sortable"))) return;
    const sort = table.sort;
    table.sort = sort?.field === field ? (sort.descending ? undefined : { field, descending: true }) : { field, descending: false };
    update();
  });

  const drawHeader = () => {
    const { model, sort } = table;
    const header: HTMLTableCellElement[] = [];
    if (model.checkboxes) {
      const all = h("input", { type: "checkbox", className: "aperture-select-all" });
      all.checked = model.order.length > 0 && model.selected.size === model.order.length;
      all.indeterminate = model.selected.size > 0 && !all.checked;
      all.setAttribute("aria-label", "Select all rows");
      header.push(h("th", { className: "aperture-select-cell" }, all));
    }
    if (model.showIndex) header.push(h("th", { textContent: "#" }));
    for (const column of model.columns) {
      const th = h("th", { textContent: column.title });
      th.dataset.field = column.field;
      if (column.width !== undefined) th.style.width = `${column.width}px`;
      if (sort?.field === column.field) th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
      header.push(th);
    }
    head.replaceChildren(h("tr", {}, ...header));
  };

  const update = () => {
    const data = modelOf(ctx.state(), source())?.attrs.data;
    const columns = columnsOf(ctx, data);
    const length = Math.max(0, ...columns.map((column) => column.values.length));
    const sortColumn = columns.find((column) => column.field === table.sort?.field)?.values;
    table.model = {
      columns,
      order: rowOrder(length, sortColumn, table.sort?.descending ?? false),
      selected: new Set(selectedOf()),
      rowHeight: asNumber(ctx.attr("rowHeight"), 25),
      showIndex: asBoolean(ctx.attr("showIndex")),
      checkboxes: ctx.attr("selectable") === "checkbox",
      valuesOf: (field) => columnOf(data, field),
      sanitize: loadedRichText()?.sanitizedHtml,
      ...(table.model.editing === undefined ? {} : { editing: table.model.editing }),
    };
    el.dataset.rows = String(length);
    el.style.maxHeight = `${asNumber(ctx.attr("height"), 300)}px`;
    const width = asOptionalNumber(ctx.attr("width"));
    el.style.width = width === undefined ? "" : `${width}px`;
    drawHeader();
    drawWindow(true);
    if (table.model.sanitize === undefined && columns.some((column) => column.format.html)) {
      loadRichText().then(update, (error: unknown) =>
        console.warn("[aperture] a table's HTML cells stay empty: DOMPurify did not load:", error),
      );
    }
  };

  return {
    el,
    deps: () => {
      const columns = refIds(ctx.attr("columns"));
      const parts = columns.flatMap((id) => {
        const attrs = modelOf(ctx.state(), id)?.attrs;
        return [refId(attrs?.formatter), refId(attrs?.editor)].filter((part): part is ModelId => part !== undefined);
      });
      return [...columns, ...parts, ...(source() === undefined ? [] : [source()!])];
    },
    update,
  };
}
