/** Layouts: rows, columns, grids and tabs (CSS flexbox and grid in the page). */
import { defineModel, type Model } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { defineVisibleModel } from "./common.ts";
import { checkIndexInto, custom } from "./checks.ts";

const layoutProps = {
  children: prop.refs<Model>(),
  spacing: prop.number(8, { min: 0 }),
};

export class Row extends defineVisibleModel("Row", layoutProps) {}
export class Column extends defineVisibleModel("Column", layoutProps) {}

/** @example doc.addRoot(row(slider, plot)) */
export function row(...children: Model[]): Row {
  return new Row({ children });
}

/** @example doc.addRoot(column(slider, plot)) */
export function column(...children: Model[]): Column {
  return new Column({ children });
}

/** Empty space (a hole in a grid); null sizes take what the layout gives. */
export class Spacer extends defineVisibleModel("Spacer", {
  width: prop.nullableNumber(null, { min: 0, max: 10_000 }),
  height: prop.nullableNumber(null, { min: 0, max: 10_000 }),
}) {}

/** Children laid out left to right in `ncols` equal columns, then on to the next row. */
export class GridBox extends defineVisibleModel("GridBox", {
  children: prop.refs<Model>(),
  ncols: prop.number(2, { min: 1, max: 100, integer: true }),
  spacing: prop.number(8, { min: 0 }),
}) {}

/**
 * A grid from rows of models (`null` leaves a cell empty), or from a flat list and `ncols`.
 * @example doc.addRoot(grid([[scatter, histogram], [null, table]]))
 * @example doc.addRoot(grid(plots, { ncols: 3 }))
 */
export function grid(children: (Model | null)[][] | Model[], options: { ncols?: number; spacing?: number; name?: string } = {}): GridBox {
  const nested = children.some((child) => Array.isArray(child));
  if (!nested) return new GridBox({ ...options, children: children as Model[], ncols: options.ncols ?? Math.max(1, children.length) });
  const rows = children as (Model | null)[][];
  const ncols = Math.max(1, ...rows.map((cells) => cells.length));
  const cells = rows.flatMap((cells) => Array.from({ length: ncols }, (_, i) => cells[i] ?? new Spacer()));
  return new GridBox({ ...options, children: cells, ncols });
}

/** One tab of `Tabs`: its title and what it shows. */
export class TabPanel extends defineModel("TabPanel", {
  title: prop.string(""),
  child: prop.ref<Model>(),
}) {}

const tabsProps = {
  tabs: prop.refs<TabPanel>(),
  /** Index of the tab shown; the page writes it when a tab is picked. */
  active: custom<number>(0, (value, attrs) => checkIndexInto(value, attrs.tabs, "tab"), { clientWritable: true }),
};

export class Tabs extends defineVisibleModel("Tabs", tabsProps) {}

/**
 * Tabs from `[title, model]` pairs, the first shown.
 * @example doc.addRoot(tabs(["Scatter", scatterPlot], ["Table", table]))
 */
export function tabs(...panels: [string, Model][]): Tabs {
  return new Tabs({ tabs: panels.map(([title, child]) => new TabPanel({ title, child })) });
}
