import { randomBytes } from "node:crypto";
import type { Json } from "../protocol/json.ts";
import { isPlainObject } from "../protocol/json.ts";

/**
 * A message on the channel layer: a plain JSON object whose `type` names its handler
 * (`"chat.message"` → a consumer's `chat_message`-style handler), as in Django Channels.
 */
export type ChannelMessage = { type: string; [key: string]: Json };

export interface ReceiveOptions {
  /** Aborting rejects the pending receive with `signal.reason`; no message is consumed. */
  signal?: AbortSignal;
}

export interface SendOptions {
  /**
   * The caller will not wait for the outcome (a ticker, a job's progress): a message that
   * cannot be sent (Redis unreachable, the channel full, the layer closed) is counted in
   * `lost` and the call resolves instead of rejecting. Bad names and messages still throw.
   */
  fireAndForget?: boolean;
}

/**
 * Counters of one layer instance ("nothing is dropped silently"). A drop or an expiry is
 * counted by the instance that sees it: with Redis, a copy dropped because a local queue
 * was full is counted by the receiving process, one dropped because a list or a process
 * inbox in Redis was full by the sending process.
 */
export interface LayerStats {
  /** Messages handed to a `receive()`. */
  delivered: number;
  /** Copies `groupSend` dropped because the member channel (or its process inbox) was full. */
  droppedFull: number;
  /** Messages discarded unread because they outlived `expiry`. */
  expired: number;
  /** Group memberships removed because they outlived `groupExpiry` without a sign of life. */
  groupExpired: number;
  /** `send`/`groupSend` calls refused with `ChannelLayerUnavailable` (Redis unreachable): the caller was told. */
  unavailable: number;
  /** Fire-and-forget messages that could not be sent: nobody was told but this counter. */
  lost: number;
}

export interface ChannelLayerOptions {
  /** Messages a channel holds before `send` throws `ChannelFull` (channels_redis: 100). */
  capacity?: number;
  /** Per-channel capacities by glob pattern (`*`, `?`), first match wins: `{ "http.request": 200 }`. */
  channelCapacity?: Record<string, number>;
  /** Seconds a message waits to be received before it is discarded (60). */
  expiry?: number;
  /**
   * Seconds a group membership lasts without a sign of life (86400). `groupAdd` again, a
   * `receive` on the channel, or a receive pending on it during `refreshGroups()` renew it,
   * so the membership of a live consumer never lapses (channels_redis counts only from
   * `group_add`, so a socket open for a day silently stops getting group messages).
   */
  groupExpiry?: number;
  /** Clock in milliseconds (`Date.now`); tests inject one to check expiry without sleeping. */
  now?: () => number;
}

/** The contract both layers implement and `describeLayerContract` checks. */
export interface ChannelLayer {
  /** A fresh process-specific channel name `<prefix>.<layer id>!<random>` (prefix: "specific"). */
  newChannel(prefix?: string): Promise<string>;
  /**
   * Queues a copy of `message`; throws `ChannelFull` when the channel holds `capacity` messages,
   * `ChannelLayerUnavailable` when the message cannot reach Redis.
   */
  send(channel: string, message: ChannelMessage, options?: SendOptions): Promise<void>;
  /** The oldest live message of `channel`, waiting for one if none is queued. */
  receive(channel: string, options?: ReceiveOptions): Promise<ChannelMessage>;
  /** Adds (or renews) a membership; the stamp is "now". */
  groupAdd(group: string, channel: string): Promise<void>;
  groupDiscard(group: string, channel: string): Promise<void>;
  /**
   * A copy to every live member; full members are skipped and counted in `droppedFull`.
   * Throws `ChannelLayerUnavailable` when the message cannot reach Redis: a resolved
   * `groupSend` was handed to every member's process.
   */
  groupSend(group: string, message: ChannelMessage, options?: SendOptions): Promise<void>;
  /** Deletes every message and membership (channels_redis's `flush`); pending receives keep waiting. */
  flush(): Promise<void>;
  /**
   * Renews the memberships of channels that are alive in this layer: a receive is pending
   * on them, or they were received on since the last refresh. Layers call it themselves
   * (Redis: on a timer, `refreshInterval`; in memory, liveness is checked lazily too);
   * it is public so a caller can force it.
   */
  refreshGroups(): Promise<void>;
  stats(): LayerStats;
  /** Rejects pending receives with `ChannelLayerClosed` and releases timers and connections. */
  close(): Promise<void>;
}

