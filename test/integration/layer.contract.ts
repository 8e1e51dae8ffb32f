import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChannelFull, ChannelLayerClosed } from "../../server/channels/index.ts";
import type { ChannelLayer, ChannelLayerOptions, ChannelMessage } from "../../server/channels/index.ts";
import { describeGroupContract } from "./layer-groups.contract.ts";

export type MakeLayer = (options: ChannelLayerOptions) => ChannelLayer | Promise<ChannelLayer>;

/** What each part of the contract needs: a fake clock and layers that are closed after each test. */
export interface ContractContext {
  clock: { now: number };
  open(options?: ChannelLayerOptions): Promise<ChannelLayer>;
}

/**
 * The conformance suite every ChannelLayer passes (run for memory and for Redis). Time is
 * an injected clock, so expiry is checked without sleeping. Absence of a message is proven
 * with a probe sent through the same path after it (see `expectNothingFor`), never by waiting.
 */
export function describeLayerContract(name: string, makeLayer: MakeLayer): void {
  describe(`${name} satisfies the channel layer contract`, () => {
    const layers: ChannelLayer[] = [];
    const context: ContractContext = {
      clock: { now: 0 },
      async open(options = {}) {
        const layer = await makeLayer({ now: () => context.clock.now, ...options });
        layers.push(layer);
        return layer;
      },
    };
    beforeEach(() => {
      context.clock.now = 1_700_000_000_000;
    });
    afterEach(async () => {
      await Promise.all(layers.splice(0).map((layer) => layer.close()));
    });

    describeChannelContract(context);
    describeValidationContract(context);
    describeGroupContract(context);
  });
}

/**
 * Proves no message is waiting on `channel` now or still on its way: a probe sent to it
 * through a group afterwards (in Redis: behind anything already in flight) must come first.
 */
export async function expectNothingFor(layer: ChannelLayer, channel: string): Promise<void> {
  const probe = `probe-${randomBytes(4).toString("hex")}`;
  await layer.groupAdd(probe, channel);
  await layer.groupSend(probe, { type: "test.probe" });
  await layer.groupDiscard(probe, channel);
  expect(await layer.receive(channel)).toEqual({ type: "test.probe" });
}

const message = (type: string, extra: Record<string, number> = {}): ChannelMessage => ({ type, ...extra });

