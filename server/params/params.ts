/**
 * A set of parameters, declared once (`defineParams`) and instantiated per session
 * (`new Smoothing()` inside the handler): values are per-session state, declarations are not.
 * Every write is checked against the declaration and then announced to watchers, once per
 * `set` call, so a view that depends on two parameters set together re-runs once.
 */
import { describeValue, type ParamSpec, type WidgetKind } from "./spec.ts";

export type ParamSpecs = Record<string, ParamSpec<unknown, WidgetKind>>;
export type ValueOf<P> = P extends ParamSpec<infer T, infer _W> ? T : never;
export type ParamValues<S extends ParamSpecs> = { -readonly [K in keyof S]: ValueOf<S[K]> };
export type ParamName<S extends ParamSpecs> = keyof S & string;

/** One parameter's change, as watchers receive it. */
export type ParamChange<S extends ParamSpecs, K extends ParamName<S> = ParamName<S>> = {
  [N in K]: { name: N; old: ParamValues<S>[N]; value: ParamValues<S>[N] };
}[K];

export interface WatchHandle {
  stop(): void;
}

/** A refused value: names the parameter, the value and the rule it breaks. */
export class ParamError extends TypeError {
  override name = "ParamError";
  readonly param: string;
  readonly value: unknown;
  readonly rule: string;

  constructor(param: string, value: unknown, rule: string, owner?: string) {
    super(`${owner ? `${owner}.` : ""}${param} cannot be ${describeValue(value)}: ${rule}`);
    this.param = param;
    this.value = value;
    this.rule = rule;
  }
}

/** Param's watcher options. */
export interface WatchOptions {
  /** Watchers run lowest first (default 0; ties in the order they were added). */
  precedence?: number;
  /** `false`: also called when a set gives a parameter the value it already had (default true). */
  onlychanged?: boolean;
}

interface Watcher {
  names: ReadonlySet<string>;
  callback: (changes: { name: string; old: unknown; value: unknown }[]) => unknown;
  precedence: number;
  onlychanged: boolean;
}

type Entry = { name: string; old: unknown; value: unknown };

/** An accessor write (`p.window = 3`) cannot return a promise; its async failures land here. */
function reportUnawaited(error: unknown): void {
  console.error("[aperture] a parameter watcher failed after an assignment nobody awaited (use `await params.set({...})`):", error);
}

export class Params<S extends ParamSpecs = ParamSpecs> {
  static readonly specs: ParamSpecs = {};
  readonly #values: Record<string, unknown> = {};
  readonly #watchers = new Set<Watcher>();
  /** One set of read names per tracked run in progress (innermost last). */
  readonly #reads: Set<string>[] = [];

  constructor(init: Partial<ParamValues<S>> = {}) {
    for (const [name, spec] of Object.entries(this.specs)) this.#values[name] = spec.copy(spec.default);
    // Like model constructors, an undefined entry means "the default". No watchers exist
    // yet, so this only checks and stores; constant parameters may be given here (only here).
    void this.#set(Object.fromEntries(Object.entries(init).filter(([, value]) => value !== undefined)), true);
  }

  get specs(): S {
    return (this.constructor as typeof Params).specs as S;
  }

  get names(): ParamName<S>[] {
    return Object.keys(this.specs);
  }

  /** A snapshot of every value; inside a tracked view it depends on all of them. */
  get values(): ParamValues<S> {
    const out: Record<string, unknown> = {};
    for (const name of this.names) out[name] = this.get(name);
    return out as ParamValues<S>;
  }

  /** The current value; a read inside a tracked view makes the view depend on it. */
  get<K extends ParamName<S>>(name: K): ParamValues<S>[K] {
    this.#reads.at(-1)?.add(name);
    return this.peek(name);
  }

  /** The current value without being recorded as a dependency. */
  peek<K extends ParamName<S>>(name: K): ParamValues<S>[K] {
    return this.#spec(name).copy(this.#values[name]) as ParamValues<S>[K];
  }

  /**
   * Checks every value first (nothing changes if one is refused), stores them, then calls
   * each interested watcher once with the changes it watches. Returns a promise only when a
   * watcher is async; await it to wait for async views.
   * @example await settings.set({ window: 7, station: "Portsmouth" })
   */
  set(values: Partial<ParamValues<S>>): void | Promise<void> {
    return this.#set(values, false);
  }

