/**
 * Tower's subscription protocol: a client connects with `?token=…`, starts with no
 * subscriptions, and sends `{"groups": {"jobs": ["status_changed"], "job_events": [12]}}`
 * to REPLACE them all (a single-page app only states what its current view needs). Each
 * pair becomes the layer group `<group>-<event>` (`jobs-status_changed`, `job_events-12`);
 * `emitChannelNotification` sends to one, and subscribers get `{ group_name, ...payload }`.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { CLOSE_CODES } from "../protocol/messages.ts";
import { isPlainObject, type Json } from "../protocol/json.ts";
import { tokenOfProtocols } from "../protocol/socket-protocols.ts";
import { JsonWebSocketConsumer, type ConsumerScope } from "./consumer.ts";
import { InvalidChannelName, assertGroupName, type ChannelLayer, type ChannelMessage } from "./layer.ts";

export const SUBSCRIPTION_CLOSE_CODES = {
  /** No `?token=`, or `authorize` said no: the code document sessions use for a bad token. */
  badToken: CLOSE_CODES.badToken,
  /** `authorize` threw: the check failed (a database down, say), not necessarily the token. */
  authorizeFailed: 4011,
} as const;

export type SubscriptionErrorCode =
  "MESSAGE_TOO_LARGE" | "BAD_SUBSCRIPTION" | "INVALID_GROUP_NAME" | "TOO_MANY_SUBSCRIPTIONS" | "FORBIDDEN_GROUP" | "SUBSCRIBE_FAILED";

/** The layer message type `emitChannelNotification` sends; `SubscriptionConsumer` handles it. */
export const NOTIFICATION_TYPE = "subscription.notification";

export type SubscriptionEvent = string | number;

export interface SubscriptionOptions {
  /** Tokens accepted in `?token=` (compared in constant time; a live `Set` may change later). */
  tokens?: Iterable<string>;
  /** Decides a token; wins over `tokens`. */
  authorize?: (token: string, scope: ConsumerScope) => boolean | Promise<boolean>;
  /** Per-subscription permission (Tower checks the user may see job 12); refusing fails the whole request. */
  canSubscribe?: (group: string, event: SubscriptionEvent, scope: ConsumerScope) => boolean | Promise<boolean>;
  /** Most `<group>-<event>` subscriptions one socket may hold (100). */
  maxSubscriptions?: number;
  /** Largest subscription message, in bytes (32 KiB). */
  maxMessageBytes?: number;
}

