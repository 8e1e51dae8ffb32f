import { createRequire } from "node:module";
import type { Redis, RedisOptions } from "ioredis";
import { ChannelLayerUnavailable } from "./layer.ts";

// Loaded on the first connection: a server without Redis never pays for ioredis (item 4 of issue 15).
const requireLazily = createRequire(import.meta.url);

export interface ConnectionHooks {
  /** Once true, the client stops reconnecting. */
  isClosed(): boolean;
  onError(error: Error): void;
}

/**
 * An ioredis client that stops retrying once its layer is closed (its next attempt then
 * ends it and rejects what it queued) and reports an outage once: ioredis emits an error
 * per failed attempt, and none when it gets back at once, so the loss itself is reported.
 */
export function openConnection(url: string, options: RedisOptions, hooks: ConnectionHooks): Redis {
  const retry = options.retryStrategy ?? ((times: number) => Math.min(times * 50, 2000));
  const retryStrategy = (times: number): number | null => (hooks.isClosed() ? null : (retry(times) ?? null));
  const { Redis: RedisClient } = requireLazily("ioredis") as typeof import("ioredis");
  const client = new RedisClient(url, { ...options, retryStrategy });
  const where = url.replace(/\/\/[^@/]*@/, "//"); // never log a password from the URL
  let reported = false;
  const report = (error: Error): void => {
    if (!reported && !hooks.isClosed()) hooks.onError(error);
    reported = true;
  };
  client.on("ready", () => (reported = false));
  client.on("error", report);
  client.on("close", () => report(new Error(`lost the connection to ${where}; reconnecting`)));
  return client;
}

/**
 * Resolves once `client` is connected or ended. A client waiting to reconnect ignores
 * disconnect() (ioredis only clears its timer, and its queued commands never settle), so
 * let it make its next attempt: it connects, or the retryStrategy ends it.
 */
export async function settled(client: Redis): Promise<void> {
  if (client.status !== "reconnecting") return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      client.off("ready", done).off("end", done);
      resolve();
    };
    client.on("ready", done).on("end", done);
  });
}

/** An error the Redis server answered (a bad script, a wrong type), as opposed to a connection failure. */
function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === "ReplyError";
}

/** Deletes the keys matching `pattern` with SCAN and UNLINK, never KEYS (which blocks the server). */
export async function deleteKeys(client: Redis, pattern: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    if (keys.length > 0) await client.unlink(...keys);
    cursor = next;
  } while (cursor !== "0");
}

/**
 * Whether messages may go to one Redis connection now. Before the first connection they
 * wait in ioredis's queue (a server starting up); after a loss they are refused at once
 * rather than queued, and those on their way when the connection drops are failed, since
 * the server may come back empty (and ioredis would resend them before our memberships are
 * restored). `opened()` is called once the restore was sent, so no message overtakes it.
 */
export class MessageGate {
  readonly where: string;
  readonly #stats: { unavailable: number };
  #everOpened = false;
  #open = false;
  #drop: (error: Error) => void = () => undefined;
  #dropped: Promise<never> = this.#signal();

  constructor(where: string, stats: { unavailable: number }) {
    this.where = where;
    this.#stats = stats;
  }

  /** The connection is ready; returns whether it had been before (a reconnection). */
  opened(): boolean {
    const reopened = this.#everOpened;
    this.#everOpened = true;
    this.#open = true;
    this.#dropped = this.#signal();
    return reopened;
  }

  lost(): void {
    this.#open = false;
    this.#drop(
      new ChannelLayerUnavailable(
        `the connection to ${this.where} dropped while the message was on its way; it may not have been delivered`,
      ),
    );
  }

  /** Runs a message command, or refuses it with `ChannelLayerUnavailable` (counted in `unavailable`). */
  async run<T>(command: () => Promise<T>): Promise<T> {
    if (this.#everOpened && !this.#open) {
      this.#stats.unavailable += 1;
      throw new ChannelLayerUnavailable(`${this.where} is unreachable (reconnecting); the message was not sent`);
    }
    try {
      return await Promise.race([command(), this.#dropped]);
    } catch (error) {
      if (isReplyError(error)) throw error;
      this.#stats.unavailable += 1;
      if (error instanceof ChannelLayerUnavailable) throw error;
      throw new ChannelLayerUnavailable(`${this.where}: ${(error as Error).message}`, { cause: error });
    }
  }

  #signal(): Promise<never> {
    const dropped = new Promise<never>((_, reject) => (this.#drop = reject));
    dropped.catch(() => undefined); // nobody may be waiting when it drops
    return dropped;
  }
}
