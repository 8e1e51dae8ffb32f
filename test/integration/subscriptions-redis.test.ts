/**
 * Issue 10, item 6: with Redis, a `{"groups"}` swap costs what changed, in Redis commands: the
 * joins go out as one batch and the leaves as another, counted with MONITOR on a real server.
 */
import { setTimeout as delay } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriptionConsumer } from "../../server/index.ts";
import { openJson } from "../helpers/json-socket.ts";
import { startRedis, type RedisServer } from "../helpers/redis-server.ts";
import { startServer } from "../helpers/start-server.ts";

let redis: RedisServer;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  redis = await startRedis();
  server = await startServer({ apps: {}, redisUrl: redis.url, websockets: { "/websocket/": subscriptionConsumer({ tokens: ["t"] }) } });
});
afterAll(async () => {
  await server.close();
  await redis.stop();
});

/** Runs `action` and returns the commands clients sent Redis meanwhile (not those scripts ran). */
async function commandsDuring(action: () => Promise<unknown>): Promise<string[]> {
  const admin = new Redis(redis.url);
  const monitor = await admin.monitor();
  const seen: string[] = [];
  monitor.on("monitor", (_time: string, args: string[], source: string) => {
    if (source !== "lua") seen.push(args.join(" ").slice(0, 60));
  });
  const marker = `marker-${Date.now()}`;
  await action();
  await admin.echo(marker);
  const deadline = Date.now() + 10_000;
  while (!seen.some((line) => line.includes(marker))) {
    if (Date.now() > deadline) throw new Error("MONITOR never showed the marker");
    await delay(10);
  }
  monitor.disconnect();
  admin.disconnect();
  return seen.filter((line) => !line.includes(marker) && !line.startsWith("monitor"));
}

const events = (from: number) => Array.from({ length: 100 }, (_, i) => `event_${from + i}`);

describe("a subscription swap through Redis", () => {
  it("costs one command for its joins and one for its leaves, not three per group", async () => {
    const client = await openJson(`${server.url.replace(/^http/, "ws")}/websocket/?token=t`);
    client.send({ groups: { jobs: events(0) } });
    await client.next();
    const swap = { groups: { jobs: events(100_000) } };
    expect(JSON.stringify(swap).length).toBeGreaterThan(1000); // about the 1.4 KB
    let reply: unknown;
    const commands = await commandsDuring(async () => {
      client.send(swap);
      reply = await client.next();
    });
    expect(reply).toMatchObject({ groups_joined: expect.any(Array), groups_left: expect.any(Array) });
    expect((reply as { groups_joined: unknown[] }).groups_joined).toHaveLength(100);
    expect(commands.length, `commands: ${commands.length}\n${commands.slice(0, 5).join("\n")}`).toBeLessThanOrEqual(2);
    client.socket.close();
  });
});
