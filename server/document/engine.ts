/**
 * The sync engine behind one Document: the plain state tree `{ roots, models }`, changed only
 * through immer so every change is also a list of RFC 6902 operations. Operations collect in
 * an outbox and leave as one message per turn (a callback, a tick, or `doc.batch(fn)`).
 * Authors never see this object; the session reaches it with `engineOf(doc)`.
 */
import { Immer, enablePatches, type Patch } from "immer";
import {
  isPlainObject,
  toPointer,
  valuesEqual,
  type DocOp,
  type NotificationLevel,
  type DocState,
  type ModelId,
  type Ref,
  type Value,
} from "../protocol/index.ts";
import { ATTACHED, isModel, type AttachHook } from "./brand.ts";
import { CallbackScheduler } from "./callbacks.ts";
import type { Document } from "./document.ts";
import type { Model } from "./model.ts";
import { fromImmerPatch, Outbox } from "./ops.ts";
import type { Theme } from "./theme.ts";
import { themeWrites } from "./theming.ts";
import { Withheld } from "./withheld.ts";
import { reachableIds } from "./reachable.ts";

enablePatches();
// Frozen state would also freeze arrays the app handed us (its own `options` list, say).
const immer = new Immer({ autoFreeze: false });

/** The draft a recipe changes (immer's own StateDraft is too deep for the type checker). */
export interface StateDraft {
  roots: ModelId[];
  models: Record<ModelId, { type: string; name?: string; attrs: Record<string, unknown> }>;
  title?: string;
}

const produceWithPatches = immer.produceWithPatches.bind(immer) as unknown as (
  base: DocState,
  recipe: (draft: StateDraft) => void,
) => [DocState, Patch[], Patch[]];

/** Bokeh's hold policies: "combine" sends only the last value of each attribute, "collect" every change in order. */
export type HoldPolicy = "combine" | "collect";

export interface FlushedPatch {
  seq: number;
  ops: DocOp[];
}

/** What the engine tells its owner (a session); each has a default for a detached document. */
export interface EngineHooks {
  /** Receives each batch of operations as it is flushed. */
  flush(patch: FlushedPatch): void;
  /** Receives errors thrown by callbacks; the session reports them to the terminal and page. */
  error(error: unknown, context: string): void;
  /** How timer and group callbacks run; a session queues them, one at a time. */
  task(fn: () => unknown, context: string): void;
  /** Shows a toast in the page (`doc.notify`); a detached document has no page to show it in. */
  notify(notification: Notification): void;
}

export interface Notification {
  message: string;
  level: NotificationLevel;
  /** Milliseconds the toast stays; 0 keeps it until the person dismisses it. */
  duration: number;
}

const isRef = (value: unknown): value is Ref => isPlainObject(value) && typeof value.ref === "string";

export class DocumentEngine {
  state: DocState = { roots: [], models: {} };
  /** Version of the state the clients have been sent; one more per flushed patch. */
  seq = 0;
  readonly callbacks: CallbackScheduler;
  readonly models = new Map<ModelId, Model>();
  /** Sources whose columns the page is not sent (it draws their decimation instead). */
  readonly withheld = new Withheld();
  /** Work run before each flush that derives attributes from the state (a figure's downsampling), by the model it serves. */
  private readonly passes: { owner: ModelId | undefined; run: () => void }[] = [];
  private hooks: EngineHooks = {
    flush: () => {},
    error: (error, context) => console.error(`[aperture] ${context}:`, error),
    task: (fn, context) => this.runCallback(fn, context),
    notify: () => {},
  };
  /** `doc.theme`: default values per model type for the models of this document. */
  theme: Theme | undefined;
  private readonly outbox = new Outbox();
  private nextId = 1;
  private holds = 0;
  private authorHold: HoldPolicy | undefined;
  /** Errors reported so far, so a turn knows whether one of its callbacks failed. */
  private errors = 0;
  private flushQueued = false;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(readonly document: Document) {
    this.callbacks = new CallbackScheduler((fn, context) => this.hooks.task(fn, context));
  }

  /** Replaces some of the hooks (a session takes over flushing, errors and tasks). */
  connect(hooks: Partial<EngineHooks>): void {
    this.hooks = { ...this.hooks, ...hooks };
  }

  /**
   * Runs one turn: everything `fn` changes, and every callback those changes start (async
   * ones included), leaves as one message once they have all settled.
   */
  async runTurn(fn: () => unknown): Promise<void> {
    const errorsBefore = this.errors;
    let threw = true;
    this.hold();
    try {
      await fn();
      await this.settle();
      threw = false;
    } finally {
      // An author's hold left by a turn that failed would freeze the page for good.
      if (threw || this.errors > errorsBefore) this.unholdAuthor();
      this.release();
      this.flush();
    }
  }

