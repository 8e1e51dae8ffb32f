import { randomBytes } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ChannelFull, RedisChannelLayer } from "../../server/channels/index.ts";
import type { RedisChannelLayerOptions } from "../../server/channels/index.ts";
import { startRedis } from "../helpers/redis-server.ts";
import type { RedisServer } from "../helpers/redis-server.ts";
import { describeLayerContract, expectNothingFor } from "./layer.contract.ts";

let server: RedisServer;
let admin: Redis;
beforeAll(async () => {
  server = await startRedis();
  admin = new Redis(server.url, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});

const errors: Error[] = [];
const layers: RedisChannelLayer[] = [];
/** Every layer gets its own key prefix unless a test shares one between "processes". */
function open(options: RedisChannelLayerOptions = {}): RedisChannelLayer {
  const layer = new RedisChannelLayer({
    hosts: server.url,
    prefix: `t${randomBytes(4).toString("hex")}`,
    refreshInterval: 3600, // tests call refreshGroups() themselves
    onError: (error) => errors.push(error),
    ...options,
  });
  layers.push(layer);
  return layer;
}
afterEach(async () => {
  await Promise.all(layers.splice(0).map((layer) => layer.close()));
  errors.length = 0;
});

/** Polls a condition (Redis state seen by another client) with a deadline; not a fixed sleep. */
async function until<T>(read: () => Promise<T> | T, accept: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value ${JSON.stringify(value)}`);
    await delay(10);
  }
}

describeLayerContract("RedisChannelLayer", (options) => open(options));

describe("RedisChannelLayer across processes", () => {
  it("crosses Redis once per process for a group message, whatever the number of members", async () => {
    const prefix = `shared${randomBytes(4).toString("hex")}`;
    const [a, b] = [open({ prefix }), open({ prefix })];
    const onA = await Promise.all(Array.from({ length: 20 }, () => a.newChannel()));
    const onB = await Promise.all(Array.from({ length: 30 }, () => b.newChannel()));
    for (const channel of onA) await a.groupAdd("all", channel);
    for (const channel of onB) await b.groupAdd("all", channel);
    const received = Promise.all([...onA.map((c) => a.receive(c)), ...onB.map((c) => b.receive(c))]);
    await admin.config("RESETSTAT");
    await a.groupSend("all", { type: "news", n: 1 });
    expect((await received).every((m) => m.n === 1)).toBe(true);
    const stats = await admin.info("commandstats");
    // One inbox item for the other process, not 30; the sender's own 20 are served in memory.
    expect(stats).toMatch(/cmdstat_rpush:calls=1,/);
  });

  it("sends to another process's channel, and refuses receiving on it", async () => {
    const prefix = `shared${randomBytes(4).toString("hex")}`;
    const [a, b] = [open({ prefix }), open({ prefix })];
    const channel = await b.newChannel();
    await a.send(channel, { type: "direct" });
    expect(await b.receive(channel)).toEqual({ type: "direct" });
    await expect(a.receive(channel)).rejects.toThrow(/another layer instance/);
  });

  it("shares a plain channel between processes as a work queue", async () => {
    const prefix = `shared${randomBytes(4).toString("hex")}`;
    const [a, b] = [open({ prefix }), open({ prefix })];
    const jobs = [a.receive("jobs"), b.receive("jobs"), a.receive("jobs")];
    for (const n of [1, 2, 3]) await a.send("jobs", { type: "job", n });
    const got = await Promise.all(jobs);
    expect(got.map((m) => m.n).sort()).toEqual([1, 2, 3]);
  });

  it("counts a copy dropped by the receiving process when its channel is full", async () => {
    const prefix = `shared${randomBytes(4).toString("hex")}`;
    const [a, b] = [open({ prefix }), open({ prefix, capacity: 1 })];
    const [full, witness] = [await b.newChannel(), await b.newChannel()];
    await b.groupAdd("room", full);
    await a.groupSend("room", { type: "first" }); // fills `full`
    await b.groupAdd("room", witness);
    await a.groupSend("room", { type: "second" });
    expect(await b.receive(witness)).toEqual({ type: "second" }); // the same item reached `full` first
    expect(b.stats().droppedFull).toBe(1);
    expect(await b.receive(full)).toEqual({ type: "first" });
  });

  it("fails a send and counts group drops when a process's inbox in Redis is full", async () => {
    const layer = open({ inboxCapacity: 2 });
    const deadProcess = "specific.0123456789abcdef!gone"; // a layer that stopped reading
    await layer.groupAdd("room", deadProcess);
    await layer.groupSend("room", { type: "1" });
    await layer.send(deadProcess, { type: "2" });
    await expect(layer.send(deadProcess, { type: "3" })).rejects.toBeInstanceOf(ChannelFull);
    await layer.groupSend("room", { type: "4" });
    expect(layer.stats().droppedFull).toBe(1);
  });
});

describe("RedisChannelLayer flush", () => {
  it("deletes every key of its prefix, and only those", async () => {
    const prefix = `flush${randomBytes(4).toString("hex")}`;
    const [layer, neighbour] = [open({ prefix }), open()];
    const channel = await layer.newChannel();
    await layer.groupAdd("room", channel);
    await layer.send("worker.jobs", { type: "job" });
    await neighbour.send("worker.jobs", { type: "job" });
    await layer.refreshGroups(); // writes the marker key too
    expect((await admin.keys(`${prefix}:*`)).length).toBeGreaterThan(0);
    await layer.flush();
    expect(await admin.keys(`${prefix}:*`)).toEqual([]);
    expect(await neighbour.receive("worker.jobs")).toEqual({ type: "job" });
  });
});

describe("RedisChannelLayer keeps groups alive", () => {
  it("renews live memberships on its own timer", async () => {
    const clock = { now: 1_700_000_000_000 };
    const prefix = `timer${randomBytes(4).toString("hex")}`;
    const layer = open({ prefix, now: () => clock.now, groupExpiry: 1, refreshInterval: 0.01 });
    const channel = await layer.newChannel();
    await layer.groupAdd("room", channel);
    const pending = layer.receive(channel);
    clock.now += 5000;
    const renewed = (score: string | null): boolean => Number(score) === clock.now;
    await until(() => admin.zscore(`${prefix}:group:room`, channel), renewed, "a renewed stamp");
    await layer.groupSend("room", { type: "still alive" });
    expect(await pending).toEqual({ type: "still alive" });
  });
});

describe("RedisChannelLayer across a Redis restart", () => {
  it("restores memberships and delivers again after redis-server is killed and restarted", async () => {
    const prefix = `restart${randomBytes(4).toString("hex")}`;
    const [a, b] = [open({ prefix }), open({ prefix })];
    const [local, remote] = [await a.newChannel(), await b.newChannel()];
    await a.groupAdd("room", local);
    await b.groupAdd("room", remote);
    const pending = [a.receive(local), b.receive(remote), b.receive("jobs")];

    await server.restart();
    await until(
      () => admin.zcard(`${prefix}:group:room`).catch(() => 0),
      (n) => n === 2,
      "memberships restored",
    );

    await a.groupSend("room", { type: "after restart" });
    await a.send("jobs", { type: "job after restart" });
    const [gotLocal, gotRemote, gotJob] = await Promise.all(pending);
    expect([gotLocal, gotRemote]).toEqual([{ type: "after restart" }, { type: "after restart" }]);
    expect(gotJob).toEqual({ type: "job after restart" });
    expect(errors.length).toBeGreaterThan(0); // the outage was reported, not swallowed
    await expectNothingFor(b, remote);
  });
});

describe("RedisChannelLayer closing during an outage", () => {
  it("settles pending receives instead of hanging, and refuses sends at once", async () => {
    const lonely = await startRedis();
    const layer = open({ hosts: lonely.url });
    const channel = await layer.newChannel();
    await layer.groupAdd("room", channel);
    const pending = layer.receive(channel);
    await lonely.stop();
    await until(
      () => errors.length,
      (n) => n >= 2,
      "both connections to notice the outage",
    );
    const refused = layer.groupSend("room", { type: "into the void" });
    const outcomes = Promise.allSettled([pending, refused]);
    await layer.close();
    const [received, sent] = await outcomes;
    expect(received).toMatchObject({ status: "rejected", reason: { code: "LAYER_CLOSED" } });
    expect(sent).toMatchObject({ status: "rejected", reason: { code: "LAYER_UNAVAILABLE" } });
  });
});

describe("RedisChannelLayer over several hosts", () => {
  let second: RedisServer;
  beforeAll(async () => {
    second = await startRedis();
  });
  afterAll(async () => {
    await second.stop();
  });

  it("shards groups and channels over the hosts and delivers across them", async () => {
    const prefix = `shard${randomBytes(4).toString("hex")}`;
    const hosts = [server.url, second.url];
    const [a, b] = [open({ prefix, hosts }), open({ prefix, hosts })];
    const groups = Array.from({ length: 8 }, (_, i) => `g${i}`);
    const channel = await b.newChannel();
    for (const group of groups) await b.groupAdd(group, channel);
    for (const group of groups) await a.groupSend(group, { type: group });
    for (const group of groups) expect(await b.receive(channel)).toEqual({ type: group });
    const counts = await Promise.all(
      hosts.map(async (url) => {
        const client = new Redis(url);
        const keys = await client.keys(`${prefix}:group:*`);
        client.disconnect();
        return keys.length;
      }),
    );
    expect(counts.every((n) => n > 0) && counts[0]! + counts[1]! === groups.length).toBe(true);
    const jobs = b.receive("jobs");
    await a.send("jobs", { type: "job" });
    expect(await jobs).toEqual({ type: "job" });
  });
});
