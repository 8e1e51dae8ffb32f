/**
 * Widgets generated from parameter declarations, kept in sync both ways: a change in the page
 * sets the parameter (checked; a refused value snaps the widget back), and a parameter set on
 * the server moves the widget. Each kind of widget is an adapter, so another widget (a
 * DatePicker once one exists) can stand in for any parameter without changing this file.
 */
import type { Document } from "../document/document.ts";
import type { Model } from "../document/model.ts";
import { Checkbox, RangeSlider, Select, Slider, TextInput, Toggle } from "../models/widgets.ts";
import { ParamError, type ParamName, type ParamSpecs, type Params, type ValueOf } from "./params.ts";
import type { ParamSpec, Parsed, WidgetKind } from "./spec.ts";

export interface WidgetAdapter<T, M extends Model = Model> {
  /** The attribute the page writes when a person changes the widget. */
  readonly attr: string;
  create(spec: ParamSpec<T>, value: T, init: { name: string; title: string }): M;
  /** Parameter → widget. */
  show(widget: M, value: T, spec: ParamSpec<T>): void;
  /** Widget → parameter: the attribute's new value as a parameter value, or the rule it breaks. */
  read(raw: unknown, spec: ParamSpec<T>): Parsed<T>;
}

const number = (raw: unknown): Parsed<number> =>
  typeof raw === "number" ? { ok: true, value: raw } : { ok: false, rule: "must be a number" };
/** The range a slider spans: the softbounds where given (Param's), else the bounds. */
const span = (spec: ParamSpec<unknown>): [number, number] => [
  spec.softbounds?.[0] ?? spec.bounds?.[0] ?? 0,
  spec.softbounds?.[1] ?? spec.bounds?.[1] ?? 1,
];
const sliderStep = (spec: ParamSpec<unknown>) => spec.step ?? ((span(spec)[1] - span(spec)[0]) / 100 || 1);

/** A value beyond the softbounds (still within the bounds) widens the slider to reach it, as Panel's does. */
function sliderSpan(spec: ParamSpec<unknown>, values: readonly number[]): { start: number; end: number } {
  const [low, high] = span(spec);
  return { start: Math.min(low, ...values), end: Math.max(high, ...values) };
}

function sliderAdapter(attr: "value" | "valueThrottled"): WidgetAdapter<number | null, Slider> {
  return {
    attr,
    // A null value (allowNone) shows the slider at its start; moving it gives a number.
    create: (spec, value, { name, title }) => {
      const shown = value ?? span(spec)[0];
      return new Slider({ name, title, ...sliderSpan(spec, [shown]), step: sliderStep(spec), value: shown });
    },
    // Both, so a slider moved by the server reads the same whichever attribute a callback watches.
    show: (widget, value, spec) => {
      const shown = value ?? widget.start;
      Object.assign(widget, sliderSpan(spec, [shown]));
      widget.value = shown;
      widget.valueThrottled = shown;
    },
    read: number,
  };
}

function rangeSliderAdapter(attr: "value" | "valueThrottled"): WidgetAdapter<readonly [number, number], RangeSlider> {
  return {
    attr,
    create: (spec, value, { name, title }) => {
      const [start, end] = span(spec);
      return new RangeSlider({ name, title, start, end, step: sliderStep(spec), value: [value[0], value[1]] });
    },
    show: (widget, value) => {
      widget.value = [value[0], value[1]];
      widget.valueThrottled = [value[0], value[1]];
    },
    read: (raw) =>
      Array.isArray(raw) && raw.length === 2 ? { ok: true, value: [raw[0], raw[1]] } : { ok: false, rule: "must be [low, high]" },
  };
}

function booleanAdapter<M extends Checkbox | Toggle>(
  make: (init: { name: string; label: string; active: boolean }) => M,
): WidgetAdapter<boolean, M> {
  return {
    attr: "active",
    create: (_spec, value, { name, title }) => make({ name, label: title, active: value }),
    show: (widget, value) => void (widget.active = value),
    read: (raw) => (typeof raw === "boolean" ? { ok: true, value: raw } : { ok: false, rule: "must be true or false" }),
  };
}

