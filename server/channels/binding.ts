/**
 * Data bindings, as Channels' `WebsocketBinding`: a stream whose payloads
 * `{ action: "create"|"update"|"delete", pk?, data? }` change records in a store, and every
 * change is broadcast as `{ action, pk, data }` on that stream to the groups the record names.
 * Server code (an HTTP route, a job) changes records through the same binding, so pages hear
 * about every change, not only the ones made over a socket.
 */
import { isPlainObject, type Json } from "../protocol/json.ts";
import { getChannelLayer } from "./index.ts";
import { jsonProblem, type ChannelLayer } from "./layer.ts";
import { RedisChannelLayer } from "./redis.ts";
import { RedisStore } from "./redis-store.ts";
import { StreamError, sendToStream, type StreamContext, type StreamHandlerObject } from "./multiplex.ts";

export type Pk = string | number;
export type RecordData = Record<string, Json>;
export type StoreRecord = RecordData & { id: Pk };

/** Where a binding keeps its records: memory here, a database in an application. */
export interface BindingStore {
  create(data: RecordData): StoreRecord | Promise<StoreRecord>;
  get(id: Pk): StoreRecord | undefined | Promise<StoreRecord | undefined>;
  /** Merges `data` into the record; `undefined` when there is no such record. */
  update(id: Pk, data: RecordData): StoreRecord | undefined | Promise<StoreRecord | undefined>;
  /** `false` when there was no such record. */
  delete(id: Pk): boolean | Promise<boolean>;
  list(): StoreRecord[] | Promise<StoreRecord[]>;
}

/** Records by integer id, copied in and out so nobody edits the store behind its back. */
export class MemoryStore implements BindingStore {
  #records = new Map<Pk, StoreRecord>();
  #nextId = 1;

