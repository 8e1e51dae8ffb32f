/**
 * Issue 11, item 6: delivery through a Redis outage is visible. A real redis-server is
 * killed and started again by handle; while it is down every send is refused (or, when
 * fire-and-forget, counted as lost), and every send that resolved reached every member.
 */
import { randomBytes } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChannelLayerUnavailable, RedisChannelLayer } from "../../server/channels/index.ts";
import type { ChannelMessage } from "../../server/channels/index.ts";
import { startRedis } from "../helpers/redis-server.ts";
import type { RedisServer } from "../helpers/redis-server.ts";

let redis: RedisServer;
const layers: RedisChannelLayer[] = [];
const errors: string[] = [];

beforeEach(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await Promise.all(layers.splice(0).map((layer) => layer.close()));
  await redis.stop();
  errors.length = 0;
});

function open(prefix: string): RedisChannelLayer {
  const layer = new RedisChannelLayer({
    hosts: redis.url,
    prefix,
    refreshInterval: 3600,
    onError: (error) => errors.push(error.message),
    // Reconnect quickly: the test waits on the state, this only shortens the wait.
    redisOptions: { retryStrategy: () => 20 },
  });
  layers.push(layer);
  return layer;
}

/** Polls a condition with a deadline; not a fixed sleep. */
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(10);
  }
}

/** Everything a channel receives, in order. */
function collect(layer: RedisChannelLayer, channel: string): ChannelMessage[] {
  const got: ChannelMessage[] = [];
  const loop = async (): Promise<void> => {
    for (;;) got.push(await layer.receive(channel));
  };
  loop().catch(() => undefined); // ends with ChannelLayerClosed
  return got;
}

describe("RedisChannelLayer during an outage", () => {
  it("refuses every groupSend while Redis is down, and delivers every one that resolved to every member", async () => {
    const prefix = `outage${randomBytes(4).toString("hex")}`;
    const [a, b] = [open(prefix), open(prefix)];
    const [onA, onB] = [await a.newChannel(), await b.newChannel()];
    await a.groupAdd("feed", onA);
    await b.groupAdd("feed", onB);
    const [gotA, gotB] = [collect(a, onA), collect(b, onB)];
    const resolved: number[] = [];
    const send = async (n: number): Promise<boolean> => {
      try {
        await a.groupSend("feed", { type: "tick", n });
        resolved.push(n);
        return true;
      } catch (error) {
        if (!(error instanceof ChannelLayerUnavailable)) throw error;
        return false;
      }
    };
    for (let n = 0; n < 5; n++) expect(await send(n)).toBe(true);

    await redis.kill();
    await until(() => errors.length >= 2, "the layers to notice the outage");
    const during = await Promise.all(Array.from({ length: 65 }, (_, i) => send(100 + i)));
    expect(during.every((ok) => !ok)).toBe(true);
    expect(a.stats().unavailable).toBe(65);

    await redis.start();
    let n = 1000;
    await until(() => send(n++), "a groupSend to succeed after the restart");
    await until(() => errors.filter((e) => e.includes("came back empty")).length === 2, "both layers to restore");
    for (let i = 0; i < 5; i++) expect(await send(2000 + i)).toBe(true);
    const last = 2004;
    await until(() => gotA.at(-1)?.n === last && gotB.at(-1)?.n === last, "the last message to reach both members");
    // b restores its membership on its own reconnect: until then a's messages did not reach it,
    // which b's log says. Everything sent after both came back reached both.
    const afterBoth = resolved.filter((value) => value >= 2000);
    expect(gotA.map((m) => m.n)).toEqual(resolved);
    expect(gotB.map((m) => m.n).filter((value) => Number(value) >= 2000)).toEqual(afterBoth);
    expect(gotB.map((m) => m.n).slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
  });

  it("counts fire-and-forget messages it could not send as lost instead of rejecting", async () => {
    const layer = open(`lost${randomBytes(4).toString("hex")}`);
    const channel = await layer.newChannel();
    await layer.groupAdd("feed", channel);
    await redis.kill();
    await until(() => errors.length >= 1, "the layer to notice the outage");
    for (let i = 0; i < 10; i++) await layer.groupSend("feed", { type: "tick" }, { fireAndForget: true });
    await layer.send("worker.jobs", { type: "job" }, { fireAndForget: true });
    expect(layer.stats()).toMatchObject({ lost: 11, unavailable: 11 });
    await expect(layer.send("worker.jobs", { type: "job" })).rejects.toMatchObject({ code: "LAYER_UNAVAILABLE" });
  });
});