function describeChannelContract({ clock, open }: ContractContext): void {
  describe("channels", () => {
    it("makes distinct, valid specific channel names with an optional prefix", async () => {
      const layer = await open();
      const [a, b, chat] = await Promise.all([layer.newChannel(), layer.newChannel(), layer.newChannel("chat")]);
      expect(a).toMatch(/^specific\.[\w.-]+![\w.-]+$/);
      expect(a).not.toBe(b);
      expect(chat.startsWith("chat.")).toBe(true);
      await layer.send(chat, message("x"));
      expect(await layer.receive(chat)).toEqual(message("x"));
    });

    it.each(["specific", "plain"])("receives in send order on a %s channel", async (kind) => {
      const layer = await open();
      const channel = kind === "plain" ? "worker.tasks" : await layer.newChannel();
      for (const n of [1, 2, 3]) await layer.send(channel, message("t", { n }));
      const got = [await layer.receive(channel), await layer.receive(channel), await layer.receive(channel)];
      expect(got.map((m) => m.n)).toEqual([1, 2, 3]);
    });

    it.each(["specific", "plain"])("makes a receive wait for a later send on a %s channel", async (kind) => {
      const layer = await open();
      const channel = kind === "plain" ? "worker.later" : await layer.newChannel();
      let settled = false;
      const pending = layer.receive(channel).finally(() => (settled = true));
      await new Promise(setImmediate);
      expect(settled).toBe(false);
      await layer.send(channel, message("late"));
      expect(await pending).toEqual(message("late"));
    });

    it.each(["specific", "plain"])("gives concurrent receivers on a %s channel one distinct message each", async (kind) => {
      const layer = await open();
      const channel = kind === "plain" ? "worker.pool" : await layer.newChannel();
      const receivers = [layer.receive(channel), layer.receive(channel), layer.receive(channel)];
      for (const n of [1, 2, 3]) await layer.send(channel, message("t", { n }));
      const got = await Promise.all(receivers);
      expect(got.map((m) => m.n)).toEqual([1, 2, 3]);
    });

    it.each(["specific", "plain"])("rejects an aborted receive on a %s channel and keeps the message for the next", async (kind) => {
      const layer = await open();
      const channel = kind === "plain" ? "worker.abort" : await layer.newChannel();
      const controller = new AbortController();
      const aborted = layer.receive(channel, { signal: controller.signal });
      controller.abort();
      await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
      await layer.send(channel, message("kept"));
      expect(await layer.receive(channel)).toEqual(message("kept"));
    });

    it("keeps channels apart", async () => {
      const layer = await open();
      const [a, b] = [await layer.newChannel(), await layer.newChannel()];
      await layer.send(a, message("for-a"));
      await expectNothingFor(layer, b);
      expect(await layer.receive(a)).toEqual(message("for-a"));
    });

    it.each(["specific", "plain"])("throws ChannelFull when a %s channel holds its capacity", async (kind) => {
      const layer = await open({ capacity: 2 });
      const channel = kind === "plain" ? "worker.full" : await layer.newChannel();
      await layer.send(channel, message("1"));
      await layer.send(channel, message("2"));
      const full = layer.send(channel, message("3"));
      await expect(full).rejects.toBeInstanceOf(ChannelFull);
      await expect(full).rejects.toMatchObject({ code: "LAYER_FULL", channel, message: expect.stringContaining(channel) });
      expect(await layer.receive(channel)).toEqual(message("1"));
      await layer.send(channel, message("3"));
      expect([await layer.receive(channel), await layer.receive(channel)]).toEqual([message("2"), message("3")]);
    });

    it("applies channelCapacity patterns before the default capacity", async () => {
      const layer = await open({ capacity: 3, channelCapacity: { "tiny.*": 1 } });
      const [tiny, normal] = [await layer.newChannel("tiny"), await layer.newChannel()];
      await layer.send(tiny, message("1"));
      await expect(layer.send(tiny, message("2"))).rejects.toBeInstanceOf(ChannelFull);
      for (const n of [1, 2, 3]) await layer.send(normal, message("t", { n }));
    });

    it.each(["specific", "plain"])("discards %s messages older than expiry and counts them", async (kind) => {
      const layer = await open({ expiry: 1, capacity: 1 });
      const channel = kind === "plain" ? "worker.stale" : await layer.newChannel();
      await layer.send(channel, message("stale"));
      clock.now += 1000;
      await layer.send(channel, message("fresh")); // the stale one no longer takes the only slot
      expect(await layer.receive(channel)).toEqual(message("fresh"));
      expect(layer.stats()).toMatchObject({ expired: 1, delivered: 1 });
    });

    it("delivers copies, never the sender's object", async () => {
      const layer = await open();
      const channel = await layer.newChannel();
      const sent = { type: "t", data: { n: 1 }, list: [1, 2] };
      await layer.send(channel, sent);
      sent.data.n = 2;
      const got = await layer.receive(channel);
      expect(got).toEqual({ type: "t", data: { n: 1 }, list: [1, 2] });
      expect(got).not.toBe(sent);
    });

    it("flush() deletes queued messages and memberships, and the layer serves on", async () => {
      const layer = await open();
      const [specific, plain] = [await layer.newChannel(), "worker.flushed"];
      for (const channel of [specific, plain]) {
        await layer.send(channel, message("before"));
        await layer.groupAdd("room", channel);
      }
      await layer.flush();
      await layer.groupSend("room", message("to nobody"));
      for (const channel of [specific, plain]) await expectNothingFor(layer, channel);
      await layer.send(specific, message("after"));
      expect(await layer.receive(specific)).toEqual(message("after"));
      expect(layer.stats().droppedFull).toBe(0);
    });

    it("flush() keeps a pending receive waiting for the next message", async () => {
      const layer = await open();
      const channel = await layer.newChannel();
      const pending = layer.receive(channel);
      await layer.flush();
      await layer.send(channel, message("after"));
      expect(await pending).toEqual(message("after"));
    });

    it("rejects pending and later calls once closed", async () => {
      const layer = await open();
      const channel = await layer.newChannel();
      const pending = layer.receive(channel);
      const outcome = Promise.allSettled([pending]);
      await layer.close();
      expect((await outcome)[0]).toMatchObject({ status: "rejected", reason: expect.any(ChannelLayerClosed) });
      await expect(layer.send(channel, message("late"))).rejects.toMatchObject({ code: "LAYER_CLOSED" });
      await layer.close();
    });
  });
}

