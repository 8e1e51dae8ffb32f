import { createRequire } from "node:module";
import type { Redis, RedisOptions } from "ioredis";

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
