import { randomBytes } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { Redis, RedisOptions } from "ioredis";
import {
  ChannelFull,
  ChannelLayerClosed,
  assertChannelName,
  newSpecificChannel,
  assertGroupName,
  assertMessage,
  emptyStats,
  isSpecificChannel,
  ownerOf,
  resolveLayerOptions,
  sendOrCount,
} from "./layer.ts";
import type { ChannelLayer, ChannelLayerOptions, ChannelMessage, LayerSettings, LayerStats, ReceiveOptions, SendOptions } from "./layer.ts";
import { LocalQueues } from "./local-queue.ts";
import { MessageGate, deleteKeys, openConnection, settled } from "./redis-connection.ts";
import { RedisGroups } from "./redis-groups.ts";
import { SCRIPTS, WAKE, countsOf, decodeItem, encodeItem, keyTtl, redisKeys, runScript, shardOf } from "./redis-scripts.ts";
import type { Item, RedisKeys } from "./redis-scripts.ts";

export interface RedisChannelLayerOptions extends ChannelLayerOptions {
  /** One URL, or several: names are sharded over them by a stable hash, the same in every process. */
  hosts?: string | string[];
  /** Key prefix, so several apps can share a server ("aperture"). */
  prefix?: string;
  /** Items waiting in Redis for one process before sends to its channels fail (capacity × 100). */
  inboxCapacity?: number;
  /** Seconds between renewals of live channels' memberships (min(groupExpiry / 4, 300)). */
  refreshInterval?: number;
  /** Passed to every ioredis connection (TLS, password, retryStrategy…). */
  redisOptions?: RedisOptions;
  /** Connection and reader errors, reported once per outage (default: console.warn). */
  onError?: (error: Error) => void;
}

/** One Redis server: commands on `cmd`; `reader` blocks in BLPOP on this process's inbox. */
interface Shard {
  cmd: Redis;
  reader: Redis;
  reading: Promise<void>;
  /** Whether messages may be sent on `cmd` now. */
  gate: MessageGate;
}

/**
 * The layer for several processes and machines, on ioredis and real redis-servers.
 *
 * Delivery crosses Redis once per process, not once per member: `newChannel()` names are
 * `<prefix>.<layer id>!<random>`; a group's sorted set maps members to their last sign of
 * life; `groupSend` is one script that pushes one item per owning layer instance onto its
 * inbox list, carrying the message once and its local targets; each layer reads its inbox
 * on every server with one blocking connection and fans out in memory, with per-channel
 * capacity (a copy for a full channel is dropped and counted by the receiving process).
 * Plain channels (no "!", e.g. workers) are capped lists any process may receive from.
 *
 * Liveness and restarts: memberships this layer added are renewed (`ZADD XX`) while their
 * channel has a pending receive or received since the last renewal, and re-added when a
 * server comes back empty (detected by a per-layer marker key), so neither a long-lived
 * socket nor a Redis restart silently loses groups. Pending receives wait on local queues,
 * not on connections, and the reader resumes after ioredis reconnects.
 */
export class RedisChannelLayer implements ChannelLayer {
  readonly #settings: LayerSettings;
  readonly #stats: LayerStats = emptyStats();
  readonly #queues: LocalQueues;
  readonly #groups: RedisGroups;
  /** Plain channels with a receive pending here: the readers BLPOP their lists too. */
  readonly #watching = new Set<string>();
  readonly #id = randomBytes(8).toString("hex");
  readonly #keys: RedisKeys;
  /** The key prefix every process of one deployment shares. */
  readonly prefix: string;
  readonly #inboxCapacity: number;
  readonly #onError: (error: Error) => void;
  readonly #shards: Shard[];
  readonly #timer: NodeJS.Timeout;
  #closed = false;