  /** `doc.hold(policy)`: changes wait for `unhold()` (or the end of a turn that failed). */
  holdAuthor(policy: HoldPolicy): void {
    if (this.authorHold === policy) return;
    if (this.authorHold !== undefined) throw new Error(`the document is already held with policy "${this.authorHold}"; unhold() first`);
    this.authorHold = policy;
    this.outbox.coalesce = policy === "combine";
    this.hold();
  }

  unholdAuthor(): void {
    if (this.authorHold === undefined) return;
    this.authorHold = undefined;
    this.outbox.coalesce = true;
    this.release();
  }

  get heldWith(): HoldPolicy | undefined {
    return this.authorHold;
  }

  /** Waits until callbacks started by changes so far (async ones included) have finished. */
  async settle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** Holds outgoing operations until `release`, so a whole turn leaves as one message. */
  hold(): void {
    this.holds++;
  }

  release(): void {
    this.holds--;
    this.scheduleFlush();
  }

  flush(): void {
    this.flushQueued = false;
    if (this.holds > 0) return;
    this.collectUnreachable();
    for (const pass of this.passes) this.runPass(pass.run);
    if (this.outbox.size === 0 && !this.withheld.changed) return;
    const ops = this.withheld.project(this.outbox.take(), this.state);
    if (ops.length === 0) return;
    this.seq++;
    this.hooks.flush({ seq: this.seq, ops });
  }

  /** The state as a page is sent it (withheld columns left out). */
  wireState(): DocState {
    return this.withheld.strip(this.state);
  }

  /** Runs `pass` before every flush, until the document is cleared or `owner` leaves it. */
  addFlushPass(pass: () => void, owner?: ModelId): void {
    this.passes.push({ owner, run: pass });
  }

  /** Models no root reaches any more leave the document (and the page), keeping their attributes to join again. */
  private collectUnreachable(): void {
    const reached = reachableIds(this.state, this.models);
    const gone = [...this.models.keys()].filter((id) => !reached.has(id));
    if (gone.length === 0) return;
    const models = gone.map((id) => this.models.get(id)!);
    this.keepAttributes(models);
    this.change((draft) => {
      for (const id of gone) delete draft.models[id];
    });
    for (const model of models) this.detach(model);
  }

  /** Copies the models' current attributes to their detached storage (before they leave the state). */
  private keepAttributes(models: readonly Model[]): void {
    for (const model of models) for (const attr of Object.keys(model.props)) model.detached[attr] = this.readAttr(model, attr);
  }

  private detach(model: Model): void {
    const id = model.id!;
    model.document = undefined;
    model.id = undefined;
    this.models.delete(id);
    this.withheld.set(id, false);
    for (let i = this.passes.length - 1; i >= 0; i--) if (this.passes[i]!.owner === id) this.passes.splice(i, 1);
  }

  private runPass(pass: () => void): void {
    try {
      pass();
    } catch (error) {
      this.reportError(error, "deriving what the page draws");
    }
  }

  notify(notification: Notification): void {
    this.hooks.notify(notification);
  }

  reportError(error: unknown, context: string): void {
    this.errors++;
    this.hooks.error(error, context);
  }

