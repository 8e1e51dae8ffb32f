/**
 * The client's mirror of a session's document. DOM-free: it applies what the server sends,
 * tracks which models changed, and turns local edits into client messages.
 */
import {
  fitRestore,
  requestOutcome,
  restoreTarget,
  toPointer,
  valuesEqual,
  type ClientMessage,
  type CellPatchOp,
  type ClientRequest,
  type DocState,
  type Json,
  type JsonPatchOp,
  type ModelId,
  type RestoreEntry,
  type ServerMessage,
  type Value,
} from "../server/protocol/index.ts";
import { applyOps } from "./patch/apply.ts";
import { diffStates, markPath, noChanges, type Changes } from "./patch/changes.ts";
import { PendingRequests } from "./connection/pending-requests.ts";

type Message<K extends ServerMessage["kind"]> = Extract<ServerMessage, { kind: K }>;

export type ServerError = Message<"error">;

export interface ClientDocumentOptions {
  /** Sends (or queues, while offline) one message to the server. */
  send(message: ClientMessage): void;
  /** Called after every change of `state`, local or remote. */
  onChange(changes: Changes): void;
  /** Called for each `error` the server reports. */
  onServerError(error: ServerError): void;
  /** What the person had set in a session that was lost: offered to the new one, and kept as set here. */
  restore?: RestoreEntry[];
  /** Called before a model event is sent (the page's `jsOnEvent` callbacks run then). */
  onEvent?(model: ModelId, name: string, payload: Json): void;
}

/** Applies this page's own writes that are not settled yet over `state`, in place. */
function reapply(state: DocState, requests: ClientRequest[]): DocState {
  // A write to a model the server no longer has fails here and will be refused there.
  for (const request of requests) if (request.kind === "patch") applyOps(state, request.ops);
  return state;
}

export class ClientDocument {
  /** The document as the server last described it, plus this client's own edits. */
  state: DocState = { roots: [], models: {} };
  /** The last server version applied (from `doc`, `patch` or `ack`). */
  seq = 0;
  /** True once a snapshot arrived: from then on a reconnect resumes from `seq`. */
  loaded = false;
  sessionId: string | undefined;
  /** Requests sent and not yet settled: kept, and sent again after a reconnect, until they are. */
  readonly pending = new PendingRequests();
  readonly #options: ClientDocumentOptions;
  #nextReqId = 1;
  /** Each attribute the person set (through `update`), in the order of their latest setting. */
  readonly #written = new Map<string, { model: ModelId; attr: string }>();

  constructor(options: ClientDocumentOptions) {
    this.#options = options;
  }

  /**
   * The values the person set, as they are now, for a new session if this one is lost (its
   * process died or restarted): the server applies them as the person's writes. Before the
   * first snapshot, what a lost session's page had offered.
   */
  restoreEntries(): RestoreEntry[] {
    if (!this.loaded) return this.#options.restore ?? [];
    const entries: RestoreEntry[] = [];
    for (const { model, attr } of this.#written.values()) {
      const state = Object.hasOwn(this.state.models, model) ? this.state.models[model]! : undefined;
      if (!state || !Object.hasOwn(state.attrs, attr)) continue;
      entries.push({ model, type: state.type, ...(state.name === undefined ? {} : { name: state.name }), attr, value: state.attrs[attr]! });
    }
    return fitRestore(entries);
  }