/** The widgets parameters can use; pick one per parameter with `widgetsFor(p, { widgets })`. */
export const adapters = {
  slider: sliderAdapter("value"),
  /** Sets the parameter when the handle is released, not while it is dragged. */
  throttledSlider: sliderAdapter("valueThrottled"),
  rangeSlider: rangeSliderAdapter("value"),
  throttledRangeSlider: rangeSliderAdapter("valueThrottled"),
  checkbox: booleanAdapter((init) => new Checkbox(init)),
  toggle: booleanAdapter((init) => new Toggle(init)),
  select: {
    attr: "value",
    create: (spec, value, { name, title }) =>
      new Select({ name, title, options: (spec.options ?? []).map(([option, label]) => [String(option), label]), value: String(value) }),
    show: (widget, value) => void (widget.value = String(value)),
    read: (raw, spec) => (typeof raw === "string" ? spec.parse(raw) : { ok: false, rule: "must be one of the options" }),
  } satisfies WidgetAdapter<string | number, Select>,
  /** Any parameter as text (dates as `2016-01-31`: there is no date picker model yet). */
  text: {
    attr: "value",
    create: (spec, value, { name, title }) =>
      new TextInput({ name, title, value: spec.format(value), placeholder: spec.kind === "date" ? "YYYY-MM-DD" : "" }),
    show: (widget, value, spec) => void (widget.value = spec.format(value)),
    read: (raw, spec) => (typeof raw === "string" ? spec.parse(raw) : { ok: false, rule: "must be text" }),
  } satisfies WidgetAdapter<unknown, TextInput>,
};

interface WidgetModels {
  slider: Slider;
  "range-slider": RangeSlider;
  select: Select;
  checkbox: Checkbox;
  text: TextInput;
}

type AnyAdapter = WidgetAdapter<unknown, Model>;
type DefaultWidget<P> = P extends ParamSpec<infer _T, infer W extends WidgetKind> ? WidgetModels[W] : Model;

export interface WidgetsForOptions<S extends ParamSpecs, K extends ParamName<S> = ParamName<S>> {
  /**
   * These parameters only, in this order, whatever their precedence (default: every one whose
   * precedence is not below 0, ordered by precedence, then declaration).
   */
  only?: readonly K[];
  /** Sliders set their parameter on release instead of while dragged (Bokeh's `value_throttled`). */
  throttled?: boolean;
  /** Widget names are `${namePrefix}${parameter}`, so `doc.getModelByName("window")` finds the slider. */
  namePrefix?: string;
  /** Another widget for some parameters, e.g. `{ live: adapters.toggle }`. */
  widgets?: { [N in K]?: WidgetAdapter<ValueOf<S[N]>, Model> };
}

export type ParamWidgets<S extends ParamSpecs, K extends ParamName<S>, O> = {
  [N in K]: O extends { widgets: infer A }
    ? N extends keyof A
      ? A[N] extends WidgetAdapter<infer _T, infer M>
        ? M
        : DefaultWidget<S[N]>
      : DefaultWidget<S[N]>
    : DefaultWidget<S[N]>;
};

function defaultAdapter(spec: ParamSpec<unknown>, throttled: boolean): AnyAdapter {
  switch (spec.widget) {
    case "slider":
      return throttled ? adapters.throttledSlider : adapters.slider;
    case "range-slider":
      return throttled ? adapters.throttledRangeSlider : adapters.rangeSlider;
    case "select":
      return adapters.select;
    case "checkbox":
      return adapters.checkbox;
    case "text":
      return adapters.text;
  }
}

