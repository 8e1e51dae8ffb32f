/**
 * A Document is what a handler builds: its roots, the models they refer to, and the
 * callbacks that keep it live. Only the author's API lives here; the state tree, the outbox
 * and the turn machinery are the document's engine (`engine.ts`), which the session reaches
 * with `engineOf(doc)`.
 */
import { NOTIFICATION_LEVELS, type ModelId, type NotificationLevel } from "../protocol/index.ts";
import type { CallbackHandle } from "./callbacks.ts";
import { DocumentEngine } from "./engine.ts";
import type { Model } from "./model.ts";
import { detachedSession, type SessionContext } from "./session-context.ts";

export type { FlushedPatch } from "./engine.ts";

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

/** The sync engine behind `doc` (state, outbox, turns), for the session and the models. */
export function engineOf(doc: Document): DocumentEngine {
  return engineOfDocument(doc);
}