  constructor(options: RedisChannelLayerOptions = {}) {
    const settings = resolveLayerOptions(options);
    // Whole milliseconds: the scripts read item stamps as digits.
    this.#settings = { ...settings, now: () => Math.floor(settings.now()) };
    this.#queues = new LocalQueues({ now: this.#settings.now, stats: this.#stats });
    this.prefix = options.prefix ?? "aperture";
    this.#keys = redisKeys(this.prefix);
    this.#inboxCapacity = options.inboxCapacity ?? this.#settings.capacity * 100;
    this.#onError = options.onError ?? ((error) => console.warn(`[aperture] redis channel layer: ${error.message}`));
    const hosts = [options.hosts ?? "redis://127.0.0.1:6379"].flat();
    if (hosts.length === 0) throw new RangeError("RedisChannelLayer needs at least one host");
    this.#shards = hosts.map((url) => this.#connect(url, options.redisOptions ?? {}));
    this.#groups = new RedisGroups({
      id: this.#id,
      settings: this.#settings,
      stats: this.#stats,
      keys: this.#keys,
      inboxCapacity: this.#inboxCapacity,
      shards: this.#shards,
      shardFor: (name) => this.#shardFor(name),
      hasWaiters: (channel) => this.#queues.hasWaiters(channel),
    });
    const refresh = options.refreshInterval ?? Math.min(this.#settings.groupExpiryMs / 4000, 300);
    this.#timer = setInterval(() => void this.refreshGroups().catch((error: unknown) => this.#report(error)), refresh * 1000);
    this.#timer.unref();
  }

  /**
   * The command connection of the server `name` hashes to, for data every process must share
   * as it shares this layer's groups (a `Binding`'s default store). Closed with the layer.
   */
  clientFor(name: string): Redis {
    return this.#shardFor(name).cmd;
  }

  async newChannel(prefix = "specific"): Promise<string> {
    this.#assertOpen();
    return newSpecificChannel(prefix, this.#id);
  }

  async send(channel: string, message: ChannelMessage, options?: SendOptions): Promise<void> {
    assertChannelName(channel);
    assertMessage(message);
    await sendOrCount(this.#stats, options, () => this.#send(channel, message));
  }

  async #send(channel: string, message: ChannelMessage): Promise<void> {
    this.#assertOpen();
    const now = this.#settings.now();
    const expiresAt = now + this.#settings.expiryMs;
    const specific = isSpecificChannel(channel);
    if (specific && ownerOf(channel) === this.#id) {
      // Our own channel: Redis would only hand it back to us.
      const copy = structuredClone(message);
      if (!this.#queues.deliver(channel, copy, expiresAt, this.#settings.capacityFor(channel))) throw new ChannelFull(channel);
      return;
    }
    const key = specific ? this.#keys.inbox(ownerOf(channel)) : this.#keys.channel(channel);
    const capacity = specific ? this.#inboxCapacity : this.#settings.capacityFor(channel);
    const item = encodeItem(expiresAt, specific ? channel : "", JSON.stringify(message));
    const args = [now, capacity, keyTtl(this.#settings.expiryMs), item];
    const shard = this.#shardFor(channel);
    const reply = await shard.gate.run(() => runScript(shard.cmd, SCRIPTS.send, [key], args));
    const [pushed = 0, expired = 0] = countsOf(reply, 2);
    this.#stats.expired += expired;
    if (pushed === 0) throw new ChannelFull(channel, specific ? " (its process inbox in Redis is full)" : "");
  }

  async receive(channel: string, options?: ReceiveOptions): Promise<ChannelMessage> {
    assertChannelName(channel);
    this.#assertOpen();
    this.#groups.markActive(channel);
    if (isSpecificChannel(channel)) {
      if (ownerOf(channel) !== this.#id) {
        throw new Error(`Channel ${channel} belongs to another layer instance; only the one that created it can receive on it`);
      }
      return this.#queues.receive(channel, options);
    }
    const pending = this.#queues.receive(channel, options);
    if (!this.#watching.has(channel)) {
      this.#watching.add(channel);
      this.#wakeReaders();
    }
    return pending;
  }

  async groupAdd(group: string, channel: string): Promise<void> {
    assertGroupName(group);
    assertChannelName(channel);
    this.#assertOpen();
    await this.#groups.add(group, channel);
  }

  async groupDiscard(group: string, channel: string): Promise<void> {
    assertGroupName(group);
    assertChannelName(channel);
    this.#assertOpen();
    await this.#groups.discard(group, channel);
  }

  async groupSend(group: string, message: ChannelMessage, options?: SendOptions): Promise<void> {
    assertGroupName(group);
    assertMessage(message);
    await sendOrCount(this.#stats, options, async () => {
      this.#assertOpen();
      const expiresAt = this.#settings.now() + this.#settings.expiryMs;
      const mine = await this.#shardFor(group).gate.run(() => this.#groups.send(group, message));
      this.#deliverLocally({ expiresAt, targets: mine, payload: JSON.stringify(message) });
    });
  }

  async flush(): Promise<void> {
    this.#assertOpen();
    this.#queues.flush();
    this.#groups.clear();
    await Promise.all(this.#shards.map((shard) => shard.gate.run(() => deleteKeys(shard.cmd, this.#keys.all))));
  }

  async refreshGroups(): Promise<void> {
    this.#assertOpen();
    this.#queues.sweep();
    await this.#groups.refresh();
  }

  stats(): LayerStats {
    return { ...this.#stats };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    this.#queues.close(new ChannelLayerClosed());
    await Promise.all(this.#shards.map((shard) => this.#disconnect(shard)));
    await Promise.all(this.#shards.map(({ reading }) => reading));
  }

  #connect(url: string, redisOptions: RedisOptions): Shard {
    const hooks = { isClosed: () => this.#closed, onError: (error: Error) => this.#onError(error) };
    // Autopipelining: the commands of one tick (a refresh, a groupAdd) share one round trip.
    const cmd = openConnection(url, { ...redisOptions, enableAutoPipelining: true }, hooks);
    // The reader's BLPOP must survive any outage: ioredis resends it after reconnecting.
    const reader = openConnection(url, { ...redisOptions, maxRetriesPerRequest: null }, hooks);
    const gate = new MessageGate(`${cmd.options.host}:${cmd.options.port}`, this.#stats);
    const shard: Shard = { cmd, reader, reading: Promise.resolve(), gate };
    cmd.on("ready", () => this.#onReady(shard));
    cmd.on("close", () => gate.lost());
    shard.reading = this.#read(shard);
    return shard;
  }

  /** Our restore goes first on the new connection; only then may messages follow it. */
  #onReady(shard: Shard): void {
    const restoring = this.#groups.restore(shard);
    const reconnected = shard.gate.opened();
    restoring.then(
      (restored) => {
        if (restored < 0 || !reconnected) return;
        const what = `restored ${restored} group memberships of this process; group messages sent to them while they were missing did not reach them`;
        this.#onError(new Error(`redis at ${shard.gate.where} came back empty: ${what}`));
      },
      (error: unknown) => this.#report(error),
    );
  }

  async #read(shard: Shard): Promise<void> {
    const inbox = this.#keys.inbox(this.#id);
    for (let turn = 0; !this.#closed; turn += 1) {
      const keys = [inbox, ...this.#plainKeys()];
      const start = turn % keys.length; // rotate so no key starves the others
      try {
        const reply = await shard.reader.blpop(...keys.slice(start), ...keys.slice(0, start), 0);
        if (reply !== null) this.#dispatch(shard, reply[0], reply[1]);
      } catch (error) {
        if (this.#closed) return;
        this.#report(error);
        await delay(250); // not a connection loss (ioredis waits those out): don't spin on a bad reply
      }
    }
  }

  #dispatch(shard: Shard, key: string, raw: string): void {
    if (raw === WAKE) return;
    const item = decodeItem(raw);
    if (item === undefined) throw new Error(`Malformed item in ${key}`);
    if (item.expiresAt <= this.#settings.now()) {
      this.#stats.expired += Math.max(1, item.targets.length);
    } else if (key === this.#keys.inbox(this.#id)) {
      this.#deliverLocally(item);
    } else if (!this.#queues.handOff(key.slice(this.#keys.channel("").length), JSON.parse(item.payload) as ChannelMessage)) {
      // The receiver gave up while the message was on its way: back to the head, for the next one.
      shard.cmd.lpush(key, raw).catch((error: unknown) => this.#report(error));
    }
  }

  #deliverLocally(item: Item): void {
    for (const target of item.targets) {
      const message = JSON.parse(item.payload) as ChannelMessage; // one copy per receiver
      const capacity = this.#settings.capacityFor(target);
      if (!this.#queues.deliver(target, message, item.expiresAt, capacity)) this.#stats.droppedFull += 1;
    }
  }

  /** Keys of plain channels with a local receive pending; forgets the others. */
  *#plainKeys(): Generator<string> {
    for (const channel of this.#watching) {
      if (this.#queues.hasWaiters(channel)) yield this.#keys.channel(channel);
      else this.#watching.delete(channel);
    }
  }

  /** A blocked BLPOP cannot take new keys: push WAKE so each reader re-reads its key list. */
  #wakeReaders(): void {
    const inbox = this.#keys.inbox(this.#id);
    for (const { cmd } of this.#shards) {
      Promise.all([cmd.lpush(inbox, WAKE), cmd.expire(inbox, keyTtl(this.#settings.expiryMs))]).catch((error: unknown) =>
        this.#report(error),
      );
    }
  }

  async #disconnect(shard: Shard): Promise<void> {
    const { cmd, reader } = shard;
    await Promise.all([settled(cmd), settled(reader)]);
    reader.disconnect();
    if (cmd.status !== "ready") return void cmd.disconnect();
    await Promise.allSettled([this.#groups.forget(shard), cmd.del(this.#keys.inbox(this.#id))]);
    await cmd.quit().catch(() => cmd.disconnect());
  }

  #report(error: unknown): void {
    this.#onError(error instanceof Error ? error : new Error(String(error)));
  }

  #shardFor(name: string): Shard {
    return this.#shards[shardOf(name, this.#shards.length)]!;
  }

  #assertOpen(): void {
    if (this.#closed) throw new ChannelLayerClosed();
  }
}
