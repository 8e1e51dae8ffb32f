/**
 * A `BindingStore` in Redis, so every process of a deployment sees the same records and hands
 * out distinct ids (a `MemoryStore` per process answered NOT_FOUND for a record made through
 * another process, and each process started at id 1). A record is a hash of field → JSON
 * value, `<key>:record:<id>`; ids come from one counter, `<key>:next`; `<key>:ids` lists them.
 * Merging an update is one script, so two processes updating one record never lose a field.
 */
import type { Redis } from "ioredis";
import type { Json } from "../protocol/json.ts";
import type { BindingStore, Pk, RecordData, StoreRecord } from "./binding.ts";

// KEYS: counter, record prefix, ids; ARGV: field/JSON pairs → the new id.
const CREATE = `
local id = redis.call('INCR', KEYS[1])
if #ARGV > 0 then redis.call('HSET', KEYS[2] .. id, unpack(ARGV)) end
redis.call('SADD', KEYS[3], id)
return id
`;
// KEYS: the record, ids; ARGV: id, then field/JSON pairs → the merged record's pairs, or false.
const UPDATE = `
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 then return false end
if #ARGV > 1 then redis.call('HSET', KEYS[1], unpack(ARGV, 2)) end
return redis.call('HGETALL', KEYS[1])
`;
// KEYS: the record, ids; ARGV: id → 1 if it existed.
const DELETE = `
local existed = redis.call('SREM', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[1])
return existed
`;

function pairs(data: RecordData): string[] {
  return Object.entries(data).flatMap(([field, value]) => [field, JSON.stringify(value)]);
}

function recordOf(id: number, flat: string[]): StoreRecord {
  const record: Record<string, Json> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]!] = JSON.parse(flat[i + 1]!) as Json;
  return { ...record, id };
}

export class RedisStore implements BindingStore {
  readonly #client: Redis;
  readonly #key: string;

  /** `key`: the store's key prefix, e.g. `"aperture-bindings:messages"`. */
  constructor(options: { client: Redis; key: string }) {
    this.#client = options.client;
    this.#key = options.key;
  }

  async create(data: RecordData): Promise<StoreRecord> {
    const keys = [`${this.#key}:next`, `${this.#key}:record:`, `${this.#key}:ids`];
    const id = Number(await this.#client.eval(CREATE, 3, ...keys, ...pairs(data)));
    return { ...structuredClone(data), id };
  }

  async get(id: Pk): Promise<StoreRecord | undefined> {
    if (!Number.isSafeInteger(id)) return undefined; // ids are integers; "1" is not 1, as in MemoryStore
    if ((await this.#client.sismember(`${this.#key}:ids`, String(id))) === 0) return undefined;
    return recordOf(id as number, flatten(await this.#client.hgetall(this.#record(id))));
  }

  async update(id: Pk, data: RecordData): Promise<StoreRecord | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const reply = await this.#client.eval(UPDATE, 2, this.#record(id), `${this.#key}:ids`, String(id), ...pairs(data));
    return Array.isArray(reply) ? recordOf(id as number, reply as string[]) : undefined;
  }

  async delete(id: Pk): Promise<boolean> {
    if (!Number.isSafeInteger(id)) return false;
    return Number(await this.#client.eval(DELETE, 2, this.#record(id), `${this.#key}:ids`, String(id))) === 1;
  }

  async list(): Promise<StoreRecord[]> {
    const ids = (await this.#client.smembers(`${this.#key}:ids`)).map(Number).sort((a, b) => a - b);
    const records = await Promise.all(ids.map(async (id) => [id, await this.#client.hgetall(this.#record(id))] as const));
    return records.map(([id, fields]) => recordOf(id, flatten(fields)));
  }

  #record(id: Pk): string {
    return `${this.#key}:record:${id}`;
  }
}

function flatten(fields: Record<string, string>): string[] {
  return Object.entries(fields).flat();
}
