/**
 * Membership writes of the Redis layer, batched: every `groupAdd`/`groupDiscard` made in one
 * turn of the event loop for one server goes out as ONE script, instead of a ZADD and an
 * EXPIRE (or a ZREM) each. A subscription swap that joins 100 groups and leaves 100 costs
 * two commands, not 300. Anything else sent on that server (a `groupSend`) calls `flush()`
 * first, so it sees every membership written before it.
 */
import type { Redis } from "ioredis";
import { SCRIPTS } from "./redis-scripts.ts";

/** Writes per script at most, so one script never holds the server long. */
const MAX_BATCH = 1000;

interface Batch {
  args: Array<string | number>;
  settle: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
}

export class MembershipWrites {
  readonly #pending = new Map<Redis, Batch>();
  readonly #ttl: () => number;

  /** `ttl`: seconds a group key lives (its stamps inside decide membership). */
  constructor(ttl: () => number) {
    this.#ttl = ttl;
  }

  add(client: Redis, key: string, member: string, stamp: number): Promise<void> {
    return this.#queue(client, ["add", key, member, stamp]);
  }

  discard(client: Redis, key: string, member: string): Promise<void> {
    return this.#queue(client, ["discard", key, member, 0]);
  }

  /** Sends `client`'s pending writes now (before another command that must see them). */
  flush(client: Redis): void {
    const batch = this.#pending.get(client);
    if (batch === undefined) return;
    this.#pending.delete(client);
    // EVAL: the script is small, and a NOSCRIPT fallback would let later commands overtake it.
    client.eval(SCRIPTS.memberships.lua, 0, this.#ttl(), ...batch.args).then(
      () => batch.settle.forEach(({ resolve }) => resolve()),
      (error: unknown) => batch.settle.forEach(({ reject }) => reject(error)),
    );
  }

  #queue(client: Redis, write: Array<string | number>): Promise<void> {
    let batch = this.#pending.get(client);
    if (batch === undefined) {
      batch = { args: [], settle: [] };
      this.#pending.set(client, batch);
      queueMicrotask(() => this.flush(client));
    }
    batch.args.push(...write);
    const settled = new Promise<void>((resolve, reject) => batch.settle.push({ resolve, reject }));
    if (batch.settle.length >= MAX_BATCH) this.flush(client);
    return settled;
  }
}
