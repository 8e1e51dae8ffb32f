/** Layouts: rows, columns, grids and tabs (CSS flexbox and grid in the page). */
import { defineModel, type InitOf, type Model } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { defineVisibleModel, type commonProps, type SizingMode } from "./common.ts";
import { checkIndexInto, custom } from "./checks.ts";

const layoutProps = {
  children: prop.refs<Model>(),
  spacing: prop.number(8, { min: 0 }),
};

export class Row extends defineVisibleModel("Row", layoutProps) {}
export class Column extends defineVisibleModel("Column", layoutProps) {}

/** Options of `row`, `column`, `grid` and `gridplot`: the layout's attributes, as Bokeh's keywords. */
export type LayoutOptions = Omit<InitOf<typeof layoutProps & typeof commonProps>, "children"> & {
  /** Also given to every child that has no `sizingMode` of its own (as Bokeh's layout functions do). */
  sizingMode?: SizingMode | null;
};

/** The layout's `sizingMode` passed on to its children that have none, as in Bokeh. */
function passSizing(children: readonly (Model | null)[], sizingMode: SizingMode | null | undefined): void {
  if (sizingMode === undefined || sizingMode === null) return;
  for (const child of children) if (child !== null && "sizingMode" in child && child.sizingMode === null) child.sizingMode = sizingMode;
}

type FlexArgs = Model[] | [children: Model[], options?: LayoutOptions];

function flexArgs(args: FlexArgs): { children: Model[]; options: LayoutOptions } {
  if (!Array.isArray(args[0])) return { children: args as Model[], options: {} };
  const [children, options = {}] = args as [Model[], LayoutOptions?];
  passSizing(children, options.sizingMode);
  return { children, options };
}

/**
 * Children left to right, wrapping onto the next line when the window is too narrow for them.
 * @example doc.addRoot(row(slider, plot))
 * @example doc.addRoot(row([plot1, plot2], { sizingMode: "stretch_width" }))
 */
export function row(...args: FlexArgs): Row {
  const { children, options } = flexArgs(args);
  return new Row({ ...options, children });
}

/**
 * Children top to bottom.
 * @example doc.addRoot(column(slider, plot))
 * @example doc.addRoot(column([slider, plot], { sizingMode: "stretch_both" }))
 */
export function column(...args: FlexArgs): Column {
  const { children, options } = flexArgs(args);
  return new Column({ ...options, children });
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
 * On a window too narrow for `ncols` readable columns it shows fewer, down to one.
 * @example doc.addRoot(grid([[scatter, histogram], [null, table]]))
 * @example doc.addRoot(grid(plots, { ncols: 3 }))
 */
export function grid(children: (Model | null)[][] | (Model | null)[], options: LayoutOptions & { ncols?: number } = {}): GridBox {
  const { cells, ncols } = gridCells(children, options.ncols);
  passSizing(cells, options.sizingMode);
  return new GridBox({ ...options, children: cells, ncols });
}

/** A grid's cells row by row, with a Spacer for each `null` and each hole at a short row's end. */
function gridCells(children: (Model | null)[][] | (Model | null)[], ncols: number | undefined): { cells: Model[]; ncols: number } {
  const spaced = (cells: (Model | null)[]) => cells.map((cell) => cell ?? new Spacer());
  if (!children.some((child) => Array.isArray(child)))
    return { cells: spaced(children as (Model | null)[]), ncols: ncols ?? Math.max(1, children.length) };
  const rows = children as (Model | null)[][];
  const widest = Math.max(1, ...rows.map((cells) => cells.length));
  return { cells: rows.flatMap((cells) => spaced(Array.from({ length: widest }, (_, i) => cells[i] ?? null))), ncols: widest };
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