export type LayerErrorCode = "LAYER_FULL" | "LAYER_BAD_NAME" | "LAYER_BAD_MESSAGE" | "LAYER_CLOSED" | "LAYER_UNAVAILABLE";

/** `send` to a channel that already holds its capacity of unexpired messages. */
export class ChannelFull extends Error {
  readonly code: LayerErrorCode = "LAYER_FULL";
  readonly channel: string;

  constructor(channel: string, detail = "") {
    super(`Channel ${channel} is full${detail}: nobody is receiving fast enough`);
    this.name = "ChannelFull";
    this.channel = channel;
  }
}

/** A channel or group name channels_redis would refuse. */
export class InvalidChannelName extends TypeError {
  readonly code: LayerErrorCode = "LAYER_BAD_NAME";
  override readonly name = "InvalidChannelName";
}

/** A message that is not a plain JSON object with a non-empty string `type`. */
export class InvalidChannelMessage extends TypeError {
  readonly code: LayerErrorCode = "LAYER_BAD_MESSAGE";
  override readonly name = "InvalidChannelMessage";
}

export class ChannelLayerClosed extends Error {
  readonly code: LayerErrorCode = "LAYER_CLOSED";

  constructor() {
    super("The channel layer is closed");
    this.name = "ChannelLayerClosed";
  }
}

/**
 * The message could not be handed to Redis (the connection is down, or dropped while the
 * message was on its way): it was not delivered, or, when the connection dropped in flight,
 * may arrive once Redis is back. Nothing is retried by the layer.
 */
