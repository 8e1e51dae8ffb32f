/**
 * WebSocket consumers, as in Django Channels: `connect`, `receive`, `disconnect`, with
 * `this.channelLayer`, `this.channelName` and `this.scope`. A group message is dispatched by
 * its `type`: `"dam.notifications"` calls `dam_notifications(message)` (Channels' naming) or
 * `damNotifications(message)`.
 */
import type { WebSocket } from "ws";
import type { ChannelLayer, ChannelMessage } from "./layer.ts";

export interface ConsumerScope {
  /** URL path of the socket. */
  path: string;
  /** Values of the route's `:params`. */
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  cookies: Record<string, string>;
  /** The sub-protocols the client offered (`Sec-WebSocket-Protocol`), as Channels' `scope["subprotocols"]`; `accept(subprotocol)` picks one. */
  subprotocols: string[];
  /** What the server's `authorize` hook returned for this socket, if there is one. */
  user?: unknown;
}

/** What the server hands a consumer; set before `connect()`. */
export interface ConsumerContext {
  scope: ConsumerScope;
  channelLayer: ChannelLayer;
  channelName: string;
  /** Completes the handshake (once). */
  accept(subprotocol?: string): Promise<WebSocket>;
  /** Refuses the handshake before accept; closes the socket after. */
  close(code?: number, reason?: string): Promise<void>;
  /** Sends one frame, within the socket's send-buffer bound. */
  send(data: string | Buffer): void;
  log: (message: string, error?: unknown) => void;
}

export class NoHandlerError extends Error {
  override name = "NoHandlerError";
}

/** The handler a message type maps to: "dam.notifications" → dam_notifications or damNotifications. */
export function handlerNames(type: string): string[] {
  const snake = type.replace(/[.-]/g, "_");
  const camel = type.replace(/[._-]+([A-Za-z0-9])/g, (_match, c: string) => c.toUpperCase());
  return snake === camel ? [snake] : [snake, camel];
}

/** A route's own bounds on what one of its sockets may send; unset ones are the server's (as for sessions). */
export interface ConsumerLimits {
  maxMessagesPerSecond?: number;
  maxBytesPerSecond?: number;
}

export class WebSocketConsumer {
  /** This route's limits, e.g. `static override limits = { maxMessagesPerSecond: 500 }`. */
  static limits: ConsumerLimits | undefined;
  /** Groups joined on connect and left on disconnect (Channels' `groups` attribute). */
  groups: string[] = [];
  declare scope: ConsumerScope;
  declare channelLayer: ChannelLayer;
  declare channelName: string;
  #context: ConsumerContext | undefined;

  /** Called by the server before `connect()`. */
  bind(context: ConsumerContext): void {
    this.#context = context;
    this.scope = context.scope;
    this.channelLayer = context.channelLayer;
    this.channelName = context.channelName;
  }

  /** Accepts by default; override to check `this.scope` first (and `close(4003)` to refuse). */
  async connect(): Promise<void> {
    await this.accept();
  }

  /** A frame from the client: text or bytes. */
  async receive(_text?: string, _bytes?: Buffer): Promise<void> {}

  async disconnect(_code: number): Promise<void> {}

  async accept(subprotocol?: string): Promise<void> {
    await this.context.accept(subprotocol);
  }

  async close(code?: number, reason?: string): Promise<void> {
    await this.context.close(code, reason);
  }

  async send(data: string | Buffer): Promise<void> {
    this.context.send(data);
  }

  /** Runs the handler named by the message's type; a type with no handler is an error. */
  async dispatch(message: ChannelMessage): Promise<void> {
    const methods = this as unknown as Record<string, unknown>;
    const name = handlerNames(message.type).find((candidate) => typeof methods[candidate] === "function");
    if (!name)
      throw new NoHandlerError(
        `${this.constructor.name} has no handler for message type "${message.type}" (define ${handlerNames(message.type).join(" or ")})`,
      );
    await (methods[name] as (m: ChannelMessage) => unknown).call(this, message);
  }

  protected get context(): ConsumerContext {
    if (!this.#context) throw new Error(`${this.constructor.name} is not connected to a socket yet`);
    return this.#context;
  }
}

/** A consumer that speaks JSON: `receiveJson(content)` and `sendJson(content)`. */
export class JsonWebSocketConsumer extends WebSocketConsumer {
  override async receive(text?: string): Promise<void> {
    if (text === undefined)
      return this.sendJson({ type: "error", code: "BAD_MESSAGE", message: "binary frames are not accepted; send JSON text" });
    let content: unknown;
    try {
      content = JSON.parse(text);
    } catch {
      return this.sendJson({ type: "error", code: "BAD_MESSAGE", message: "the message is not valid JSON" });
    }
    await this.receiveJson(content);
  }

  async receiveJson(_content: unknown): Promise<void> {}

  async sendJson(content: unknown): Promise<void> {
    await this.send(JSON.stringify(content));
  }
}

export type ConsumerClass = (new () => WebSocketConsumer) & { limits?: ConsumerLimits | undefined };
