import { InMemoryChannelLayer } from "./in-memory.ts";
import type { ChannelLayer } from "./layer.ts";
import { RedisChannelLayer } from "./redis.ts";
import type { RedisChannelLayerOptions } from "./redis.ts";

export {
  ChannelFull,
  ChannelLayerClosed,
  ChannelLayerUnavailable,
  InvalidChannelMessage,
  InvalidChannelName,
  MAX_NAME_LENGTH,
  assertChannelName,
  assertGroupName,
  assertMessage,
} from "./layer.ts";
export type {
  ChannelLayer,
  ChannelLayerOptions,
  ChannelMessage,
  LayerErrorCode,
  LayerStats,
  ReceiveOptions,
  SendOptions,
} from "./layer.ts";
export { InMemoryChannelLayer } from "./in-memory.ts";
export { RedisChannelLayer } from "./redis.ts";
export type { RedisChannelLayerOptions } from "./redis.ts";

export interface ChannelLayerConfig extends Omit<RedisChannelLayerOptions, "hosts"> {
  /** Redis URL, or several to shard over; default `APERTURE_REDIS_URL`; none → in memory. */
  redisUrl?: string | string[];
}

/**
 * The layer a configuration asks for: Redis when `redisUrl` (or `APERTURE_REDIS_URL`, read
 * now, not at import) names a server, otherwise in memory for this process only.
 *
 * @example
 * const layer = createChannelLayer({ redisUrl: "redis://127.0.0.1:6379", prefix: "myapp" });
 */
export function createChannelLayer(config: ChannelLayerConfig = {}): ChannelLayer {
  const { redisUrl = process.env.APERTURE_REDIS_URL, ...options } = config;
  const hosts = [redisUrl ?? []].flat().filter((url) => url !== "");
  return hosts.length > 0 ? new RedisChannelLayer({ ...options, hosts }) : new InMemoryChannelLayer(options);
}

// The one piece of module-level state in channels, on purpose: users call getChannelLayer()
// from code the server does not hand anything to (an Express route, a session callback, a
// module-level helper), exactly as Django's get_channel_layer(). The server sets it when it
// starts (setChannelLayer), tests swap it; every layer itself stays an ordinary instance.
let current: ChannelLayer | undefined;

/** The process-wide layer; the first call without a prior `setChannelLayer` creates one from the environment. */
export function getChannelLayer(): ChannelLayer {
  current ??= createChannelLayer();
  return current;
}

/** Installs `layer` (or clears it with `undefined`) and returns the previous one, which the caller may close. */
export function setChannelLayer(layer: ChannelLayer | undefined): ChannelLayer | undefined {
  const previous = current;
  current = layer;
  return previous;
}
