/**
 * Models are thin typed facades over the document's plain state. Before a model joins a
 * document it keeps its attributes itself; from then on every read and write goes to the
 * document (so a set becomes a patch), and the model is found by its id.
 */
import type { ModelId } from "../protocol/index.ts";
import { MODEL_BRAND, isModel } from "./brand.ts";
import { engineOf, type Document } from "./document.ts";
import { liveList } from "./live-list.ts";
import type { PropSpec } from "./props.ts";

/** `(attr, old, new)`, typed from the attribute: a slider's `value` callback gets numbers. */
export type ChangeCallback<T = unknown, K extends string = string> = (attr: K, old: T, value: T) => void | Promise<void>;

export type EventCallback = (payload: unknown) => void | Promise<void>;

export interface ModelInit {
  name?: string;
  /** False: after a restart, the page's values of this model are not restored into the new session (see `restorable`). */
  restorable?: boolean;
}

export type PropSpecs = Record<string, PropSpec<unknown>>;

export type PropValues<P> = { [K in keyof P]: P[K] extends PropSpec<infer T> ? T : never };

export { isModel } from "./brand.ts";

export class AttributeError extends TypeError {
  override name = "AttributeError";
}

/**
 * A callback that runs in the page (a CustomJS, models/customjs.ts): told which model and
 * trigger (`"change:value"`, `"event:click"`) to listen to.
 */
export interface JsCallback extends Model {
  listenTo(model: Model, trigger: string): void;
}

/** Makes the callback of `jsLink` (set by models/customjs.ts, which defines CustomJS). */
let makeJsLink: ((other: Model, otherAttr: string, attr: string) => JsCallback) | undefined;
export function setJsLinkFactory(factory: typeof makeJsLink): void {
  makeJsLink = factory;
}

/** The attributes a page may write, per model type: what a CustomJS in the page may sync. */
export const CLIENT_WRITABLE = new Map<string, readonly string[]>();

/**
 * A model of attributes `P` and page events `E`. Both only type the author's calls
 * (`onChange("value", …)`, `onEvent("click", …)`); the declarations themselves are the class's
 * static `props` and `events`.
 */
export class Model<P extends PropSpecs = PropSpecs, E extends string = string> {
  static readonly type: string = "Model";
  static readonly props: PropSpecs = {};
  /** Events the page may send for this model type (a button's "click"). */
  static readonly events: readonly string[] = [];

  readonly [MODEL_BRAND] = true;
  /** Assigned when the model joins a document. */
  id: ModelId | undefined;
  readonly name: string | undefined;
  /**
   * Whether a new session made for a page whose session was lost (a restart, a redeploy, a
   * killed worker) takes the page's values of this model (default true). Set false for values
   * that must start afresh in every session (a one-time code, a confirmation checkbox).
   */
  restorable = true;
  document: Document | undefined;
  /** Attributes while detached (models as instances; refs once attached live in the document). */
  readonly detached: Record<string, unknown> = {};
  /** Attributes the author gave (in the constructor or by a set): a document's theme leaves them alone. */
  readonly explicit = new Set<string>();
  /** Attributes the document's theme set last. */
  themed = new Set<string>();
  readonly changeCallbacks = new Map<string, ChangeCallback[]>();
  readonly eventCallbacks = new Map<string, EventCallback[]>();
  /** CustomJS callbacks listening to this model: they join a document with it. */
  readonly jsCallbacks = new Set<JsCallback>();

  constructor(init: Record<string, unknown> & ModelInit = {}) {
    const { name, restorable, ...attrs } = init;
    if (name !== undefined && typeof name !== "string") throw new AttributeError(`${this.type}: name must be a string`);
    this.name = name;
    if (restorable !== undefined) this.restorable = restorable;
    for (const [key, spec] of Object.entries(this.props)) this.detached[key] = spec.default();
    const given = Object.entries(attrs).filter(([, value]) => value !== undefined);
    // Store all first, then check: `{ value: 10, start: 0, end: 30 }` is valid in any order.
    for (const [key, value] of given) {
      const problem = checkModels(this.propSpec(key), value);
      if (problem) throw new AttributeError(`${this.type}.${key}: ${problem}`);
      this.detached[key] = value;
      this.explicit.add(key);
    }
    // Defaults too: `new Slider({ start: 5, end: 30 })` must not keep a value of 0.
    for (const [key, spec] of Object.entries(this.props)) {
      if (spec.kind === "ref" || spec.kind === "refs") continue;
      const problem = spec.check(this.detached[key], this.detached);
      if (problem) throw new AttributeError(`${this.type}.${key}: ${problem}`);
      if (spec.normalize) this.detached[key] = spec.normalize(this.detached[key], this.detached);
    }
  }

