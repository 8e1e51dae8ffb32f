/**
 * Sources whose columns stay on the server: the page draws a decimation of them instead
 * (downsampling), so it is sent `data: {}` for them and no operation under their `data`. The
 * server's state keeps every row, so callbacks, selections and taps see the true rows.
 * When a source starts or stops being withheld, the page is sent its empty or its whole table.
 */
import { fromPointer, toPointer, type DocOp, type DocState, type ModelId } from "../protocol/index.ts";

type ModelState = DocState["models"][ModelId];

function withoutData(model: ModelState): ModelState {
  return { ...model, attrs: { ...model.attrs, data: {} } };
}

export class Withheld {
  private readonly held = new Set<ModelId>();
  /** What the page was last told: the withheld set as of the last flush or snapshot. */
  private sent = new Set<ModelId>();

  set(source: ModelId, withheld: boolean): void {
    if (withheld) this.held.add(source);
    else this.held.delete(source);
  }

  has(source: ModelId): boolean {
    return this.held.has(source);
  }

  /** A source started or stopped being withheld since the page was last told. */
  get changed(): boolean {
    return this.held.size !== this.sent.size || [...this.held].some((id) => !this.sent.has(id));
  }

  /** The state as the page is sent it; from then on the page knows the current set. */
  strip(state: DocState): DocState {
    this.sent = new Set(this.held);
    if (this.held.size === 0) return state;
    const models = { ...state.models };
    for (const id of this.held) if (Object.hasOwn(models, id)) models[id] = withoutData(models[id]!);
    return { ...state, models };
  }

  /** One flush's operations as the page is sent them, with the table of each source whose status changed. */
  project(ops: readonly DocOp[], state: DocState): DocOp[] {
    const hidden = new Set([...this.held, ...this.sent]);
    const out = hidden.size === 0 ? [...ops] : ops.flatMap((op) => this.projectOp(op, hidden));
    for (const id of hidden) {
      if (this.held.has(id) === this.sent.has(id) || !Object.hasOwn(state.models, id)) continue;
      const data = this.held.has(id) ? {} : state.models[id]!.attrs.data;
      if (data !== undefined) out.push({ op: "replace", path: toPointer(["models", id, "attrs", "data"]), value: data });
    }
    this.sent = new Set(this.held);
    return out;
  }

  private projectOp(op: DocOp, hidden: ReadonlySet<ModelId>): DocOp[] {
    if (!op.path.startsWith("/models")) return [op];
    const path = fromPointer(op.path) ?? [];
    const id = path[1];
    const value = "value" in op ? (op.value as unknown) : undefined;
    if (id === undefined) {
      if (value === undefined || path.length !== 1) return [op];
      const models = { ...(value as DocState["models"]) };
      for (const held of hidden) if (Object.hasOwn(models, held)) models[held] = withoutData(models[held]!);
      return [{ ...op, value: models } as unknown as DocOp];
    }
    if (!hidden.has(id)) return [op];
    if (path.length === 2) return value === undefined ? [op] : [{ ...op, value: withoutData(value as ModelState) } as unknown as DocOp];
    return path[2] === "attrs" && path[3] === "data" ? [] : [op];
  }
}
