import type { Redis } from "ioredis";
import { isSpecificChannel, ownerOf } from "./layer.ts";
import type { ChannelMessage, LayerSettings, LayerStats } from "./layer.ts";
import { Memberships } from "./memberships.ts";
import { MembershipWrites } from "./redis-memberships.ts";
import { SCRIPTS, countsOf, globToLuaPattern, keyTtl, runScript } from "./redis-scripts.ts";
import type { RedisKeys } from "./redis-scripts.ts";

export interface GroupsContext {
  /** The owning layer's id: its specific channels are `<prefix>.<id>!<random>`. */
  id: string;
  settings: LayerSettings;
  stats: LayerStats;
  keys: RedisKeys;
  inboxCapacity: number;
  shards: ReadonlyArray<{ cmd: Redis }>;
  shardFor: (name: string) => { cmd: Redis };
  /** A receive is pending on the channel in this process. */
  hasWaiters(channel: string): boolean;
}

/**
 * Group memberships of the Redis layer: sorted sets `<prefix>:group:<name>` of member →
 * stamp (ms), on the shard the group name hashes to. Besides Redis, each layer remembers
 * the memberships it added itself, to renew them while their channel lives (`ZADD XX`, so
 * a membership another process discarded stays discarded) and to put them back when a
 * server comes back empty. An empty server is told apart from a brief disconnection by a
 * marker key per layer: if it is missing on reconnect, the server lost our state.
 */
export class RedisGroups {
  readonly #context: GroupsContext;
  #tracked = new Memberships();
  /** Channels received on since the last renewal: alive, even with no receive pending now. */
  readonly #active = new Set<string>();
  readonly #patterns: string[];
  readonly #writes = new MembershipWrites(() => this.#ttl());

  constructor(context: GroupsContext) {
    this.#context = context;
    this.#patterns = context.settings.capacityPatterns.flatMap(([glob, cap]) => [globToLuaPattern(glob), String(cap)]);
  }

  /** Forgets every membership (`flush()`): nothing is renewed or restored any more. */
  clear(): void {
    this.#tracked = new Memberships();
    this.#active.clear();
  }

  markActive(channel: string): void {
    this.#active.add(channel);
  }

  async add(group: string, channel: string): Promise<void> {
    const { settings, keys, shardFor } = this.#context;
    const now = settings.now();
    this.#tracked.add(group, channel, now);
    await this.#writes.add(shardFor(group).cmd, keys.group(group), channel, now);
  }

  async discard(group: string, channel: string): Promise<void> {
    this.#tracked.discard(group, channel);
    await this.#writes.discard(this.#context.shardFor(group).cmd, this.#context.keys.group(group), channel);
  }

  /**
   * One script on the group's shard: prune lapsed members, one inbox item per other process.
   * Returns this layer's own members, which the caller delivers at once.
   */
  async send(group: string, message: ChannelMessage): Promise<string[]> {
    const { settings, stats, keys, inboxCapacity, shardFor, id } = this.#context;
    const { expiryMs, groupExpiryMs, capacity } = settings;
    const now = settings.now();
    const args = [
      now,
      now - groupExpiryMs,
      now + expiryMs,
      JSON.stringify(message),
      keys.channel(""),
      keys.inbox(""),
      capacity,
      inboxCapacity,
      keyTtl(expiryMs),
      id,
      ...this.#patterns,
    ];
    const { cmd } = shardFor(group);
    this.#writes.flush(cmd); // memberships written before this send must count
    const reply = await runScript(cmd, SCRIPTS.groupSend, [keys.group(group)], args);
    const [removed = 0, dropped = 0, expired = 0] = countsOf(reply, 3);
    stats.groupExpired += removed;
    stats.droppedFull += dropped;
    stats.expired += expired;
    return reply.slice(3).map(String);
  }

  /** Renews the memberships of live channels and the markers; forgets what lapsed. */
  async refresh(): Promise<void> {
    const { settings, keys, shards, shardFor, id } = this.#context;
    const now = settings.now();
    const renew = new Map<string, Array<string | number>>();
    for (const channel of this.#tracked.channels()) {
      if (!this.#isAlive(channel)) continue;
      this.#tracked.touch(channel, now);
      for (const [group] of this.#tracked.groupsOf(channel)) renew.set(group, [...(renew.get(group) ?? []), now, channel]);
    }
    this.#active.clear();
    // Not renewed and past groupExpiry: lapsed in Redis too, where the next groupSend counts it.
    this.#tracked.expire(now - settings.groupExpiryMs, () => false);
    const writes: Array<Promise<unknown>> = shards.map(({ cmd }) => cmd.set(keys.marker(id), "1", "EX", this.#ttl()));
    for (const [group, scoresAndMembers] of renew) {
      const { cmd } = shardFor(group);
      writes.push(cmd.zadd(keys.group(group), "XX", ...scoresAndMembers), cmd.expire(keys.group(group), this.#ttl()));
    }
    await Promise.all(writes);
  }

  /**
   * On (re)connecting to `shard`: if our marker is gone, the server lost our state, and one
   * script puts back our memberships still valid there. Call it before sending anything else
   * on the connection, so no message overtakes it. Resolves to how many were restored
   * (-1: the server had not lost our state).
   */
  async restore(shard: { cmd: Redis }): Promise<number> {
    const { settings, keys, shardFor, id } = this.#context;
    const now = settings.now();
    const triples: Array<string | number> = [];
    for (const channel of this.#tracked.channels()) {
      const alive = this.#isAlive(channel);
      for (const [group, stamp] of this.#tracked.groupsOf(channel)) {
        const score = alive ? now : stamp;
        if (shardFor(group) === shard && score > now - settings.groupExpiryMs) triples.push(keys.group(group), score, channel);
      }
    }
    // EVAL, never EVALSHA: a NOSCRIPT fallback would be sent after the commands behind it.
    const reply = await shard.cmd.eval(SCRIPTS.restore.lua, 1, keys.marker(id), this.#ttl(), ...triples);
    return Number((reply as unknown[])[0]);
  }

  /** On close: our specific channels die with us, so they leave their groups on `shard`, and our marker goes. */
  async forget(shard: { cmd: Redis }): Promise<void> {
    const { keys, shardFor, id } = this.#context;
    const writes: Array<Promise<unknown>> = [shard.cmd.del(keys.marker(id))];
    for (const channel of this.#tracked.channels()) {
      if (!isSpecificChannel(channel) || ownerOf(channel) !== id) continue;
      for (const [group] of this.#tracked.groupsOf(channel)) {
        if (shardFor(group) === shard) writes.push(shard.cmd.zrem(keys.group(group), channel));
      }
    }
    await Promise.allSettled(writes);
  }

  #isAlive(channel: string): boolean {
    return this.#context.hasWaiters(channel) || this.#active.has(channel);
  }

  #ttl(): number {
    return keyTtl(this.#context.settings.groupExpiryMs);
  }
}
