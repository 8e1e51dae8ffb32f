/**
 * Leak check: 2,000 sessions of an app with a periodic callback, a timeout and a group
 * subscription are made and destroyed through a real server (most ahead of time, some by
 * autoload with a socket). Afterwards: the heap after GC is back near a warmed-up baseline,
 * every session object has been collected, no timer is left, and the group has no members.
 */
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ColumnDataSource, InMemoryChannelLayer, Slider, column, silentLogger, type Document } from "../../server/index.ts";
import type { ChannelLayer, ChannelMessage, ReceiveOptions } from "../../server/channels/layer.ts";
import { CLOSE_CODES } from "../../server/protocol/index.ts";
import type { Session } from "../../server/session/session.ts";
import { UNLIMITED_BUDGET, startServer } from "../helpers/start-server.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";
import { engineOf } from "../../server/document/document.ts";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const GROUP = "leak-check";
const SESSIONS = 2_000;
const WITH_SOCKETS = 200;
const MARGIN_BYTES = 8 * 1024 * 1024;

/** The in-memory layer, with the memberships and pending receives it holds made countable. */
class CountingLayer implements ChannelLayer {
  readonly inner = new InMemoryChannelLayer();
  readonly members = new Map<string, Set<string>>();
  pendingReceives = 0;

  newChannel(prefix?: string) {
    return this.inner.newChannel(prefix);
  }
  send(channel: string, message: ChannelMessage) {
    return this.inner.send(channel, message);
  }
  async receive(channel: string, options?: ReceiveOptions) {
    this.pendingReceives++;
    try {
      return await this.inner.receive(channel, options);
    } finally {
      this.pendingReceives--;
    }
  }
  async groupAdd(group: string, channel: string) {
    await this.inner.groupAdd(group, channel);
    this.members.set(group, (this.members.get(group) ?? new Set()).add(channel));
  }
  async groupDiscard(group: string, channel: string) {
    await this.inner.groupDiscard(group, channel);
    this.members.get(group)?.delete(channel);
  }
  groupSend(group: string, message: ChannelMessage) {
    return this.inner.groupSend(group, message);
  }
  refreshGroups() {
    return this.inner.refreshGroups();
  }
  async flush() {
    await this.inner.flush();
    this.members.clear();
  }
  stats() {
    return this.inner.stats();
  }
  close() {
    return this.inner.close();
  }
}

let groupMessages = 0;

async function leaky(doc: Document): Promise<void> {
  // 80 KB of the session's own, so that sessions kept alive by mistake would show in the heap.
  const source = new ColumnDataSource({ name: "source", data: { y: new Float64Array(10_000).fill(engineOf(doc).seq) } });
  const slider = new Slider({ name: "slider", end: 10 });
  doc.addRoot(column(slider, source));
  doc.addPeriodicCallback(() => void (slider.value = (slider.value + 1) % 10), 60_000);
  doc.addTimeoutCallback(() => void (slider.value = 5), 120_000);
  await doc.session.subscribe(GROUP, () => void groupMessages++);
}

const timeouts = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

async function collectGarbage(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc();
    // WeakRefs are cleared, and finalizers run, only between turns of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

describe("destroyed sessions leak nothing", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const layer = new CountingLayer();

  beforeAll(async () => {
    server = await startServer({
      apps: { leaky },
      channelLayer: layer,
      logger: silentLogger(),
      maxSessionsPerAddress: SESSIONS,
      ...UNLIMITED_BUDGET,
    });
  });
  afterAll(async () => {
    await server.close();
    await layer.close();
  });

  /** Makes `count` sessions (`withSockets` of them by autoload, each with a socket), checks them, destroys them all. */
  async function cycle(count: number, withSockets: number): Promise<{ refs: WeakRef<Session>[]; timersWhileLive: number }> {
    const { sessions } = server.runtime;
    const live: Session[] = [];
    const clients: TestClient[] = [];
    for (let i = 0; i < count - withSockets; i++) live.push(sessions.get((await server.runtime.createSession("leaky")).sessionId)!);
    for (let i = 0; i < withSockets; i++) {
      const { wsUrl, token } = await createSession(server.appUrls.leaky!);
      const client = await TestClient.connect(wsUrl, token);
      clients.push(client);
      live.push(sessions.get(token.split(".")[0]!)!);
    }
    expect(sessions.size).toBe(count);
    expect(layer.members.get(GROUP)?.size).toBe(count);
    const timersWhileLive = timeouts();
    for (const session of live.slice(count - withSockets)) await sessions.destroy(session, "page closed");
    sessions.destroyUnused(Date.now() + 24 * 3_600_000);
    await expect.poll(() => sessions.size).toBe(0);
    for (const client of clients) expect((await client.closed).code).toBe(CLOSE_CODES.sessionNotFound);
    for (const session of live) {
      expect(session.destroyed).toBe(true);
      expect(session.engine.callbacks.size).toBe(0);
      expect(session.socket).toBeUndefined();
    }
    return { refs: live.map((session) => new WeakRef(session)), timersWhileLive };
  }

  it("reaches a live session's group handler (the probe below can see a member)", async () => {
    const { sessionId } = await server.runtime.createSession("leaky");
    await layer.groupSend(GROUP, { type: "probe" });
    await expect.poll(() => groupMessages).toBe(1);
    await server.runtime.sessions.destroy(server.runtime.sessions.get(sessionId)!, "done");
  });

  it(`releases memory, timers and group memberships of ${SESSIONS} destroyed sessions`, async () => {
    await cycle(200, 20);
    const baselineHeap = await collectGarbage();
    const baselineTimeouts = timeouts();

    const { refs, timersWhileLive } = await cycle(SESSIONS, WITH_SOCKETS);
    expect(timersWhileLive).toBeGreaterThanOrEqual(baselineTimeouts + 2 * SESSIONS);

    // No group membership and no pending receive is left, in the layer itself.
    await expect.poll(() => layer.members.get(GROUP)?.size ?? 0).toBe(0);
    await expect.poll(() => layer.pendingReceives).toBe(0);
    // A probe that joins the group gets a group message, and it is the only receiver.
    const probe = await layer.newChannel("probe");
    await layer.groupAdd(GROUP, probe);
    const delivered = layer.stats().delivered;
    const before = groupMessages;
    await layer.groupSend(GROUP, { type: "probe" });
    expect(await layer.receive(probe)).toEqual({ type: "probe" });
    expect(layer.stats().delivered - delivered).toBe(1);
    expect(groupMessages).toBe(before);
    await layer.groupDiscard(GROUP, probe);

    const heap = await collectGarbage();
    const alive = refs.filter((ref) => ref.deref() !== undefined).length;
    console.log(
      `leak check: heap ${(baselineHeap / 2 ** 20).toFixed(1)} MB → ${(heap / 2 ** 20).toFixed(1)} MB after ${SESSIONS} sessions ` +
        `(${((heap - baselineHeap) / 2 ** 20).toFixed(2)} MB); Timeouts ${baselineTimeouts} → ${timersWhileLive} live → ${timeouts()}; sessions still reachable: ${alive}`,
    );
    expect(alive).toBe(0);
    expect(heap - baselineHeap).toBeLessThan(MARGIN_BYTES);
    expect(timeouts()).toBeLessThanOrEqual(baselineTimeouts);
  }, 60_000);
});
