/**
 * A Document is what a handler builds: its roots, the models they refer to, and the
 * callbacks that keep it live. Only the author's API lives here; the state tree, the outbox
 * and the turn machinery are the document's engine (`engine.ts`), which the session reaches
 * with `engineOf(doc)`.
 */
import { NOTIFICATION_LEVELS, type ModelId, type NotificationLevel } from "../protocol/index.ts";
import type { CallbackHandle } from "./callbacks.ts";
import { DocumentEngine, type HoldPolicy } from "./engine.ts";
import type { Model } from "./model.ts";
import { detachedSession, type SessionContext } from "./session-context.ts";
import { toTheme, type Theme, type ThemeLike } from "./theme.ts";

export type { FlushedPatch, HoldPolicy } from "./engine.ts";

let engineOfDocument: (doc: Document) => DocumentEngine;

export class Document {
  /** The session serving this document: `doc.session.request.arguments`, `subscribe(group, fn)`. */
  session: SessionContext = detachedSession();
  readonly #engine = new DocumentEngine(this);

  static {
    engineOfDocument = (doc) => doc.#engine;
  }

  /** Adds a model (and every model it refers to) as a root of the document. */
  addRoot(model: Model): void {
    const engine = this.#engine;
    if (model.document === this && engine.state.roots.includes(model.id!)) return;
    engine.change((draft) => {
      engine.attach(model, draft);
      draft.roots.push(model.id!);
    });
  }

  removeRoot(model: Model): void {
    const index = model.id === undefined ? -1 : this.#engine.state.roots.indexOf(model.id);
    if (index >= 0) this.#engine.change((draft) => void draft.roots.splice(index, 1));
  }

  /** Removes every root and every model (Bokeh's `clear`); the models can join a document again. */
  clear(): void {
    this.#engine.detachAll();
  }

  /** The page's `<title>` (the app's own page, not a page that embeds it), changed live. */
  get title(): string {
    return this.#engine.state.title ?? "";
  }

  set title(value: string) {
    if (typeof value !== "string" || value.length > 1000) throw new TypeError("doc.title must be a string of up to 1000 characters");
    this.#engine.change((draft) => void (draft.title = value));
  }

  /**
   * Bokeh's `doc.template_variables`: the values an app's page template shows as
   * `{{ name }}` (`{{ stats.mean }}` for a field), set by the handler; the page is filled
   * once, when it is requested, so later changes do not reach it (as in Bokeh).
   * @example doc.templateVariables.station = "Boston Harbor"
   */
  templateVariables: Record<string, unknown> = {};

  /**
   * Bokeh's `doc.theme`: a `Theme` (Bokeh's JSON themes) or the name of a built-in one
   * (`caliber`, `dark_minimal`, `light_minimal`, `night_sky`, `contrast`); null for none. It
   * gives default values per model type, for models added before and after; values the author
   * set on a model win.
   * @example doc.theme = "dark_minimal"
   */
  get theme(): Theme | null {
    return this.#engine.theme ?? null;
  }

  set theme(value: ThemeLike | null) {
    this.#engine.setTheme(value === null ? undefined : toTheme(value));
  }

  /**
   * The models that match every given part of `selector`, as Bokeh's `doc.select`: `type` (a
   * model class or its type name), `name`, `tags` (the model's `tags` hold each of them).
   * @example doc.select({ type: Slider, tags: ["filter"] })
   */
  select(selector: ModelSelector): Model[] {
    return [...this.#engine.models.values()].filter((model) => matches(model, selector));
  }

  /** The one model matching `selector`, or undefined; more than one throws (Bokeh's `select_one`). */
  selectOne(selector: ModelSelector): Model | undefined {
    const found = this.select(selector);
    if (found.length > 1)
      throw new Error(`select_one found ${found.length} models for ${JSON.stringify({ ...selector, type: typeName(selector.type) })}`);
    return found[0];
  }

  get roots(): Model[] {
    return this.#engine.state.roots.map((id) => this.#engine.models.get(id)!);
  }

  getModelById(id: ModelId): Model | undefined {
    return Object.hasOwn(this.#engine.state.models, id) ? this.#engine.models.get(id) : undefined;
  }

  getModelByName(name: string): Model | undefined {
    for (const model of this.#engine.models.values()) if (model.name === name) return model;
    return undefined;
  }

  /** Runs `fn` and sends all its changes as one message; works for async functions too. */
  batch<T>(fn: () => T): T {
    const engine = this.#engine;
    engine.hold();
    let result: T;
    try {
      result = fn();
    } catch (error) {
      engine.release();
      throw error;
    }
    if (result instanceof Promise) {
      return result.finally(() => engine.release()) as T;
    }
    engine.release();
    return result;
  }

  /**
   * A toast in the page, as Panel's `pn.state.notifications`: `level` "info" (the default),
   * "success", "warning" or "error"; it goes after `duration` ms (3000; 0 keeps it until
   * dismissed). Messages longer than 1000 characters are cut.
   * @example doc.notify("A new dam has been added", { level: "success" })
   */
  notify(message: string, options: { level?: NotificationLevel; duration?: number } = {}): void {
    const level = options.level ?? "info";
    const duration = options.duration ?? 3000;
    if (!NOTIFICATION_LEVELS.includes(level)) throw new TypeError(`notify: level must be one of ${NOTIFICATION_LEVELS.join(", ")}`);
    if (!Number.isFinite(duration) || duration < 0) throw new TypeError("notify: duration must be a number of milliseconds ≥ 0");
    this.#engine.notify({ message: String(message).slice(0, 1000), level, duration });
  }

  /**
   * Bokeh's `hold`: changes wait until `unhold()` and then leave as one message. `"combine"`
   * (the default) sends only the last value of each attribute, `"collect"` every change in
   * order. A turn that throws while the document is held ends the hold, so the page never
   * freezes. Holding again with the same policy does nothing; with another, it throws.
   * @example doc.hold(); slider.value = 3; source.data = smooth(3); doc.unhold();
   */
  hold(policy: HoldPolicy = "combine"): void {
    if (policy !== "combine" && policy !== "collect")
      throw new TypeError(`hold: policy must be "combine" or "collect", got ${String(policy)}`);
    this.#engine.holdAuthor(policy);
  }

  /** Ends `hold()` and sends what changed meanwhile; does nothing when the document is not held. */
  unhold(): void {
    this.#engine.unholdAuthor();
  }

  addPeriodicCallback(fn: () => unknown, ms: number): CallbackHandle {
    return this.#engine.callbacks.periodic(fn, ms);
  }

  addTimeoutCallback(fn: () => unknown, ms: number): CallbackHandle {
    return this.#engine.callbacks.timeout(fn, ms);
  }

  addNextTickCallback(fn: () => unknown): CallbackHandle {
    return this.#engine.callbacks.nextTick(fn);
  }
}

export interface ModelSelector {
  type?: string | { readonly type: string };
  name?: string;
  tags?: readonly unknown[];
}

const typeName = (type: ModelSelector["type"]) => (typeof type === "string" ? type : type?.type);

function matches(model: Model, selector: ModelSelector): boolean {
  if (selector.type !== undefined && model.type !== typeName(selector.type)) return false;
  if (selector.name !== undefined && model.name !== selector.name) return false;
  if (selector.tags === undefined) return true;
  const tags = Object.hasOwn(model.props, "tags") ? model.getAttr("tags") : [];
  return Array.isArray(tags) && selector.tags.every((tag) => tags.includes(tag));
}

/** The sync engine behind `doc` (state, outbox, turns), for the session and the models. */
export function engineOf(doc: Document): DocumentEngine {
  return engineOfDocument(doc);
}
