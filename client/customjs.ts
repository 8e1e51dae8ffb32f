/**
 * Runs the document's CustomJS callbacks in the page (Bokeh's `js_on_change`, `js_on_event`,
 * `js_link`). The code is the author's, as trusted as the page's own scripts; it sees its
 * `args` by name, `cb_obj` (also `this`) and `cb_data`, with models as live objects:
 * reading an attribute reads the page's document, assigning one changes it, syncing to the
 * server what a person could write there (the server's `clientWritable` list), and keeping the
 * rest in the page. `source.change.emit()` redraws what a source's in-place edit touched.
 */
import { isPlainObject, valuesEqual, type ModelId, type Value } from "../server/protocol/index.ts";
import type { ClientDocument } from "./document.ts";
import type { Changes } from "./patch/changes.ts";

type Compiled = (...args: unknown[]) => unknown;

/** Callbacks that set attributes which trigger other callbacks stop at this depth (a loop). */
const MAX_DEPTH = 16;

const isRef = (value: unknown): value is { ref: ModelId } => isPlainObject(value) && typeof value.ref === "string";

export class JsCallbacks {
  readonly #doc: ClientDocument;
  readonly #onError: (message: string) => void;
  /** model → trigger (`"change:value"`, `"event:click"`) → the CustomJS models listening. */
  #index = new Map<ModelId, Map<string, ModelId[]>>();
  /** The last value seen of each watched attribute, to tell which attribute a change touched. */
  #seen = new Map<ModelId, Map<string, unknown>>();
  #callbacks = new Set<ModelId>();
  #writable: Record<string, string[]> = {};
  readonly #compiled = new Map<string, Compiled>();
  readonly #proxies = new Map<ModelId, object>();
  readonly #proxyIds = new WeakMap<object, ModelId>();
  #depth = 0;

  constructor(doc: ClientDocument, onError: (message: string) => void) {
    this.#doc = doc;
    this.#onError = onError;
  }