/** "maxDepth" and "max_depth" → "Max depth", as Param labels an unlabelled parameter. */
export function labelFromName(name: string): string {
  const words = name
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The document whose widgets first changed each parameter set: the one session it belongs to. */
const owners = new WeakMap<Params, Document>();

function claim(params: Params, document: Document | undefined): void {
  if (!document) return;
  const owner = owners.get(params);
  if (!owner) owners.set(params, document);
  else if (owner !== document) {
    throw new Error(
      `${String(params)} is shared by two sessions; create it inside the handler (\`new ${params.constructor.name || "YourParams"}()\`) so each session has its own`,
    );
  }
}

/** A constant or read-only parameter's widget is disabled: a person cannot change what the server would refuse. */
function disableFixed(widget: Model, spec: ParamSpec<unknown>): void {
  if ((spec.constant || spec.readonly) && "disabled" in widget) (widget as Model & { disabled: boolean }).disabled = true;
}

/** Parameters in widget order: by precedence (none counts as 0), declaration order among equals; below 0 hidden. */
export function widgetOrder(specs: ParamSpecs, names: readonly string[]): string[] {
  const precedence = (name: string) => specs[name]!.precedence ?? 0;
  return names.filter((name) => precedence(name) >= 0).sort((a, b) => precedence(a) - precedence(b));
}

function bind<T, M extends Model>(params: Params, name: string, spec: ParamSpec<T>, adapter: WidgetAdapter<T, M>, widget: M): void {
  // The page already shows the value a person chose; only other values are shown back. The
  // current value, not the change's: a view may have changed it again (clamped it) meanwhile.
  let chosen: { value: T } | undefined;
  params.watch(name, () => {
    const current = params.peek(name) as T;
    if (!chosen || !spec.equals(current, chosen.value)) adapter.show(widget, current, spec);
  });
  widget.onChange(adapter.attr, (_attr, _old, raw: unknown) => {
    claim(params, widget.document);
    const parsed = adapter.read(raw, spec);
    const rule = parsed.ok ? spec.check(parsed.value) : parsed.rule;
    if (rule !== undefined) {
      // Snap back to the value the parameter keeps, and say why (the page shows the error).
      adapter.show(widget, params.peek(name) as T, spec);
      throw new ParamError(name, parsed.ok ? parsed.value : raw, rule, params.constructor.name || undefined);
    }
    chosen = { value: (parsed as { value: T }).value };
    try {
      return params.set({ [name]: chosen.value });
    } catch (error) {
      // Refused by the instance (a constant parameter): the widget goes back to what it keeps.
      if (error instanceof ParamError) adapter.show(widget, params.peek(name) as T, spec);
      throw error;
    } finally {
      chosen = undefined;
    }
  });
}

/**
 * One widget per parameter (a slider for bounded numbers, a range slider, a select, a
 * checkbox, a text input otherwise), named and labelled after it and kept in sync both ways.
 * @example const { window } = widgetsFor(settings);   // a Slider named "window"
 */
export function widgetsFor<
  S extends ParamSpecs,
  K extends ParamName<S> = ParamName<S>,
  O extends WidgetsForOptions<S, K> = WidgetsForOptions<S, K>,
>(params: Params<S>, options?: O & { only?: readonly K[] }): ParamWidgets<S, K, O> {
  const names: readonly string[] = options?.only ?? widgetOrder(params.specs, params.names);
  const out: Record<string, Model> = {};
  for (const name of names) {
    const value = params.peek(name as K);
    const spec = params.specs[name] as ParamSpec<unknown>;
    const adapter =
      (options?.widgets as Record<string, AnyAdapter> | undefined)?.[name] ?? defaultAdapter(spec, options?.throttled ?? false);
    const widget = adapter.create(spec, value, { name: `${options?.namePrefix ?? ""}${name}`, title: spec.label ?? labelFromName(name) });
    disableFixed(widget, spec);
    bind(params as unknown as Params, name, spec, adapter, widget);
    out[name] = widget;
  }
  return out as ParamWidgets<S, K, O>;
}