class SubscriptionError extends Error {
  constructor(
    readonly code: SubscriptionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// "-" separates group and event, so a group has none: "a-b"+"c" and "a"+"b-c" cannot collide.
const GROUP_KEY = /^[A-Za-z0-9_.]+$/;

function quote(text: string): string {
  // Names come from clients: never echo a megabyte back.
  return text.length > 60 ? `${JSON.stringify(text.slice(0, 60))}…` : JSON.stringify(text);
}

function eventOf(group: string, event: unknown): string {
  if (typeof event === "number" && Number.isSafeInteger(event) && event >= 0) return String(event);
  if (typeof event === "string" && event !== "") return event;
  throw new SubscriptionError("BAD_SUBSCRIPTION", `events of ${quote(group)} must be non-empty strings or non-negative integers`);
}

function layerGroup(group: string, event: unknown): string {
  if (!GROUP_KEY.test(group)) {
    throw new SubscriptionError("INVALID_GROUP_NAME", `group ${quote(group)} may use only ASCII letters, digits, "_" and "."`);
  }
  const name = `${group}-${eventOf(group, event)}`;
  try {
    assertGroupName(name);
  } catch (error) {
    if (error instanceof InvalidChannelName) throw new SubscriptionError("INVALID_GROUP_NAME", error.message);
    throw error;
  }
  return name;
}

/** The wanted subscriptions, layer group → [group, event]; throws `SubscriptionError` on bad input. */
export function parseSubscriptions(content: unknown, limit: number): Map<string, [string, SubscriptionEvent]> {
  const shape = 'expected {"groups": {"<group>": ["<event>" or <id>, …]}}';
  if (!isPlainObject(content)) throw new SubscriptionError("BAD_SUBSCRIPTION", `a subscription message must be an object: ${shape}`);
  if (!Object.hasOwn(content, "groups")) throw new SubscriptionError("BAD_SUBSCRIPTION", `"groups" is missing: ${shape}`);
  const groups = content.groups;
  if (!isPlainObject(groups)) throw new SubscriptionError("BAD_SUBSCRIPTION", `"groups" must be an object: ${shape}`);
  const wanted = new Map<string, [string, SubscriptionEvent]>();
  for (const [group, events] of Object.entries(groups)) {
    if (!Array.isArray(events)) throw new SubscriptionError("BAD_SUBSCRIPTION", `"groups".${quote(group)} must be a list of events`);
    for (const event of events) {
      wanted.set(layerGroup(group, event), [group, event as SubscriptionEvent]);
      if (wanted.size > limit) throw new SubscriptionError("TOO_MANY_SUBSCRIPTIONS", `at most ${limit} subscriptions per socket`);
    }
  }
  return wanted;
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** Constant time per candidate, and every candidate is compared, so timing tells nothing. */
export function tokenListed(token: string, tokens: Iterable<string>): boolean {
  const given = digest(token);
  let found = false;
  for (const candidate of tokens) found = timingSafeEqual(given, digest(candidate)) || found;
  return found;
}

/**
 * The token a subscription socket brings, read in this one place: offered as a WebSocket
 * sub-protocol (`aperture, aperture-token.<token>`, as Aperture's pages offer theirs: no URL,
 * so no log, holds it), else `?token=` as Tower's docs say (kept for Tower's clients), else a
 * `token` cookie, as Tower/AWX clients (awxkit) send it.
 */
export function subscriptionToken(scope: ConsumerScope): string | undefined {
  return tokenOfProtocols(scope.subprotocols) || scope.query.token || scope.cookies.token || undefined;
}

/**
 * Extend it (set `static tokens`, or override `authorize`) or build one with
 * `subscriptionConsumer({...})`. Without configuration it refuses every socket.
 */
export class SubscriptionConsumer extends JsonWebSocketConsumer {
  static tokens: Iterable<string> | undefined = undefined;
  static maxSubscriptions = 100;
  static maxMessageBytes = 32 * 1024;
  #subscriptions = new Set<string>();
  /** Groups the class joins on connect; subscriptions never leave them. */
  #fixed = new Set<string>();

  /** Current subscriptions, as layer group names. */
  get subscriptions(): string[] {
    return [...this.#subscriptions];
  }

  authorize(token: string, _scope: ConsumerScope): boolean | Promise<boolean> {
    const { tokens } = this.constructor as typeof SubscriptionConsumer;
    return tokens !== undefined && tokenListed(token, tokens);
  }

  canSubscribe(_group: string, _event: SubscriptionEvent): boolean | Promise<boolean> {
    return true;
  }

  override async connect(): Promise<void> {
    const token = subscriptionToken(this.scope);
    if (!token)
      return this.close(
        SUBSCRIPTION_CLOSE_CODES.badToken,
        "token missing: offer aperture-token.<token> as a sub-protocol, or send ?token= or a token cookie",
      );
    let allowed: boolean;
    try {
      allowed = (await this.authorize(token, this.scope)) === true;
    } catch (error) {
      this.context.log("authorize() failed:", error);
      return this.close(SUBSCRIPTION_CLOSE_CODES.authorizeFailed, "the token could not be checked");
    }
    if (!allowed) return this.close(SUBSCRIPTION_CLOSE_CODES.badToken, "token refused");
    this.#fixed = new Set(this.groups);
    await this.accept();
  }

  override async receive(text?: string): Promise<void> {
    const { maxMessageBytes } = this.constructor as typeof SubscriptionConsumer;
    // Checked before parsing: a huge list would cost CPU to parse only to be refused.
    if (text !== undefined && Buffer.byteLength(text) > maxMessageBytes) {
      return this.sendError("MESSAGE_TOO_LARGE", `a subscription message may have at most ${maxMessageBytes} bytes`);
    }
    await super.receive(text);
  }

  override async receiveJson(content: unknown): Promise<void> {
    const { maxSubscriptions } = this.constructor as typeof SubscriptionConsumer;
    let wanted: Map<string, [string, SubscriptionEvent]>;
    try {
      wanted = parseSubscriptions(content, maxSubscriptions);
      await this.checkAllowed(wanted);
    } catch (error) {
      if (error instanceof SubscriptionError) return this.sendError(error.code, error.message);
      throw error;
    }
    await this.replace(new Set(wanted.keys()));
  }

  /** A notification for a group this socket left after it was queued is not delivered. */
  async subscriptionNotification(message: ChannelMessage): Promise<void> {
    const group = message.group;
    if (typeof group !== "string" || !(this.#subscriptions.has(group) || this.#fixed.has(group))) return;
    await this.sendJson(message.content);
  }

  protected async sendError(code: SubscriptionErrorCode, message: string): Promise<void> {
    await this.sendJson({ type: "error", code, message });
  }

  private async checkAllowed(wanted: Map<string, [string, SubscriptionEvent]>): Promise<void> {
    for (const [name, [group, event]] of wanted) {
      if (this.#subscriptions.has(name)) continue; // allowed when it was joined
      if ((await this.canSubscribe(group, event)) !== true) {
        throw new SubscriptionError("FORBIDDEN_GROUP", `not allowed to subscribe to ${quote(name)}`);
      }
    }
  }

  private async replace(wanted: Set<string>): Promise<void> {
    // Groups a subclass joined by itself (in connect or later) are not subscriptions to drop.
    for (const group of this.groups) if (!this.#subscriptions.has(group)) this.#fixed.add(group);
    const joined = [...wanted].filter((name) => !this.#subscriptions.has(name));
    const left = [...this.#subscriptions].filter((name) => !wanted.has(name));
    try {
      await this.joinAll(joined);
    } catch (error) {
      this.context.log("joining subscription groups failed:", error);
      return this.sendError("SUBSCRIBE_FAILED", "the channel layer failed; subscriptions are unchanged");
    }
    this.#subscriptions = wanted;
    // The host leaves `groups` when the socket closes, so the subscriptions go with them.
    this.groups = [...new Set([...this.#fixed, ...wanted])];
    await this.leaveAll(left.filter((name) => !this.#fixed.has(name)));
    await this.sendJson({ groups_current: [...wanted], groups_left: left, groups_joined: joined });
  }

  /** All or nothing: if one join fails, the ones that succeeded are undone. */
  private async joinAll(names: string[]): Promise<void> {
    const results = await Promise.allSettled(names.map((name) => this.channelLayer.groupAdd(name, this.channelName)));
    const failure = results.find((result) => result.status === "rejected");
    if (!failure) return;
    const added = names.filter((name, i) => results[i]!.status === "fulfilled" && !this.#fixed.has(name));
    await this.leaveAll(added);
    throw failure.reason;
  }

  private async leaveAll(names: string[]): Promise<void> {
    // A failed discard leaves a stale membership; notifications for it are filtered out above.
    await Promise.all(
      names.map((name) =>
        this.channelLayer
          .groupDiscard(name, this.channelName)
          .catch((error: unknown) => this.context.log(`leaving ${name} failed:`, error)),
      ),
    );
  }
}

/** A configured `SubscriptionConsumer` class: `websockets: { "/websocket/": subscriptionConsumer({ tokens }) }`. */
export function subscriptionConsumer(options: SubscriptionOptions): typeof SubscriptionConsumer {
  const { tokens, authorize, canSubscribe } = options;
  if (tokens === undefined && authorize === undefined) {
    throw new TypeError("subscriptionConsumer() needs `tokens` or `authorize`; without them it would refuse every socket");
  }
  return class ConfiguredSubscriptionConsumer extends SubscriptionConsumer {
    static override tokens = tokens;
    static override maxSubscriptions = options.maxSubscriptions ?? SubscriptionConsumer.maxSubscriptions;
    static override maxMessageBytes = options.maxMessageBytes ?? SubscriptionConsumer.maxMessageBytes;

    override authorize(token: string, scope: ConsumerScope): boolean | Promise<boolean> {
      return authorize ? authorize(token, scope) : super.authorize(token, scope);
    }

    override canSubscribe(group: string, event: SubscriptionEvent): boolean | Promise<boolean> {
      return canSubscribe ? canSubscribe(group, event, this.scope) : true;
    }
  };
}

/**
 * Tower's `emit_channel_notification`: `group` is the layer group (`"jobs-status_changed"`,
 * `"job_events-12"`); subscribers receive `payload` with `group_name` set to the part
 * before the first "-" (`"jobs"`), which tells a client what kind of update it is.
 */
export async function emitChannelNotification(layer: ChannelLayer, group: string, payload: Record<string, Json>): Promise<void> {
  assertGroupName(group);
  if (!isPlainObject(payload)) throw new TypeError("emitChannelNotification: payload must be a plain object");
  const dash = group.indexOf("-");
  const groupName = dash < 0 ? group : group.slice(0, dash);
  const content: Record<string, Json> = { group_name: groupName, ...payload };
  content.group_name = groupName; // the group decides, not a stale field of the payload
  await layer.groupSend(group, { type: NOTIFICATION_TYPE, group, content });
}
