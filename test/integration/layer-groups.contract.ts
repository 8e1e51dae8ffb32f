import { describe, expect, it } from "vitest";
import type { ChannelMessage } from "../../server/channels/index.ts";
import { expectNothingFor } from "./layer.contract.ts";
import type { ContractContext } from "./layer.contract.ts";

const message = (type: string, extra: Record<string, number> = {}): ChannelMessage => ({ type, ...extra });

/** Groups part of `describeLayerContract`: fan-out, capacity drops, expiry and renewal of memberships. */
export function describeGroupContract({ clock, open }: ContractContext): void {
  describe("groups", () => {
    it("sends one copy to every member, specific or plain", async () => {
      const layer = await open();
      const members = [await layer.newChannel(), await layer.newChannel(), "worker.audit"];
      for (const channel of members) await layer.groupAdd("room", channel);
      await layer.groupAdd("room", members[0]!); // adding again does not make a second membership
      await layer.groupSend("room", message("hello"));
      for (const channel of members) expect(await layer.receive(channel)).toEqual(message("hello"));
      for (const channel of members) await expectNothingFor(layer, channel);
      expect(layer.stats()).toMatchObject({ droppedFull: 0, groupExpired: 0 });
    });

    it("stops sending to a discarded member and ignores unknown groups", async () => {
      const layer = await open();
      const [kept, gone] = [await layer.newChannel(), await layer.newChannel()];
      await layer.groupAdd("room", kept);
      await layer.groupAdd("room", gone);
      await layer.groupDiscard("room", gone);
      await layer.groupDiscard("room", "never.added");
      await layer.groupDiscard("nobody", kept);
      await layer.groupSend("room", message("after"));
      await layer.groupSend("empty", message("to nobody"));
      expect(await layer.receive(kept)).toEqual(message("after"));
      await expectNothingFor(layer, gone);
    });

    it("sees memberships written just before a groupSend, even unawaited, and discards too", async () => {
      const layer = await open();
      const channels = await Promise.all(Array.from({ length: 5 }, () => layer.newChannel()));
      const joins = channels.map((channel) => layer.groupAdd("burst", channel));
      const leave = layer.groupDiscard("burst", channels[4]!);
      await layer.groupSend("burst", message("now"));
      await Promise.all([...joins, leave]);
      for (const channel of channels.slice(0, 4)) expect(await layer.receive(channel)).toEqual(message("now"));
      await expectNothingFor(layer, channels[4]!);
    });

    it("gives each member its own copy", async () => {
      const layer = await open();
      const [a, b] = [await layer.newChannel(), await layer.newChannel()];
      await layer.groupAdd("room", a);
      await layer.groupAdd("room", b);
      await layer.groupSend("room", { type: "t", data: { n: 1 } });
      const [got, other] = [await layer.receive(a), await layer.receive(b)];
      expect(got).not.toBe(other);
      (got.data as { n: number }).n = 2;
      expect(other).toEqual({ type: "t", data: { n: 1 } });
    });

    it.each(["specific", "plain"])("skips a full %s member, counts the drop and still serves the others", async (kind) => {
      const layer = await open({ capacity: 2 });
      const full = kind === "plain" ? "worker.busy" : await layer.newChannel();
      const free = await layer.newChannel();
      await layer.send(full, message("1"));
      await layer.send(full, message("2"));
      await layer.groupAdd("room", full);
      await layer.groupAdd("room", free);
      await layer.groupSend("room", message("group"));
      expect(await layer.receive(free)).toEqual(message("group")); // Redis: the whole fan-out is done by now
      expect(layer.stats().droppedFull).toBe(1);
      expect([await layer.receive(full), await layer.receive(full)]).toEqual([message("1"), message("2")]);
      await expectNothingFor(layer, full);
    });

    it("checks a member's capacity when groupSend runs: a capacity-3 channel gets 3 of 4 messages sent before any receive", async () => {
      const layer = await open({ capacity: 3 });
      const channel = await layer.newChannel();
      await layer.groupAdd("room", channel);
      for (const n of [1, 2, 3, 4]) await layer.groupSend("room", message("m", { n }));
      expect(layer.stats().droppedFull).toBe(1);
      const got = [await layer.receive(channel), await layer.receive(channel), await layer.receive(channel)];
      expect(got.map((m) => m.n)).toEqual([1, 2, 3]);
      await expectNothingFor(layer, channel);
    });

    it("expires a membership nobody renewed within groupExpiry, and counts it", async () => {
      const layer = await open({ groupExpiry: 1 });
      const [stale, fresh] = [await layer.newChannel(), await layer.newChannel()];
      await layer.groupAdd("room", stale);
      clock.now += 600;
      await layer.groupAdd("room", fresh);
      clock.now += 400; // stale: 1000 ms old, expired; fresh: 400 ms
      await layer.groupSend("room", message("late"));
      expect(await layer.receive(fresh)).toEqual(message("late"));
      await expectNothingFor(layer, stale);
      expect(layer.stats().groupExpired).toBe(1);
    });

    it("renews a membership when groupAdd is called again", async () => {
      const layer = await open({ groupExpiry: 1 });
      const channel = await layer.newChannel();
      await layer.groupAdd("room", channel);
      clock.now += 600;
      await layer.groupAdd("room", channel);
      clock.now += 600;
      await layer.groupSend("room", message("still here"));
      expect(await layer.receive(channel)).toEqual(message("still here"));
    });

    it("keeps the membership of a channel with a pending receive past groupExpiry", async () => {
      const layer = await open({ groupExpiry: 1 });
      const channel = await layer.newChannel();
      await layer.groupAdd("room", channel);
      const pending = layer.receive(channel);
      for (let i = 0; i < 3; i++) {
        clock.now += 600;
        await layer.refreshGroups();
      }
      await layer.groupSend("room", message("after 1.8 s of waiting"));
      expect(await pending).toEqual(message("after 1.8 s of waiting"));
      expect(layer.stats().groupExpired).toBe(0);
    });

    it("keeps the membership of a channel that keeps receiving", async () => {
      const layer = await open({ groupExpiry: 1 });
      const channel = await layer.newChannel();
      await layer.groupAdd("room", channel);
      for (let i = 0; i < 3; i++) {
        clock.now += 600;
        await layer.send(channel, message("tick"));
        await layer.receive(channel);
        await layer.refreshGroups();
      }
      await layer.groupSend("room", message("still a member"));
      expect(await layer.receive(channel)).toEqual(message("still a member"));
    });

    it("lets refreshGroups expire a channel nobody receives on", async () => {
      const layer = await open({ groupExpiry: 1 });
      const channel = await layer.newChannel();
      await layer.groupAdd("room", channel);
      for (let i = 0; i < 2; i++) {
        clock.now += 600;
        await layer.refreshGroups();
      }
      await layer.groupSend("room", message("too late"));
      await expectNothingFor(layer, channel);
      expect(layer.stats().groupExpired).toBe(1);
    });

    it("discards group messages older than expiry and counts them", async () => {
      const layer = await open({ expiry: 1 });
      const channel = await layer.newChannel();
      await layer.groupAdd("room", channel);
      await layer.groupSend("room", message("old"));
      clock.now += 1000;
      await layer.groupSend("room", message("new"));
      expect(await layer.receive(channel)).toEqual(message("new"));
      expect(layer.stats()).toMatchObject({ expired: 1, delivered: 1 });
    });
  });
}
