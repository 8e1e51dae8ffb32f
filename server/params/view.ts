/**
 * A view: a function of parameters that re-runs only when a parameter it depends on changes
 * (Param's `@param.depends`). Dependencies are either declared (`depends: ["window"]`) or
 * tracked: the parameters the function read during its last run, so a branch that stops
 * reading one stops depending on it.
 */
import { engineOf } from "../document/document.ts";
import type { Column } from "../models/layouts.ts";
import type { ParamName, ParamSpecs, Params, WatchHandle } from "./params.ts";
import { ResultPane } from "./result-pane.ts";

export type NamesOf<P> = P extends Params<infer S extends ParamSpecs> ? ParamName<S> : string;

export interface ViewOptions<K extends string = string> {
  /** Re-run only when these change; without it, the parameters each run reads are tracked. */
  depends?: readonly K[];
  /** Failures of async runs; by default the document showing the view reports them (or the console). */
  onError?: (error: unknown) => void;
}

/** A view that sets parameters it depends on must settle; this many runs in a row means it never will. */
const MAX_ROUNDS = 100;

type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export class View<P extends Params = Params, R = unknown> {
  readonly params: P;
  /** How many times the function has run; the first run happens when the view is made. */
  runs = 0;
  /** The latest result (resolved, for an async function). */
  result: Awaited<R> | undefined;
  readonly #fn: (params: P) => R;
  readonly #explicit: boolean;
  readonly #onError: ((error: unknown) => void) | undefined;
  readonly #handle: WatchHandle;
  #deps: Set<string>;
  #running = false;
  #dirty = false;
  /** Number of the latest run: an async run that finishes after a newer one started is dropped. */
  #latest = 0;
  readonly #pane = new ResultPane();

  constructor(params: P, fn: (params: P) => R, options: ViewOptions<NamesOf<P>> = {}) {
    this.params = params;
    this.#fn = fn;
    this.#explicit = options.depends !== undefined;
    this.#onError = options.onError;
    for (const name of options.depends ?? []) params.peek(name); // unknown names fail here, not silently later
    this.#deps = new Set(options.depends ?? []);
    this.#handle = params.watch(params.names, (changes) =>
      changes.some((change) => this.#deps.has(change.name)) ? this.refresh() : undefined,
    );
    void this.refresh();
  }

  /** The parameters whose change re-runs the function. */
  get dependencies(): string[] {
    return [...this.#deps];
  }

  /** A column that shows the latest result: a model as it is, text in a Div, nothing otherwise. */
  get model(): Column {
    return this.#pane.model;
  }

  /**
   * Runs the function now. Returns a promise when it is async (failures of async runs are
   * reported, never rejected, so awaiting it only waits).
   */
  refresh(): void | Promise<void> {
    // Re-entered because the run set a parameter it depends on: the loop below runs again.
    if (this.#running) {
      this.#dirty = true;
      return undefined;
    }
    this.#running = true;
    try {
      for (let round = 1; ; round++) {
        this.#dirty = false;
        const outcome = this.#runOnce();
        if (!this.#dirty) return outcome;
        if (round >= MAX_ROUNDS) {
          throw new Error(
            `a view keeps changing the parameters it depends on (${this.dependencies.join(", ")}); stopped after ${MAX_ROUNDS} runs`,
          );
        }
      }
    } finally {
      this.#running = false;
    }
  }

  /** Stops re-running; a run still in flight is ignored when it finishes. */
  stop(): void {
    this.#handle.stop();
    this.#latest++;
  }

  #runOnce(): void | Promise<void> {
    const run = ++this.#latest;
    this.runs++;
    const outcome = this.#call();
    if (!outcome.ok) throw outcome.error;
    const result = outcome.value;
    if (!(result instanceof Promise)) return this.#accept(result as Awaited<R>);
    return result.then(
      (value: Awaited<R>) => {
        if (run === this.#latest) this.#accept(value);
      },
      (error: unknown) => this.#report(error),
    );
  }

  /** Calls the function, recording what it reads unless its dependencies were declared. */
  #call(): Outcome<R> {
    const attempt = (): Outcome<R> => {
      try {
        return { ok: true, value: this.#fn(this.params) };
      } catch (error) {
        return { ok: false, error };
      }
    };
    if (this.#explicit) return attempt();
    // The new reads are the dependencies from the start of the run: a parameter the run reads
    // and then changes re-runs it. Reads before a throw count too: a view that fails for
    // window=0 must re-run when window changes.
    this.#deps = new Set();
    return this.params.track(attempt, this.#deps).result;
  }

  #accept(value: Awaited<R>): void {
    this.result = value;
    this.#pane.show(value);
  }

  #report(error: unknown): void {
    if (this.#onError) return this.#onError(error);
    const document = this.#pane.document;
    if (document) engineOf(document).reportError(error, `view of ${String(this.params)}`);
    else console.error(`[aperture] view of ${String(this.params)} failed:`, error);
  }
}

/**
 * A function of parameters that re-runs when those it depends on change; its result can be
 * shown in a layout (`view.model`, or `panel(params, view)`).
 * @example
 * const smoothed = view(settings, ({ window }) => { source.data = smooth(window); return plot; });
 * const counted = view(settings, (p) => `${p.window} days`, { depends: ["window"] });
 */
export function view<P extends Params, R>(params: P, fn: (params: P) => R, options: ViewOptions<NamesOf<P>> = {}): View<P, R> {
  return new View(params, fn, options);
}