  create(data: RecordData): StoreRecord {
    const record = { ...structuredClone(data), id: this.#nextId++ };
    this.#records.set(record.id, record);
    return structuredClone(record);
  }

  get(id: Pk): StoreRecord | undefined {
    const record = this.#records.get(id);
    return record && structuredClone(record);
  }

  update(id: Pk, data: RecordData): StoreRecord | undefined {
    const record = this.#records.get(id);
    if (!record) return undefined;
    const updated = { ...record, ...structuredClone(data), id: record.id };
    this.#records.set(id, updated);
    return structuredClone(updated);
  }

  delete(id: Pk): boolean {
    return this.#records.delete(id);
  }

  list(): StoreRecord[] {
    return [...this.#records.values()].map((record) => structuredClone(record));
  }
}

export type BindingAction = "create" | "update" | "delete";
export type BindingRequest =
  { action: "create"; data: RecordData } | { action: "update"; pk: Pk; data: RecordData } | { action: "delete"; pk: Pk };

export interface BindingOptions {
  stream: string;
  /**
   * Where the records live. Default: shared like the channel layer it broadcasts on: with a
   * `RedisChannelLayer`, a `RedisStore` under `<prefix>-bindings:<stream>` (every process sees
   * every record and ids are distinct); in memory, one `MemoryStore` per layer.
   */
  store?: BindingStore;
  /** Fields clients may write and everyone is sent; any other field in `data` is refused. */
  fields: readonly string[];
  /** Groups told about a record; computed before and after an update, so a record can move. */
  groupNames(record: StoreRecord): string[];
  /** Returns (or throws `StreamError` with) a reason to refuse; `data` has whitelisted fields only. */
  validate?(
    data: RecordData,
    action: "create" | "update",
    existing?: StoreRecord,
  ): string | undefined | void | Promise<string | undefined | void>;
  /** Channels' `has_permission`; default: everyone connected to the stream may change anything. */
  hasPermission?(action: BindingAction, pk: Pk | undefined, context: StreamContext): boolean | Promise<boolean>;
}

const ACTIONS: readonly string[] = ["create", "update", "delete"];

function checkPk(pk: unknown): Pk {
  if (typeof pk === "number" && Number.isSafeInteger(pk)) return pk;
  if (typeof pk === "string" && pk !== "" && pk.length <= 200) return pk;
  throw new StreamError("BAD_PK", '"pk" must be an integer or a non-empty string');
}

/** Levels around a field's value in the group message that carries it (message → payload → data → field…). */
const ENVELOPE_DEPTH = 8;

/** Whitelisted fields whose values can be broadcast: checked before anything is stored. */
function checkData(data: unknown, fields: ReadonlySet<string>): RecordData {
  if (!isPlainObject(data)) throw new StreamError("BAD_DATA", '"data" must be an object of fields');
  for (const [key, value] of Object.entries(data)) {
    const name = key.length > 60 ? `${JSON.stringify(key.slice(0, 60))}…` : JSON.stringify(key);
    if (!fields.has(key)) throw new StreamError("UNKNOWN_FIELD", `field ${name} is not writable (fields: ${[...fields].join(", ")})`);
    const problem = jsonProblem(value, "value", ENVELOPE_DEPTH);
    if (problem !== undefined) throw new StreamError("BAD_DATA", `field ${name}: ${problem.slice(0, 120)}`);
  }
  return data as RecordData;
}

/** A client payload as a request; throws `StreamError` naming what is wrong. */
export function parseBindingRequest(payload: unknown, fields: ReadonlySet<string>): BindingRequest {
  if (!isPlainObject(payload)) {
    throw new StreamError("BAD_REQUEST", 'a binding payload is an object: {"action": "create"|"update"|"delete", "pk"?, "data"?}');
  }
  const action = payload.action;
  if (typeof action !== "string" || !ACTIONS.includes(action)) {
    throw new StreamError("UNKNOWN_ACTION", '"action" must be "create", "update" or "delete"');
  }
  if (action === "create") return { action, data: checkData(payload.data, fields) };
  if (action === "update") return { action, pk: checkPk(payload.pk), data: checkData(payload.data, fields) };
  return { action: "delete", pk: checkPk(payload.pk) };
}

function notFound(pk: Pk): StreamError {
  return new StreamError("NOT_FOUND", `no record with pk ${JSON.stringify(pk)}`);
}

/** Put one in a demultiplexer's `streams` under its `stream` name. */
export class Binding implements StreamHandlerObject {
  readonly stream: string;
  readonly fields: ReadonlySet<string>;
  /** Default stores, one per layer (a server's, a test's). */
  readonly #stores = new WeakMap<ChannelLayer, BindingStore>();

  constructor(private readonly options: BindingOptions) {
    if (options.fields.length === 0) throw new TypeError(`Binding "${options.stream}" needs at least one field`);
    // The pk travels beside data; a writable "id" would let a client renumber records.
    if (options.fields.includes("id")) throw new TypeError(`Binding "${options.stream}": "id" is the pk, not a field`);
    this.stream = options.stream;
    this.fields = new Set(options.fields);
  }

  async receive(payload: Json, context: StreamContext): Promise<void> {
    const request = parseBindingRequest(payload, this.fields);
    const pk = request.action === "create" ? undefined : request.pk;
    if (this.options.hasPermission && (await this.options.hasPermission(request.action, pk, context)) !== true) {
      throw new StreamError("FORBIDDEN", `not allowed to ${request.action} this record`);
    }
    await this.apply(request, context.channelLayer);
  }

  /** Applies a request (checked as a client's would be) and broadcasts it; throws `StreamError` when refused. */
  async apply(request: BindingRequest, layer: ChannelLayer = getChannelLayer()): Promise<StoreRecord> {
    if (request.action === "create") return this.create(checkData(request.data, this.fields), layer);
    if (request.action === "update") return this.update(request.pk, checkData(request.data, this.fields), layer);
    return this.delete(request.pk, layer);
  }

  /** The store records go to when broadcast on `layer`: the given one, or the layer's default. */
  storeFor(layer: ChannelLayer): BindingStore {
    if (this.options.store) return this.options.store;
    let store = this.#stores.get(layer);
    if (store === undefined) {
      const key = `${layer instanceof RedisChannelLayer ? layer.prefix : ""}-bindings:${this.stream}`;
      store = layer instanceof RedisChannelLayer ? new RedisStore({ client: layer.clientFor(key), key }) : new MemoryStore();
      this.#stores.set(layer, store);
    }
    return store;
  }

  /** The record as subscribers see it: whitelisted fields only. */
  serialize(record: StoreRecord): RecordData {
    const data: RecordData = {};
    for (const field of this.fields) if (Object.hasOwn(record, field)) data[field] = record[field]!;
    return data;
  }

  private async create(data: RecordData, layer: ChannelLayer): Promise<StoreRecord> {
    await this.validate(data, "create");
    const record = await this.storeFor(layer).create(data);
    await this.broadcast(layer, "create", record, this.options.groupNames(record));
    return record;
  }

  private async update(pk: Pk, data: RecordData, layer: ChannelLayer): Promise<StoreRecord> {
    const store = this.storeFor(layer);
    const before = await store.get(pk);
    if (!before) throw notFound(pk);
    await this.validate(data, "update", before);
    const after = await store.update(pk, data);
    if (!after) throw notFound(pk); // deleted meanwhile
    // Channels' bindings: groups the record left hear a delete, groups it joined a create.
    const was = new Set(this.options.groupNames(before));
    const is = new Set(this.options.groupNames(after));
    await Promise.all([
      this.broadcast(
        layer,
        "delete",
        before,
        [...was].filter((group) => !is.has(group)),
      ),
      this.broadcast(
        layer,
        "create",
        after,
        [...is].filter((group) => !was.has(group)),
      ),
      this.broadcast(
        layer,
        "update",
        after,
        [...is].filter((group) => was.has(group)),
      ),
    ]);
    return after;
  }

  private async delete(pk: Pk, layer: ChannelLayer): Promise<StoreRecord> {
    const store = this.storeFor(layer);
    const before = await store.get(pk);
    if (!before || !(await store.delete(pk))) throw notFound(pk);
    await this.broadcast(layer, "delete", before, this.options.groupNames(before));
    return before;
  }

  private async validate(data: RecordData, action: "create" | "update", existing?: StoreRecord): Promise<void> {
    const problem = await this.options.validate?.(data, action, existing);
    if (typeof problem === "string") throw new StreamError("INVALID", problem);
  }

  private async broadcast(layer: ChannelLayer, action: BindingAction, record: StoreRecord, groups: Iterable<string>): Promise<void> {
    const payload = { action, pk: record.id, data: this.serialize(record) };
    await Promise.all([...new Set(groups)].map((group) => sendToStream(layer, group, this.stream, payload)));
  }
}