export class ChannelLayerUnavailable extends Error {
  readonly code: LayerErrorCode = "LAYER_UNAVAILABLE";

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The channel layer cannot reach Redis: ${detail}`, options);
    this.name = "ChannelLayerUnavailable";
  }
}

/** Why a message was not sent, as opposed to a caller's mistake (a bad name or message). */
function isDeliveryFailure(error: unknown): boolean {
  return error instanceof ChannelFull || error instanceof ChannelLayerUnavailable || error instanceof ChannelLayerClosed;
}

/** Runs a send; with `fireAndForget`, a delivery failure is counted in `stats.lost` instead of thrown. */
export async function sendOrCount(stats: LayerStats, options: SendOptions | undefined, send: () => Promise<void>): Promise<void> {
  if (options?.fireAndForget !== true) return send();
  try {
    await send();
  } catch (error) {
    if (!isDeliveryFailure(error)) throw error;
    stats.lost += 1;
  }
}

export const MAX_NAME_LENGTH = 100;
// channels_redis's rules, ASCII only: one "!" splits a process-specific channel name.
const CHANNEL_NAME = /^[A-Za-z0-9\-_.]+(![A-Za-z0-9\-_.]*)?$/;
const GROUP_NAME = /^[A-Za-z0-9\-_.]+$/;
const NAME_RULE = `length < ${MAX_NAME_LENGTH}, only ASCII letters, digits, hyphens, underscores or periods`;

function describeName(name: unknown): string {
  if (typeof name !== "string") return `${String(name)} (${name === null ? "null" : typeof name}, not a string)`;
  // Bad names can come from clients: never echo a megabyte back into a log line.
  return name.length > 120 ? `${JSON.stringify(name.slice(0, 120))}… (${name.length} chars)` : JSON.stringify(name);
}

export function assertChannelName(name: unknown): asserts name is string {
  if (typeof name === "string" && name.length < MAX_NAME_LENGTH && CHANNEL_NAME.test(name)) return;
  throw new InvalidChannelName(`Invalid channel name ${describeName(name)}: ${NAME_RULE}, and at most one "!"`);
}

export function assertGroupName(name: unknown): asserts name is string {
  if (typeof name === "string" && name.length < MAX_NAME_LENGTH && GROUP_NAME.test(name)) return;
  throw new InvalidChannelName(`Invalid group name ${describeName(name)}: ${NAME_RULE}`);
}

/** A fresh process-specific channel name of the layer `layerId`: `<prefix>.<layer id>!<random>`. */
export function newSpecificChannel(prefix: string, layerId: string): string {
  const name = `${prefix}.${layerId}!${randomBytes(8).toString("hex")}`;
  assertChannelName(name);
  return name;
}

/** Process-specific channels (`prefix.<layer id>!<random>`) are received only by the layer that made them. */
export function isSpecificChannel(channel: string): boolean {
  return channel.includes("!");
}

/** The id of the layer instance owning a specific channel: the text between the last "." and the "!". */
export function ownerOf(channel: string): string {
  const head = channel.slice(0, channel.indexOf("!"));
  return head.slice(head.lastIndexOf(".") + 1);
}

const MAX_DEPTH = 64;

/** Messages must survive JSON (the Redis layer's wire), so the in-memory layer refuses what Redis could not carry. */
export function assertMessage(message: unknown): asserts message is ChannelMessage {
  if (!isPlainObject(message)) throw new InvalidChannelMessage("A channel message must be a plain object");
  if (typeof message.type !== "string" || message.type === "") {
    throw new InvalidChannelMessage('A channel message needs a non-empty string "type"');
  }
  const problem = jsonProblem(message, "message", 0);
  if (problem !== undefined) throw new InvalidChannelMessage(`Not plain JSON: ${problem}`);
}

/**
 * Why `value` could not travel in a channel message (not plain JSON, or nested deeper than the
 * layer allows once `depth` levels of envelope are around it), or undefined.
 */
export function jsonProblem(value: unknown, path: string, depth: number): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${path} is ${value}`;
  if (depth >= MAX_DEPTH) return `${path} is nested deeper than ${MAX_DEPTH} levels (or circular)`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = jsonProblem(value[i], `${path}[${i}]`, depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const problem = jsonProblem(item, `${path}.${key}`, depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  const kind = typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value;
  return `${path} is ${kind === "undefined" ? "undefined" : `a ${kind}`}`;
}

/** Options resolved to milliseconds, with the capacity lookup compiled once. */
export interface LayerSettings {
  capacity: number;
  expiryMs: number;
  groupExpiryMs: number;
  now: () => number;
  capacityFor: (channel: string) => number;
  /** `[glob, capacity]` pairs, for the Redis scripts that check capacity inside Redis. */
  capacityPatterns: Array<[string, number]>;
}

export function resolveLayerOptions(options: ChannelLayerOptions = {}): LayerSettings {
  const capacity = positive("capacity", options.capacity ?? 100);
  const expiryMs = positive("expiry", options.expiry ?? 60) * 1000;
  const groupExpiryMs = positive("groupExpiry", options.groupExpiry ?? 86_400) * 1000;
  const capacityPatterns = Object.entries(options.channelCapacity ?? {});
  const compiled = capacityPatterns.map(([glob, value]) => [globToRegExp(glob), positive(`channelCapacity["${glob}"]`, value)] as const);
  const capacityFor = (channel: string): number => compiled.find(([pattern]) => pattern.test(channel))?.[1] ?? capacity;
  return { capacity, expiryMs, groupExpiryMs, now: options.now ?? Date.now, capacityFor, capacityPatterns };
}

function positive(name: string, value: number): number {
  if (!(typeof value === "number" && value > 0 && Number.isFinite(value))) {
    throw new RangeError(`Channel layer option ${name} must be a positive number, got ${String(value)}`);
  }
  return value;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replaceAll("*", ".*")
    .replaceAll("?", ".");
  return new RegExp(`^${escaped}$`);
}

/** Zeroed counters; layers mutate their own copy and hand out snapshots. */
export function emptyStats(): LayerStats {
  return { delivered: 0, droppedFull: 0, expired: 0, groupExpired: 0, unavailable: 0, lost: 0 };
}
