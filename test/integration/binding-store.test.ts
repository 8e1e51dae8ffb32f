/**
 * Issue 11, item 8: a Binding's records are shared like its channel layer. The store contract
 * runs against MemoryStore and RedisStore (a real redis-server); with a RedisChannelLayer, two
 * processes' bindings see each other's records and hand out distinct ids.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Binding, MemoryStore, RedisChannelLayer, RedisStore, type BindingStore } from "../../server/index.ts";
import { startRedis, type RedisServer } from "../helpers/redis-server.ts";

let redis: RedisServer;
let client: Redis;
beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
});
afterAll(async () => {
  client.disconnect();
  await redis.stop();
});

function describeStoreContract(name: string, makeStore: () => BindingStore): void {
  describe(`${name} satisfies the binding store contract`, () => {
    it("creates records with distinct integer ids and gets them back", async () => {
      const store = makeStore();
      const [a, b] = [await store.create({ message: "a", tags: ["x"] }), await store.create({ message: "b", tags: [] })];
      expect(a.id).not.toBe(b.id);
      expect(await store.get(a.id)).toEqual({ message: "a", tags: ["x"], id: a.id });
      expect(await store.get(b.id)).toEqual({ message: "b", tags: [], id: b.id });
    });

    it("merges an update into the record and keeps its id", async () => {
      const store = makeStore();
      const { id } = await store.create({ message: "a", room: "1" });
      expect(await store.update(id, { message: "b", id: 99 })).toEqual({ message: "b", room: "1", id });
      expect(await store.get(id)).toEqual({ message: "b", room: "1", id });
    });

    it("answers undefined or false for a record that is not there, comparing pks strictly", async () => {
      const store = makeStore();
      const { id } = await store.create({ message: "a" });
      expect(await store.get(String(id))).toBeUndefined();
      expect(await store.update(123_456, { message: "x" })).toBeUndefined();
      expect(await store.delete(123_456)).toBe(false);
      expect(await store.delete(id)).toBe(true);
      expect(await store.get(id)).toBeUndefined();
      expect(await store.update(id, { message: "x" })).toBeUndefined();
    });

    it("lists every record in id order", async () => {
      const store = makeStore();
      const made = [await store.create({ n: 1 }), await store.create({ n: 2 }), await store.create({ n: 3 })];
      await store.delete(made[1]!.id);
      expect(await store.list()).toEqual([made[0], made[2]]);
    });
  });
}

describeStoreContract("MemoryStore", () => new MemoryStore());
describeStoreContract("RedisStore", () => new RedisStore({ client, key: `store${randomBytes(4).toString("hex")}` }));

describe("a Binding with a RedisChannelLayer", () => {
  it("shares its records across processes: an update through the other one finds the record, and ids differ", async () => {
    const prefix = `bind${randomBytes(4).toString("hex")}`;
    const [a, b] = [new RedisChannelLayer({ hosts: redis.url, prefix }), new RedisChannelLayer({ hosts: redis.url, prefix })];
    // One Binding object per process, as each process loads the app module itself.
    const options = { stream: "messages", fields: ["message"], groupNames: () => ["room-1"] };
    const [onA, onB] = [new Binding(options), new Binding(options)];
    const first = await onA.apply({ action: "create", data: { message: "from a" } }, a);
    const second = await onB.apply({ action: "create", data: { message: "from b" } }, b);
    expect(second.id).not.toBe(first.id);
    expect(await onB.apply({ action: "update", pk: first.id, data: { message: "edited on b" } }, b)).toEqual({
      message: "edited on b",
      id: first.id,
    });
    expect(await onA.storeFor(a).get(first.id)).toEqual({ message: "edited on b", id: first.id });
    await a.flush(); // the layer's messages and groups, not the records
    expect(await onA.storeFor(a).list()).toHaveLength(2);
    await Promise.all([a.close(), b.close()]);
  });
});
