/**
 * DataTable: a source's rows as an HTML table. Header clicks sort in the page only; row
 * clicks write the source's `selected`, which the plots of that source highlight too.
 */
import type { ModelId, Value } from "../../../server/protocol/index.ts";
import { h } from "../dom.ts";
import { columnOf } from "../traces/index.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asNumber, asOptionalNumber, asString, modelOf, refId, refIds } from "../values.ts";
import { formatCell, rowOrder, toggled, type SortState } from "./table-rows.ts";

interface ColumnSpec {
  field: string;
  title: string;
  format: (value: unknown) => string;
  width: number | undefined;
}

function columnsOf(ctx: RenderContext): ColumnSpec[] {
  return refIds(ctx.attr("columns")).flatMap((id) => {
    const attrs = modelOf(ctx.state(), id)?.attrs;
    if (attrs === undefined) return [];
    const field = asString(attrs.field);
    const formatter = asString(attrs.formatter, "auto");
    const decimals = asNumber(attrs.decimals, 2);
    return [
      {
        field,
        title: asString(attrs.title) || field,
        width: asOptionalNumber(attrs.width),
        format: (value: unknown) => formatCell(value, formatter, decimals),
      },
    ];
  });
}

export function renderDataTable(ctx: RenderContext): View {
  const head = h("thead");
  const body = h("tbody");
  const el = h("div", { className: "aperture-table" }, h("table", {}, head, body));
  let sort: SortState | undefined;
  const source = (): ModelId | undefined => refId(ctx.attr("source"));
  const selectedOf = (): number[] => {
    const selected = modelOf(ctx.state(), source())?.attrs.selected;
    return Array.isArray(selected) ? selected.filter((i): i is number => typeof i === "number") : [];
  };

  body.addEventListener("click", (event) => {
    const row = (event.target as Element).closest("tr");
    const id = source();
    if (row === null || id === undefined || !asBoolean(ctx.attr("selectable"))) return;
    const index = Number(row.dataset.index);
    const additive = event.ctrlKey || event.metaKey;
    ctx.setOther(id, "selected", additive ? toggled(selectedOf(), index) : [index]);
  });
  head.addEventListener("click", (event) => {
    const cell = (event.target as Element).closest("th");
    if (cell === null || !asBoolean(ctx.attr("sortable")) || cell.dataset.field === undefined) return;
    const field = cell.dataset.field;
    sort = sort?.field === field ? (sort.descending ? undefined : { field, descending: true }) : { field, descending: false };
    draw();
  });

  const draw = () => {
    const columns = columnsOf(ctx);
    const data = modelOf(ctx.state(), source())?.attrs.data;
    const cells = columns.map((column) => columnOf(data, column.field) as ArrayLike<Value>);
    const length = Math.max(0, ...cells.map((values) => values.length));
    const showIndex = asBoolean(ctx.attr("showIndex"));
    const header = (showIndex ? [h("th", { textContent: "#" })] : []).concat(
      columns.map((column) => {
        const th = h("th", { textContent: column.title });
        th.dataset.field = column.field;
        if (column.width !== undefined) th.style.width = `${column.width}px`;
        if (sort?.field === column.field) th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
        return th;
      }),
    );
    head.replaceChildren(h("tr", {}, ...header));
    const sortColumn = sort === undefined ? undefined : cells[columns.findIndex((column) => column.field === sort!.field)];
    const selected = new Set(selectedOf());
    const rows = rowOrder(length, sortColumn, sort?.descending ?? false).map((index) => {
      const tr = h("tr");
      tr.dataset.index = String(index);
      if (selected.has(index)) tr.setAttribute("aria-selected", "true");
      if (showIndex) tr.append(h("td", { textContent: String(index) }));
      columns.forEach((column, c) => tr.append(h("td", { textContent: column.format(cells[c]![index]) })));
      return tr;
    });
    body.replaceChildren(...rows);
    el.style.maxHeight = `${asNumber(ctx.attr("height"), 300)}px`;
    const width = asOptionalNumber(ctx.attr("width"));
    el.style.width = width === undefined ? "" : `${width}px`;
  };

  return {
    el,
    deps: () => [...refIds(ctx.attr("columns")), ...(source() === undefined ? [] : [source()!])],
    update: draw,
  };
}
