import { randomBytes } from "node:crypto";
import {
  ChannelFull,
  ChannelLayerClosed,
  assertChannelName,
  newSpecificChannel,
  assertGroupName,
  assertMessage,
  emptyStats,
  resolveLayerOptions,
  sendOrCount,
} from "./layer.ts";
import type { ChannelLayer, ChannelLayerOptions, ChannelMessage, LayerSettings, LayerStats, ReceiveOptions, SendOptions } from "./layer.ts";
import { LocalQueues } from "./local-queue.ts";
import { Memberships } from "./memberships.ts";

/**
 * The default layer, for one process. It behaves like the network layer on purpose: every
 * message must be plain JSON and every receiver gets its own `structuredClone`, so code
 * that works here does not break when it moves to Redis.
 *
 * Group liveness: a membership is renewed by `groupAdd`, by every `receive` on the channel,
 * and is never expired while a receive is pending on the channel, so a consumer waiting
 * quietly for a day keeps its groups. Only channels nobody receives on lapse.
 *
 * @example
 * const layer = new InMemoryChannelLayer({ capacity: 100 });
 * const channel = await layer.newChannel();
 * await layer.groupAdd("notifications", channel);
 * await layer.groupSend("notifications", { type: "item.added", id: 7 });
 * await layer.receive(channel); // { type: "item.added", id: 7 }
 */
export class InMemoryChannelLayer implements ChannelLayer {
  readonly #settings: LayerSettings;
  readonly #stats: LayerStats = emptyStats();
  readonly #queues: LocalQueues;
  #groups = new Memberships();
  readonly #id = randomBytes(6).toString("hex");
  readonly #sweeper: NodeJS.Timeout;
  #closed = false;

  constructor(options: ChannelLayerOptions = {}) {
    this.#settings = resolveLayerOptions(options);
    this.#queues = new LocalQueues({ now: this.#settings.now, stats: this.#stats });
    // Channels and groups nobody touches again would otherwise keep expired entries forever.
    this.#sweeper = setInterval(() => this.#sweep(), Math.max(1000, this.#settings.expiryMs));
    this.#sweeper.unref();
  }

  async newChannel(prefix = "specific"): Promise<string> {
    this.#assertOpen();
    return newSpecificChannel(prefix, this.#id);
  }

  async send(channel: string, message: ChannelMessage, options?: SendOptions): Promise<void> {
    assertChannelName(channel);
    assertMessage(message);
    await sendOrCount(this.#stats, options, async () => {
      this.#assertOpen();
      const { now, expiryMs, capacityFor } = this.#settings;
      const copy = structuredClone(message);
      if (!this.#queues.deliver(channel, copy, now() + expiryMs, capacityFor(channel))) throw new ChannelFull(channel);
    });
  }

  async receive(channel: string, options?: ReceiveOptions): Promise<ChannelMessage> {
    assertChannelName(channel);
    this.#assertOpen();
    this.#groups.touch(channel, this.#settings.now());
    return this.#queues.receive(channel, options);
  }

  async groupAdd(group: string, channel: string): Promise<void> {
    assertGroupName(group);
    assertChannelName(channel);
    this.#assertOpen();
    this.#groups.add(group, channel, this.#settings.now());
  }

  async groupDiscard(group: string, channel: string): Promise<void> {
    assertGroupName(group);
    assertChannelName(channel);
    this.#assertOpen();
    this.#groups.discard(group, channel);
  }

  async groupSend(group: string, message: ChannelMessage, options?: SendOptions): Promise<void> {
    assertGroupName(group);
    assertMessage(message);
    await sendOrCount(this.#stats, options, async () => {
      this.#assertOpen();
      this.#fanOut(group, message);
    });
  }

  async flush(): Promise<void> {
    this.#assertOpen();
    this.#queues.flush();
    this.#groups = new Memberships();
  }

  #fanOut(group: string, message: ChannelMessage): void {
    const members = this.#groups.members(group);
    if (members === undefined) return;
    const { now: clock, expiryMs, groupExpiryMs, capacityFor } = this.#settings;
    const now = clock();
    for (const [channel, stamp] of members) {
      if (stamp + groupExpiryMs <= now && !this.#queues.hasWaiters(channel)) {
        this.#groups.discard(group, channel);
        this.#stats.groupExpired += 1;
        continue;
      }
      const delivered = this.#queues.deliver(channel, structuredClone(message), now + expiryMs, capacityFor(channel));
      if (!delivered) this.#stats.droppedFull += 1;
    }
  }

  async refreshGroups(): Promise<void> {
    this.#assertOpen();
    const now = this.#settings.now();
    for (const channel of this.#groups.channels()) {
      if (this.#queues.hasWaiters(channel)) this.#groups.touch(channel, now);
    }
  }

  stats(): LayerStats {
    return { ...this.#stats };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#sweeper);
    this.#queues.close(new ChannelLayerClosed());
  }

  #sweep(): void {
    this.#queues.sweep();
    const cutoff = this.#settings.now() - this.#settings.groupExpiryMs;
    this.#stats.groupExpired += this.#groups.expire(cutoff, (channel) => this.#queues.hasWaiters(channel));
  }

  #assertOpen(): void {
    if (this.#closed) throw new ChannelLayerClosed();
  }
}