  get type(): string {
    return (this.constructor as typeof Model).type;
  }

  get props(): PropSpecs {
    return (this.constructor as typeof Model).props;
  }

  get events(): readonly string[] {
    return (this.constructor as typeof Model).events;
  }

  propSpec(attr: string): PropSpec<unknown> {
    if (!Object.hasOwn(this.props, attr)) throw new AttributeError(`${this.type} has no attribute "${attr}"`);
    return this.props[attr]!;
  }

  getAttr(attr: string): unknown {
    const spec = this.propSpec(attr);
    if (!this.document) return this.detached[attr];
    const value = engineOf(this.document).readAttr(this, attr);
    return spec.kind === "refs" ? liveList(value as Model[], (items) => this.setAttr(attr, items)) : value;
  }

  /** Validates, then stores (detached) or changes the document (attached). */
  setAttr(attr: string, value: unknown): void {
    const spec = this.propSpec(attr);
    const problem = checkModels(spec, value) ?? spec.check(value, this.attrValues());
    if (problem) throw new AttributeError(`${this.type}.${attr}: ${problem}`);
    const stored = spec.normalize ? spec.normalize(value, this.attrValues()) : value;
    this.explicit.add(attr);
    if (this.document) engineOf(this.document).writeAttr(this, attr, stored);
    else this.detached[attr] = stored;
  }

  /** Current attribute values, for checks that compare attributes (a slider's value and its end). */
  attrValues(): Record<string, unknown> {
    if (!this.document) return this.detached;
    return engineOf(this.document).state.models[this.id!]!.attrs;
  }

  /**
   * Calls `callback(attr, old, new)` after each change of the attribute(s), whether the
   * server or the page made it.
   * @example slider.onChange("value", (_attr, _old, days) => { source.data = smooth(days) })
   */
  onChange<K extends keyof P & string>(attrs: K | readonly K[], callback: ChangeCallback<PropValues<P>[K], K>): this {
    for (const attr of typeof attrs === "string" ? [attrs] : attrs) {
      this.propSpec(attr);
      const list = this.changeCallbacks.get(attr) ?? [];
      list.push(callback as ChangeCallback);
      this.changeCallbacks.set(attr, list);
    }
    return this;
  }

  /** Calls `callback(payload)` when the page sends the named event; an event the type lacks throws. */
  onEvent(name: E, callback: EventCallback): this {
    if (!this.events.includes(name)) {
      const known = this.events.length === 0 ? "no events" : `only ${this.events.map((event) => `"${event}"`).join(", ")}`;
      throw new AttributeError(`${this.type} has no event "${name}" (it has ${known})`);
    }
    const list = this.eventCallbacks.get(name) ?? [];
    list.push(callback);
    this.eventCallbacks.set(name, list);
    return this;
  }

  /**
   * Runs `callbacks` (CustomJS) in the page after each change of the attribute(s), whether the
   * server or the page made it: Bokeh's `js_on_change`, with no round trip to the server.
   * @example slider.jsOnChange("value", new CustomJS({ args: { source }, code: "…" }))
   */
  jsOnChange<K extends keyof P & string>(attrs: K | readonly K[], ...callbacks: JsCallback[]): this {
    for (const attr of typeof attrs === "string" ? [attrs] : attrs) {
      this.propSpec(attr);
      for (const callback of callbacks) this.#listen(callback, `change:${attr}`);
    }
    return this;
  }

