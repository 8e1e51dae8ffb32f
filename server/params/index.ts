/** Declarative parameters (the seed's "Param approach"): declare, view, widgets, panel. */
export { param, describeValue, type WithNone, type ParamSpec, type ParamKind, type WidgetKind, type Bounds, type Parsed } from "./spec.ts";
export {
  Params,
  ParamError,
  defineParams,
  type ParamsClass,
  type ParamSpecs,
  type ParamValues,
  type ParamChange,
  type WatchHandle,
  type WatchOptions,
} from "./params.ts";
export { View, view, type ViewOptions } from "./view.ts";
export {
  widgetsFor,
  widgetOrder,
  adapters,
  labelFromName,
  type WidgetAdapter,
  type WidgetsForOptions,
  type ParamWidgets,
} from "./widgets.ts";
export { panel, type PanelItem, type PanelOptions } from "./panel.ts";
export { bind, ref, Bound, type Ref, type BindArg, type BindArgs } from "./bind.ts";