  #noteWritten(model: ModelId, attr: string): void {
    const key = `${model}\u0000${attr}`;
    this.#written.delete(key);
    this.#written.set(key, { model, attr });
  }

  /** The values restored into this session count as set here: a later loss offers them again. */
  #adoptRestored(doc: DocState): void {
    for (const entry of this.#options.restore ?? []) {
      const model = restoreTarget(doc, entry);
      if (model !== undefined) this.#noteWritten(model, entry.attr);
    }
  }

  receiveHello(message: Message<"hello">): void {
    this.sessionId = message.sessionId;
  }

  /**
   * A full snapshot: replaces the mirror, with this page's unsettled writes applied over it (the
   * server gets them again and will apply or refuse them); only models that differ count as changed.
   */
  receiveDoc(message: Message<"doc">): void {
    const doc = reapply(message.doc, this.pending.inOrder());
    const changes = this.loaded ? diffStates(this.state, doc) : noChanges();
    if (!this.loaded) {
      markPath(changes, doc, []);
      this.#adoptRestored(doc);
    }
    this.state = doc;
    this.seq = message.seq;
    this.loaded = true;
    this.#options.onChange(changes);
  }

  receivePatch(message: Message<"patch">): void {
    const result = applyOps(this.state, message.ops);
    this.seq = Math.max(this.seq, message.seq);
    if (!result.ok) {
      console.warn(`[aperture] could not apply server patch ${message.seq}: ${result.message}; pulling the document again`);
      this.pullDoc();
    }
    this.#options.onChange(result.changes);
  }

  /** An ack's `seq` counts this client's own (not echoed) changes too. */
  receiveAck(message: Message<"ack">): void {
    this.pending.settle(message.reqId);
    this.seq = Math.max(this.seq, message.seq);
  }

  receiveError(message: ServerError): void {
    const outcome = requestOutcome(message);
    const request = outcome ? this.pending.settle(outcome.reqId) : undefined;
    console.warn(`[aperture] server error ${message.code}: ${message.message}`);
    this.#options.onServerError(message);
    // A refused write: the server kept its value; fetch it rather than keep showing ours.
    if (request?.kind === "patch") this.pullDoc();
  }

  /** Sets one attribute locally and sends it to the server. */
  set(model: ModelId, attr: string, value: Value): void {
    this.update(model, { [attr]: value });
  }

  /** Sets several attributes of one model in one patch message; unchanged ones are skipped. */
  update(model: ModelId, attrs: Record<string, Value>): void {
    const target = Object.hasOwn(this.state.models, model) ? this.state.models[model] : undefined;
    if (target === undefined) {
      console.warn(`[aperture] cannot set attributes of unknown model ${model}`);
      return;
    }
    const ops: JsonPatchOp[] = [];
    for (const [attr, value] of Object.entries(attrs)) {
      if (Object.hasOwn(target.attrs, attr) && valuesEqual(target.attrs[attr], value)) continue;
      target.attrs[attr] = value;
      this.#noteWritten(model, attr);
      ops.push({ op: "replace", path: toPointer(["models", model, "attrs", attr]), value });
    }
    if (ops.length === 0) return;
    // Sent before the page reacts: a write a CustomJS makes in reaction follows it to the server.
    this.#request((reqId) => ({ kind: "patch", reqId, baseSeq: this.seq, ops }));
    this.#options.onChange({ models: new Set([model]), roots: false });
  }

  /**
   * Changes attributes in the page only, not sent (what a CustomJS sets that the page may not
   * write: the server's document keeps its value, and a later snapshot brings that back).
   */
  changeLocally(model: ModelId, attrs: Record<string, Value>): void {
    const target = Object.hasOwn(this.state.models, model) ? this.state.models[model] : undefined;
    if (target === undefined) return;
    Object.assign(target.attrs, attrs);
    this.#options.onChange({ models: new Set([model]), roots: false });
  }

  /**
   * Sets cells of a source's `data` here and sends them as one `x-patch`; the server checks
   * them against the table's editors and sends back the stored cells, or refuses with a reason.
   */
  patchCells(model: ModelId, cells: Record<string, [number, Value][]>): void {
    const op: CellPatchOp = { op: "x-patch", path: toPointer(["models", model, "attrs", "data"]), value: cells };
    const result = applyOps(this.state, [op]);
    if (!result.ok) {
      console.warn(`[aperture] cannot set cells of model ${model}: ${result.message}`);
      return;
    }
    this.#options.onChange(result.changes);
    this.#request((reqId) => ({ kind: "patch", reqId, baseSeq: this.seq, ops: [op] }));
  }

  /** Sends a model event, such as a button's `click`. */
  event(model: ModelId, name: string, payload: Json = {}): void {
    this.#options.onEvent?.(model, name, payload);
    this.#request((reqId) => ({ kind: "event", reqId, model, name, payload }));
  }

  pullDoc(): void {
    this.#request((reqId) => ({ kind: "pull-doc", reqId }));
  }

  #request(build: (reqId: number) => ClientRequest): void {
    const message = build(this.#nextReqId++);
    this.pending.add(message);
    this.#options.send(message);
  }
}