  /** After every change of the document: re-index when callbacks changed, then run those whose attribute changed. */
  update(changes: Changes): void {
    const models = this.#doc.state.models;
    const touched = [...changes.models];
    if (touched.some((id) => this.#callbacks.has(id) || models[id]?.type === "CustomJS")) this.#reindex();
    for (const id of touched) {
      const seen = this.#seen.get(id);
      const attrs = models[id]?.attrs;
      if (!seen || !attrs) continue;
      for (const [attr, before] of seen) {
        const now = attrs[attr];
        if (now === before || valuesEqual(now, before)) continue;
        seen.set(attr, now);
        this.#fire(id, `change:${attr}`, {});
      }
    }
  }

  /** An event the page sends for `model` (a button's click): its `jsOnEvent` callbacks run first. */
  event(model: ModelId, name: string, payload: unknown): void {
    this.#fire(model, `event:${name}`, payload);
  }

  #reindex(): void {
    const models = this.#doc.state.models;
    this.#index = new Map();
    this.#callbacks = new Set();
    const seen = new Map<ModelId, Map<string, unknown>>();
    for (const [id, model] of Object.entries(models)) {
      if (model.type !== "CustomJS") continue;
      this.#callbacks.add(id);
      const { triggerModels, triggers, clientWritable } = model.attrs as {
        triggerModels: { ref: ModelId }[];
        triggers: string[];
        clientWritable: Record<string, string[]>;
      };
      this.#writable = clientWritable;
      triggerModels.forEach((target, index) => {
        const trigger = triggers[index]!;
        const byTrigger = this.#index.get(target.ref) ?? new Map<string, ModelId[]>();
        byTrigger.set(trigger, [...(byTrigger.get(trigger) ?? []), id]);
        this.#index.set(target.ref, byTrigger);
        if (!trigger.startsWith("change:")) return;
        const attr = trigger.slice("change:".length);
        const watched = seen.get(target.ref) ?? new Map<string, unknown>();
        watched.set(attr, this.#seen.get(target.ref)?.get(attr) ?? models[target.ref]?.attrs[attr]);
        seen.set(target.ref, watched);
      });
    }
    this.#seen = seen;
  }

  #fire(model: ModelId, trigger: string, data: unknown): void {
    for (const callback of this.#index.get(model)?.get(trigger) ?? []) this.#run(callback, model, data);
  }

  #run(callback: ModelId, cbObj: ModelId, data: unknown): void {
    const attrs = this.#doc.state.models[callback]?.attrs as { args: Record<string, Value>; code: string } | undefined;
    if (!attrs) return;
    if (this.#depth >= MAX_DEPTH) return this.#onError(`CustomJS: callbacks set each other off more than ${MAX_DEPTH} deep; stopped`);
    const names = Object.keys(attrs.args);
    const values = names.map((name) => this.#live(attrs.args[name]));
    const args = Object.fromEntries(names.map((name, index) => [name, values[index]]));
    const obj = this.#proxy(cbObj);
    this.#depth++;
    try {
      this.#compile(names, attrs.code).call(obj, ...values, obj, data, args);
    } catch (error) {
      this.#onError(`CustomJS failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.#depth--;
    }
  }

  #compile(names: string[], code: string): Compiled {
    const key = `${names.join(",")}\u0000${code}`;
    let fn = this.#compiled.get(key);
    if (!fn) {
      // The author's code, from the server's document (never from a client): see the header.
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      fn = new Function(...names, "cb_obj", "cb_data", "args", code) as Compiled;
      this.#compiled.set(key, fn);
    }
    return fn;
  }

  /** A wire value as the code sees it: models as live objects. */
  #live(value: unknown): unknown {
    if (isRef(value)) return this.#proxy(value.ref);
    if (Array.isArray(value) && value.some(isRef)) return value.map((item) => this.#live(item));
    return value;
  }

  /** A live value back to the wire: live objects as refs. */
  #wire(value: unknown): Value {
    if (typeof value === "object" && value !== null && this.#proxyIds.has(value)) return { ref: this.#proxyIds.get(value)! };
    if (Array.isArray(value)) return value.map((item) => this.#wire(item));
    return value as Value;
  }

  #proxy(id: ModelId): object {
    let proxy = this.#proxies.get(id);
    if (proxy) return proxy;
    const model = () => this.#doc.state.models[id];
    proxy = new Proxy(
      {},
      {
        get: (_target, key) => {
          if (typeof key !== "string") return undefined;
          if (key === "id") return id;
          if (key === "type" || key === "name") return model()?.[key];
          if (key === "change") return { emit: () => this.#emit(id) };
          if (key === "get_length") return () => this.#length(id);
          return this.#live(model()?.attrs[key]);
        },
        set: (_target, key, value) => {
          if (typeof key !== "string") return false;
          this.#assign(id, key, this.#wire(value));
          return true;
        },
        has: (_target, key) => typeof key === "string" && Object.hasOwn(model()?.attrs ?? {}, key),
      },
    );
    this.#proxies.set(id, proxy);
    this.#proxyIds.set(proxy, id);
    return proxy;
  }

  #assign(id: ModelId, attr: string, value: Value): void {
    const type = this.#doc.state.models[id]?.type;
    if (type === undefined) return;
    if (this.#writable[type]?.includes(attr)) this.#doc.set(id, attr, value);
    else this.#doc.changeLocally(id, { [attr]: value });
  }

  /** Bokeh's `source.get_length()`: the rows of a source's columns (null when it has none). */
  #length(id: ModelId): number | null {
    const data = this.#doc.state.models[id]?.attrs.data;
    const first: unknown = isPlainObject(data) ? Object.values(data)[0] : undefined;
    return Array.isArray(first) || ArrayBuffer.isView(first) ? (first as ArrayLike<unknown>).length : null;
  }

  /** Bokeh's `source.change.emit()` after editing columns in place: redrawn from new arrays. */
  #emit(id: ModelId): void {
    const data = this.#doc.state.models[id]?.attrs.data;
    if (!isPlainObject(data)) return this.#doc.changeLocally(id, {});
    const copied = Object.fromEntries(
      Object.entries(data).map(([name, column]) => [
        name,
        Array.isArray(column) || ArrayBuffer.isView(column) ? (column as { slice(): unknown }).slice() : column,
      ]),
    );
    this.#doc.changeLocally(id, { data: copied as Value });
  }
}
