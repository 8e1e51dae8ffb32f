/**
 * Panel's `pn.bind(fn, *args)`: a function whose arguments are widgets (their value), parameter
 * references or plain values, re-run whenever a widget or parameter among them changes. Its
 * latest result can stand in a layout (`bound.model`), as a bound function does in a Panel.
 */
import { engineOf } from "../document/document.ts";
import { isModel, type Model } from "../document/model.ts";
import type { Column } from "../models/layouts.ts";
import { Params, type ParamName, type ParamSpecs, type ParamValues } from "./params.ts";
import { ResultPane } from "./result-pane.ts";

const REF = Symbol("aperture.ref");

/** One attribute of a model, or one parameter of a Params instance (Panel's `widget.param.value_throttled`, `obj.param.x`). */
export interface Ref<T = unknown> {
  /** `watch`'s callback may return a promise (an async function's run): the session waits for it. */
  readonly [REF]: { read(): T; watch(onChange: () => void | Promise<void>): void; describe: string };
}

/**
 * A reference to one parameter or one model attribute, for `bind`.
 * @example bind((days) => smooth(days), ref(settings, "window"))
 * @example bind((days) => smooth(days), ref(slider, "valueThrottled"))
 */
export function ref<S extends ParamSpecs, K extends ParamName<S>>(source: Params<S>, name: K): Ref<ParamValues<S>[K]>;
export function ref<M extends Model, K extends keyof M & string>(source: M, name: K): Ref<M[K]>;
export function ref(source: Params | Model, name: string): Ref {
  if (source instanceof Params) {
    source.peek(name); // an unknown name fails here
    return {
      [REF]: {
        read: () => source.peek(name),
        watch: (onChange) => void source.watch(name, onChange),
        describe: `${String(source)}.${name}`,
      },
    };
  }
  if (!Object.hasOwn((source.constructor as typeof Model).props, name))
    throw new TypeError(`bind: ${String(source)} has no attribute "${name}"`);
  const attrs = source as unknown as Record<string, unknown>;
  return {
    [REF]: {
      read: () => attrs[name],
      watch: (onChange) => void source.onChange(name as never, onChange),
      describe: `${String(source)}.${name}`,
    },
  };
}

/** A widget passed as itself stands for its `value` (or `active`, for a checkbox or a toggle). */
function widgetRef(widget: Model): Ref {
  const props = (widget.constructor as typeof Model).props;
  const attr = Object.hasOwn(props, "value") ? "value" : Object.hasOwn(props, "active") ? "active" : undefined;
  if (!attr) throw new TypeError(`bind: ${String(widget)} has no value (pass ref(model, "attribute") for another attribute)`);
  return ref(widget, attr as never);
}

const isRef = (value: unknown): value is Ref => typeof value === "object" && value !== null && REF in value;

/** What an argument of `fn` may be given as: the value itself, a widget with that value, or a reference. */
export type BindArg<T> = T | Ref<T> | Model;
export type BindArgs<A extends unknown[]> = { [I in keyof A]: BindArg<A[I]> };

export class Bound<R> {
  /** How many times the function has run (it runs once when bound). */
  runs = 0;
  /** The latest result (resolved, for an async function). */
  result: Awaited<R> | undefined;
  readonly #fn: (...args: unknown[]) => R;
  readonly #args: readonly (Ref | { value: unknown })[];
  readonly #pane = new ResultPane();
  #latest = 0;
  #stopped = false;

  constructor(fn: (...args: never[]) => R, args: readonly unknown[]) {
    this.#fn = fn as (...args: unknown[]) => R;
    this.#args = args.map((arg) => (isRef(arg) ? arg : isModel(arg) ? widgetRef(arg) : { value: arg }));
    for (const arg of this.#args) if (isRef(arg)) arg[REF].watch(() => (this.#stopped ? undefined : this.refresh()));
    void this.refresh();
  }

  /** A column showing the latest result (a model as it is, text in a Div). */
  get model(): Column {
    return this.#pane.model;
  }

  /** The function called with the arguments' current values, without showing the result. */
  call(): R {
    return this.#fn(...this.#args.map((arg) => (isRef(arg) ? arg[REF].read() : arg.value)));
  }

  /** Runs the function now; a throw propagates (to the widget change that caused it), an async failure is reported. */
  refresh(): void | Promise<void> {
    const run = ++this.#latest;
    this.runs++;
    const result = this.call();
    if (!(result instanceof Promise)) return this.#accept(result as Awaited<R>);
    return result.then(
      (value: Awaited<R>) => (run === this.#latest && !this.#stopped ? this.#accept(value) : undefined),
      (error: unknown) => this.#report(error),
    );
  }

  /** Stops re-running; a run in flight is ignored when it finishes. */
  stop(): void {
    this.#stopped = true;
    this.#latest++;
  }

  #accept(value: Awaited<R>): void {
    this.result = value;
    this.#pane.show(value);
  }

  #report(error: unknown): void {
    const document = this.#pane.document;
    if (document) engineOf(document).reportError(error, "bound function");
    else console.error("[aperture] a bound function failed:", error);
  }
}

/**
 * Panel's `pn.bind`: re-runs `fn` with the current values whenever a widget or a referenced
 * parameter among `args` changes; `bound.model` shows its latest result in a layout.
 * @example const label = bind((days, station) => `${station}: ${days} days`, slider, ref(settings, "station"));
 * doc.addRoot(column(slider, label.model));
 */
export function bind<A extends unknown[], R>(fn: (...args: A) => R, ...args: BindArgs<A>): Bound<R> {
  return new Bound(fn as unknown as (...args: never[]) => R, args);
}