  #set(values: Record<string, unknown>, constructing: boolean): void | Promise<void> {
    const entries: (Entry & { changed: boolean })[] = [];
    for (const [name, value] of Object.entries(values)) {
      const spec = this.#spec(name);
      const rule = spec.check(value) ?? this.#fixedRule(spec, value, constructing, this.#values[name]);
      if (rule !== undefined) throw new ParamError(name, value, rule, this.#owner());
      entries.push({ name, old: this.#values[name], value: spec.copy(value), changed: !spec.equals(this.#values[name], value) });
    }
    for (const entry of entries) if (entry.changed) this.#values[entry.name] = entry.value;
    return entries.length > 0 ? this.#notify(entries) : undefined;
  }

  /**
   * Calls `callback(changes)` after each `set` that changes any of `names`.
   * @example settings.watch("window", ([change]) => console.log(change.old, "→", change.value))
   */
  watch<K extends ParamName<S>>(
    names: K | readonly K[],
    callback: (changes: ParamChange<S, K>[]) => unknown,
    options: WatchOptions = {},
  ): WatchHandle {
    const list: readonly string[] = typeof names === "string" ? [names] : names;
    for (const name of list) this.#spec(name);
    const precedence = options.precedence ?? 0;
    if (!Number.isFinite(precedence)) throw new TypeError(`watch: precedence must be a finite number, got ${describeValue(precedence)}`);
    const watcher: Watcher = {
      names: new Set(list),
      callback: callback as Watcher["callback"],
      precedence,
      onlychanged: options.onlychanged ?? true,
    };
    this.#watchers.add(watcher);
    return { stop: () => void this.#watchers.delete(watcher) };
  }

  /**
   * Runs `fn` and reports which parameters it read (through `get`, accessors or `values`),
   * adding them to `reads` as they happen, so a caller can see them while `fn` still runs.
   */
  track<R>(fn: () => R, reads = new Set<string>()): { result: R; reads: Set<string> } {
    this.#reads.push(reads);
    try {
      return { result: fn(), reads };
    } finally {
      this.#reads.pop();
    }
  }

  toString(): string {
    const values = this.names.map((name) => `${name}=${describeValue(this.peek(name))}`).join(", ");
    return `${this.#owner() ?? "Params"}(${values})`;
  }

  /** Why a read-only or constant parameter may not take `value` now; setting the value it has is harmless. */
  #fixedRule(spec: ParamSpec<unknown>, value: unknown, constructing: boolean, current: unknown): string | undefined {
    if (spec.equals(current, value)) return undefined;
    if (spec.readonly) return "it is read-only (readonly: true)";
    return spec.constant && !constructing ? "it is constant (constant: true): give it when making the instance" : undefined;
  }

  #spec(name: string): ParamSpec<unknown> {
    if (!Object.hasOwn(this.specs, name)) {
      throw new ParamError(name, undefined, `no such parameter (known: ${this.names.join(", ") || "none"})`, this.#owner());
    }
    return this.specs[name]!;
  }

  /** The subclass's name for messages ("Smoothing.window"); none for an unnamed class. */
  #owner(): string | undefined {
    return this.constructor.name || undefined;
  }

  /** Calls each watcher, lowest precedence first, with the entries it watches (unchanged ones only for `onlychanged: false`). */
  #notify(entries: (Entry & { changed: boolean })[]): void | Promise<void> {
    const pending: Promise<unknown>[] = [];
    const errors: unknown[] = [];
    // A stable sort: equal precedences keep the order the watchers were added in.
    const ordered = [...this.#watchers].sort((a, b) => a.precedence - b.precedence);
    for (const watcher of ordered) {
      // An earlier watcher may have stopped this one.
      if (!this.#watchers.has(watcher)) continue;
      const relevant = entries
        .filter((entry) => watcher.names.has(entry.name) && (entry.changed || !watcher.onlychanged))
        .map(({ name, old, value }) => ({ name, old, value }));
      if (relevant.length === 0) continue;
      // Every watcher runs even if one throws, so widgets and views never drift apart.
      try {
        const result = watcher.callback(relevant);
        if (result instanceof Promise) pending.push(result);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) {
      for (const promise of pending) promise.catch(reportUnawaited);
      throw errors.length === 1 ? errors[0] : new AggregateError(errors, `${errors.length} parameter watchers failed`);
    }
    if (pending.length > 0) return Promise.all(pending).then(() => undefined);
    return undefined;
  }
}

export interface ParamsClass<S extends ParamSpecs> {
  new (init?: Partial<ParamValues<S>>): Params<S> & ParamValues<S>;
  readonly specs: S;
}

const RESERVED = new Set([...Object.getOwnPropertyNames(Params.prototype), "__proto__", "prototype"]);

/**
 * Declares a set of parameters once; each session makes its own instance with `new`.
 * Values are read and written as typed properties (`settings.window = 3` is checked).
 * @example
 * class Smoothing extends defineParams({ window: param.integer({ default: 0, bounds: [0, 30] }) }) {}
 * const settings = new Smoothing();   // in the handler: one per session
 */
export function defineParams<S extends ParamSpecs>(specs: S): ParamsClass<S> {
  for (const [name, spec] of Object.entries(specs)) {
    if (RESERVED.has(name)) throw new TypeError(`defineParams: "${name}" is a name the Params API uses; choose another`);
    const rule = spec.check(spec.default);
    if (rule !== undefined) throw new ParamError(name, spec.default, `${rule} (the declared default)`);
  }
  const frozen = Object.freeze({ ...specs });
  const Defined = class extends Params<S> {
    static override readonly specs: ParamSpecs = frozen;
  };
  // Nameless, so messages use the subclass's name (`class Smoothing extends defineParams(…)`).
  Object.defineProperty(Defined, "name", { value: "" });
  for (const name of Object.keys(specs)) {
    Object.defineProperty(Defined.prototype, name, {
      enumerable: true,
      get(this: Params) {
        return this.get(name);
      },
      set(this: Params, value: unknown) {
        this.set({ [name]: value })?.catch(reportUnawaited);
      },
    });
  }
  return Defined as unknown as ParamsClass<S>;
}