const BAD_NAMES: unknown[] = ["", "has space", "new\nline", "ünïcode", "semi;colon", "x".repeat(100), "a!b!c", 42, null];
const BAD_MESSAGES: Array<[string, unknown]> = [
  ["null", null],
  ["a string", "hello"],
  ["an array", [{ type: "x" }]],
  ["no type", { text: "hi" }],
  ["a numeric type", { type: 3 }],
  ["an empty type", { type: "" }],
  ["a Date", { type: "x", when: new Date(0) }],
  ["undefined", { type: "x", nested: { value: undefined } }],
  ["NaN", { type: "x", list: [1, Number.NaN] }],
  ["a function", { type: "x", f: () => 1 }],
  ["a Map", { type: "x", m: new Map() }],
];

function describeValidationContract({ open }: ContractContext): void {
  describe("validation", () => {
    it.each(BAD_NAMES.map((name) => [JSON.stringify(name)?.slice(0, 20), name]))(
      "refuses the channel name %s in every call, naming it",
      async (_label, bad) => {
        const layer = await open();
        const name = bad as string;
        const expected = { name: "InvalidChannelName", code: "LAYER_BAD_NAME" };
        const shown = typeof bad === "string" ? JSON.stringify(bad) : String(bad);
        const send = layer.send(name, message("x"));
        await expect(send).rejects.toBeInstanceOf(TypeError);
        await expect(send).rejects.toMatchObject({ ...expected, message: expect.stringContaining(shown) });
        await expect(layer.receive(name)).rejects.toMatchObject(expected);
        await expect(layer.groupAdd("ok", name)).rejects.toMatchObject(expected);
        await expect(layer.groupDiscard("ok", name)).rejects.toMatchObject(expected);
        await expect(layer.groupAdd(name, "ok")).rejects.toMatchObject(expected);
        await expect(layer.groupSend(name, message("x"))).rejects.toMatchObject(expected);
      },
    );

    it('refuses a group name with a "!" and accepts 99-character names', async () => {
      const layer = await open();
      await expect(layer.groupAdd("group!x", "ok")).rejects.toMatchObject({ code: "LAYER_BAD_NAME" });
      const longest = "x".repeat(99);
      await layer.groupAdd(longest, longest);
      await layer.groupSend(longest, message("long"));
      expect(await layer.receive(longest)).toEqual(message("long"));
    });

    it.each(BAD_MESSAGES)("refuses a message with %s in send and groupSend", async (_label, bad) => {
      const layer = await open();
      const channel = await layer.newChannel();
      const expected = { name: "InvalidChannelMessage", code: "LAYER_BAD_MESSAGE" };
      await expect(layer.send(channel, bad as ChannelMessage)).rejects.toBeInstanceOf(TypeError);
      await expect(layer.send(channel, bad as ChannelMessage)).rejects.toMatchObject(expected);
      await expect(layer.groupSend("g", bad as ChannelMessage)).rejects.toMatchObject(expected);
      await expectNothingFor(layer, channel);
    });
  });
}
