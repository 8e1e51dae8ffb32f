/**
 * One line from parameters to a page: their widgets beside what depends on them, as the
 * seed's `pn.Row(app.param, app.view)` does.
 */
import { isModel, type Model } from "../document/model.ts";
import { column, row, type Column, type Row } from "../models/layouts.ts";
import type { ParamSpecs, Params } from "./params.ts";
import { Bound } from "./bind.ts";
import { View, view } from "./view.ts";
import { widgetsFor, type WidgetsForOptions } from "./widgets.ts";

/** A model shown as it is, a view or a bound function (its latest result), or a function made into a tracked view. */
export type PanelItem<P> = Model | View<P & Params, unknown> | Bound<unknown> | ((params: P) => unknown);

export interface PanelOptions<S extends ParamSpecs> {
  /** `column` (default): widgets above the views; `row`: a column of widgets left of them. */
  layout?: "column" | "row";
  widgets?: WidgetsForOptions<S>;
}

function isOptions(value: unknown): value is PanelOptions<ParamSpecs> {
  return typeof value === "object" && value !== null && !isModel(value) && !(value instanceof View) && !(value instanceof Bound);
}

/**
 * Widgets for the parameters, then each item; options may come last.
 * @example doc.addRoot(panel(settings, view(settings, ({ window }) => smooth(window))))
 * @example doc.addRoot(panel(settings, plot, { layout: "row", widgets: { throttled: true } }))
 */
export function panel<S extends ParamSpecs, P extends Params<S>>(
  params: P & Params<S>,
  ...args: PanelItem<P>[] | [...PanelItem<P>[], PanelOptions<S>]
): Column | Row {
  const last = args.at(-1);
  const options: PanelOptions<S> = isOptions(last) ? (args.pop() as PanelOptions<S>) : {};
  const items = (args as PanelItem<P>[]).map((item) => {
    if (isModel(item)) return item;
    return (item instanceof View || item instanceof Bound ? item : view(params, item)).model;
  });
  const widgets = Object.values(widgetsFor(params, options.widgets)) as Model[];
  return options.layout === "row" ? row(column(...widgets), ...items) : column(...widgets, ...items);
}