  readAttr(model: Model, attr: string): unknown {
    const value = this.state.models[model.id!]!.attrs[attr];
    const kind = model.propSpec(attr).kind;
    if (kind === "ref") return isRef(value) ? this.models.get(value.ref) : null;
    if (kind === "refs") return (value as unknown as Ref[]).map((ref) => this.models.get(ref.ref));
    if (kind === "refMap")
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, isRef(item) ? this.models.get(item.ref) : item]),
      );
    // A copy, so `const d = source.data; d.y = …; source.data = d` is seen as a change.
    if (kind === "columns") return { ...(value as Record<string, Value>) };
    return value;
  }

  /**
   * A validated write: changes state, queues operations (unless the page made it), runs
   * callbacks. `echo`: the page holds another value than `value` (the server normalized it),
   * so the stored value goes back even when it did not change.
   */
  writeAttr(model: Model, attr: string, value: unknown, options: { fromClient?: boolean; echo?: boolean } = {}): void {
    const old = this.readAttr(model, attr);
    const spec = model.propSpec(attr);
    // Column tables are compared column by column inside the change instead.
    if (spec.kind !== "columns" && (old === value || valuesEqual(old, value))) {
      if (options.echo) this.resend(model, attr);
      return;
    }
    const changed = this.change((draft) => {
      const attrs = draft.models[model.id!]!.attrs;
      if (spec.kind === "columns") assignColumns(attrs, attr, value as Record<string, Value>);
      else attrs[attr] = this.toStateValue(value, draft);
    }, options);
    if (changed) this.notifyChange(model, attr, old, this.readAttr(model, attr));
  }

  /**
   * Sets an attribute to `value` and sends `op` instead of a replace: the column extensions
   * (`x-stream`, `x-patch`) carry only the new rows or cells.
   */
  writeAttrWithOp(model: Model, attr: string, value: Value, op: DocOp): void {
    const old = this.readAttr(model, attr);
    this.state = immer.produce(this.state, (draft: DocState) => {
      draft.models[model.id!]!.attrs[attr] = value;
    });
    this.outbox.push(op);
    this.scheduleFlush();
    this.notifyChange(model, attr, old, value);
  }

  /** Sends an attribute's stored value again (to a page that showed another one). */
  private resend(model: Model, attr: string): void {
    const value = this.state.models[model.id!]!.attrs[attr]!;
    this.outbox.push({ op: "replace", path: toPointer(["models", model.id!, "attrs", attr]), value });
    this.scheduleFlush();
  }

  notifyChange(model: Model, attr: string, old: unknown, value: unknown): void {
    for (const callback of model.changeCallbacks.get(attr) ?? []) {
      this.runCallback(() => callback(attr, old, value), `callback for ${String(model)}.${attr}`);
    }
  }

  /** Runs a callback with errors reported, tracking it until it settles when it is async. */
  runCallback(fn: () => unknown, context: string): void {
    this.hold();
    let result: unknown;
    try {
      result = fn();
    } catch (error) {
      this.reportError(error, context);
    }
    if (result instanceof Promise) {
      const tracked = result
        .catch((error: unknown) => this.reportError(error, context))
        .finally(() => {
          this.inflight.delete(tracked);
          this.release();
        });
      this.inflight.add(tracked);
    } else {
      this.release();
    }
  }

  /** Applies a recipe; true when it changed anything. */
  change(recipe: (draft: StateDraft) => void, options: { fromClient?: boolean } = {}): boolean {
    const [next, patches] = produceWithPatches(this.state, recipe);
    this.state = next;
    // The page already has its own writes; only what the server adds goes back.
    if (options.fromClient) return patches.length > 0;
    for (const patch of patches) this.outbox.push(fromImmerPatch(patch));
    this.scheduleFlush();
    return patches.length > 0;
  }

  /** Gives `model` (and every model it refers to) an id in this document. */
  attach(model: Model, draft: StateDraft): void {
    if (model.document === this.document) return;
    if (model.document) throw new Error(`${String(model)} already belongs to another document`);
    const themed = themeWrites(model, this.theme);
    model.id = String(this.nextId++);
    model.document = this.document;
    this.models.set(model.id, model);
    const attrs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(model.detached)) attrs[key] = this.toStateValue(value, draft);
    for (const [key, value] of themed) attrs[key] = value;
    const state: StateDraft["models"][ModelId] = { type: model.type, attrs };
    if (model.name !== undefined) state.name = model.name;
    draft.models[model.id] = state;
    // Its CustomJS callbacks come along: they refer to it, nothing in the document refers to them.
    for (const callback of model.jsCallbacks) this.attach(callback, draft);
    (model as AttachHook)[ATTACHED]?.(this);
  }

  /** Replaces the document's theme: every model's attributes the author did not set take the new theme's values (or their defaults). */
  setTheme(theme: Theme | undefined): void {
    this.theme = theme;
    for (const model of [...this.models.values()]) {
      for (const [attr, value] of themeWrites(model, theme)) this.writeAttr(model, attr, value);
    }
  }

  /** Drops every model from the document; each keeps its current attributes, detached, so it can join a document again. */
  detachAll(): void {
    const models = [...this.models.values()];
    this.keepAttributes(models);
    this.change((draft) => {
      draft.roots = [];
      draft.models = {};
    });
    for (const model of models) this.detach(model);
    this.passes.length = 0;
  }

  private scheduleFlush(): void {
    if (this.holds > 0 || this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flush());
  }

  /** Models become `{ ref: id }`, attaching them first when they are new. */
  private toStateValue(value: unknown, draft: StateDraft): unknown {
    if (isModel(value)) {
      this.attach(value, draft);
      return { ref: value.id };
    }
    if (Array.isArray(value) && value.some((item) => isModel(item))) {
      return value.map((item) => this.toStateValue(item, draft));
    }
    if (isPlainObject(value) && Object.values(value).some((item) => isModel(item))) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.toStateValue(item, draft)]));
    }
    return value;
  }
}

/** Replaces a column table column by column: unchanged columns produce no operation. */
function assignColumns(attrs: Record<string, unknown>, attr: string, next: Record<string, Value>): void {
  const columns = attrs[attr];
  if (!isPlainObject(columns)) {
    attrs[attr] = next;
    return;
  }
  for (const key of Object.keys(columns)) if (!Object.hasOwn(next, key)) delete columns[key];
  for (const [key, column] of Object.entries(next)) {
    if (!valuesEqual(columns[key], column)) columns[key] = column;
  }
}