  /** Runs `callbacks` (CustomJS) in the page when the page has the named event (Bokeh's `js_on_event`). */
  jsOnEvent(name: E, ...callbacks: JsCallback[]): this {
    if (!this.events.includes(name)) throw new AttributeError(`${this.type} has no event "${name}"`);
    for (const callback of callbacks) this.#listen(callback, `event:${name}`);
    return this;
  }

  /**
   * Keeps `other[otherAttr]` equal to this model's `attr` in the page, with no round trip
   * (Bokeh's `js_link`); a client-writable target then syncs to the server as a person's edit.
   * @example slider.jsLink("value", plot.xRange, "start")
   */
  jsLink<O extends Model<PropSpecs, string>>(attr: keyof P & string, other: O, otherAttr: Exclude<keyof O, keyof Model> & string): this {
    this.propSpec(attr);
    other.propSpec(otherAttr);
    if (!makeJsLink) throw new Error("jsLink needs CustomJS (import it from aperture)");
    return this.jsOnChange(attr as never, makeJsLink(other, otherAttr, attr));
  }

  #listen(callback: JsCallback, trigger: string): void {
    callback.listenTo(this, trigger);
    this.jsCallbacks.add(callback);
    const engine = this.document ? engineOf(this.document) : undefined;
    if (engine && callback.document !== this.document) engine.change((draft) => engine.attach(callback, draft));
  }

  toString(): string {
    return `${this.type}(${this.id ?? "detached"}${this.name ? `, name=${this.name}` : ""})`;
  }
}

function checkModels(spec: PropSpec<unknown>, value: unknown): string | undefined {
  if (spec.kind === "ref" && value !== null && !isModel(value)) return "expected a model";
  if (spec.kind === "refs" && (!Array.isArray(value) || !value.every(isModel))) return "expected a list of models";
  // Which values a map may hold (only models, or models and plain values) is its own check's rule.
  if (spec.kind === "refMap" && (typeof value !== "object" || value === null || Array.isArray(value))) return "expected an object by name";
  return undefined;
}

/** What a model's constructor takes: any of its attributes, and a name. */
export type InitOf<P> = Partial<PropValues<P>> & ModelInit;

/** The attribute names of a model instance type, for APIs that name attributes (`jsOnChange`). */
export type AttrName<M> = M extends Model<infer P, string> ? keyof P & string : never;

/** The event names of a model instance type. */
export type EventName<M> = M extends Model<PropSpecs, infer E> ? E : never;

export type ModelClass<P extends PropSpecs, E extends string = never> = {
  new (init?: InitOf<P>): Model<P, E> & PropValues<P>;
  readonly type: string;
  readonly props: P;
  readonly events: readonly string[];
};

export interface ModelDeclaration<E extends string> {
  /** Events the page may send for this model type (a button's "click"). */
  events?: readonly E[];
}

/**
 * Declares a model type: its wire name, attributes, and the events the page may send. The
 * class gets a typed accessor per attribute, so `slider.value = 3` validates and becomes a
 * patch, and `onChange`/`onEvent` accept only the names declared here.
 * @example export class Div extends defineModel("Div", { text: prop.string("") }) {}
 * @example export class Button extends defineModel("Button", { label: prop.string("") }, { events: ["click"] }) {}
 */
export function defineModel<P extends PropSpecs, const E extends string = never>(
  type: string,
  props: P,
  declaration: ModelDeclaration<E> = {},
): ModelClass<P, E> {
  const writable = Object.keys(props).filter((key) => props[key]!.clientWritable);
  if (writable.length > 0) CLIENT_WRITABLE.set(type, writable);
  else CLIENT_WRITABLE.delete(type);
  const Defined = class extends Model {
    static override readonly type = type;
    static override readonly props: PropSpecs = props;
    static override readonly events: readonly string[] = declaration.events ?? [];
  };
  for (const key of Object.keys(props)) {
    Object.defineProperty(Defined.prototype, key, {
      get(this: Model) {
        return this.getAttr(key);
      },
      set(this: Model, value: unknown) {
        this.setAttr(key, value);
      },
    });
  }
  return Defined as unknown as ModelClass<P, E>;
}
