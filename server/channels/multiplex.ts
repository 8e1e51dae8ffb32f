/**
 * Several logical streams over one socket, as Channels' `WebsocketDemultiplexer`: client
 * frames are `{ "stream": name, "payload": … }`, each stream has its own handler, and what
 * the server sends back travels in the same envelope. A group message
 * `{ type: "stream.message", stream, payload }` (see `sendToStream`) reaches every member
 * socket on that stream.
 */
import { isPlainObject, type Json } from "../protocol/json.ts";
import { JsonWebSocketConsumer, type ConsumerScope } from "./consumer.ts";
import type { ChannelLayer, ChannelMessage } from "./layer.ts";

export const STREAM_MESSAGE_TYPE = "stream.message";

/** Thrown by a stream handler to refuse a payload: its code and message go to the client. */
export class StreamError extends Error {
  override name = "StreamError";

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a stream handler gets besides the payload. */
export interface StreamContext {
  readonly stream: string;
  readonly consumer: WebSocketDemultiplexer;
  readonly scope: ConsumerScope;
  readonly channelLayer: ChannelLayer;
  /** Sends `{ stream, payload }` to this socket. */
  reply(payload: Json): Promise<void>;
  /** Sends `{ stream, payload: { type: "error", code, message } }` to this socket. */
  error(code: string, message: string): Promise<void>;
}

export type StreamFunction = (payload: Json, context: StreamContext) => unknown;

export interface StreamHandlerObject {
  receive(payload: Json, context: StreamContext): unknown;
  /** After the socket is accepted (send an initial state, join groups). */
  connect?(context: StreamContext): unknown;
  disconnect?(context: StreamContext, code: number): unknown;
}

export type StreamHandler = StreamFunction | StreamHandlerObject;

export type DemultiplexErrorCode = "BAD_FRAME" | "UNKNOWN_STREAM" | "MESSAGE_TOO_LARGE" | "HANDLER_ERROR";

function quote(text: string): string {
  // Stream names come from clients: never echo a megabyte back.
  return text.length > 60 ? `${JSON.stringify(text.slice(0, 60))}…` : JSON.stringify(text);
}

/** Sends `payload` on `stream` to every demultiplexer in `group` that declares that stream. */
export async function sendToStream(layer: ChannelLayer, group: string, stream: string, payload: Json): Promise<void> {
  await layer.groupSend(group, { type: STREAM_MESSAGE_TYPE, stream, payload });
}

type Frame = { stream: string; payload: Json } | { error: string };

function parseFrame(content: unknown): Frame {
  const shape = 'expected {"stream": "<name>", "payload": …}';
  if (!isPlainObject(content)) return { error: `a frame must be an object: ${shape}` };
  if (typeof content.stream !== "string") return { error: `"stream" must be a string: ${shape}` };
  if (!Object.hasOwn(content, "payload")) return { error: `"payload" is missing: ${shape}` };
  return { stream: content.stream, payload: content.payload as Json };
}

/**
 * Declare `streams` (name → function or object with `receive`) in a subclass:
 * `override streams = { echo: (payload, ctx) => ctx.reply(payload), messages: binding }`.
 */
export class WebSocketDemultiplexer extends JsonWebSocketConsumer {
  streams: Record<string, StreamHandler> = {};
  static maxMessageBytes = 256 * 1024;

  override async connect(): Promise<void> {
    await this.accept();
    for (const [stream, handler] of this.handlers()) {
      if (typeof handler !== "function" && handler.connect) await this.guard(stream, () => handler.connect!(this.streamContext(stream)));
    }
  }

  override async disconnect(code: number): Promise<void> {
    for (const [stream, handler] of this.handlers()) {
      if (typeof handler === "function" || !handler.disconnect) continue;
      try {
        await handler.disconnect(this.streamContext(stream), code);
      } catch (error) {
        this.context.log(`stream ${quote(stream)} disconnect failed:`, error);
      }
    }
  }

  override async receive(text?: string): Promise<void> {
    const { maxMessageBytes } = this.constructor as typeof WebSocketDemultiplexer;
    if (text !== undefined && Buffer.byteLength(text) > maxMessageBytes) {
      return this.sendError("MESSAGE_TOO_LARGE", `a frame may have at most ${maxMessageBytes} bytes`);
    }
    await super.receive(text);
  }

  override async receiveJson(content: unknown): Promise<void> {
    const frame = parseFrame(content);
    if ("error" in frame) return this.sendError("BAD_FRAME", frame.error);
    const handler = this.handlerFor(frame.stream);
    if (!handler) {
      const known = Object.keys(this.streams).map(quote).join(", ") || "none";
      return this.sendError("UNKNOWN_STREAM", `no stream ${quote(frame.stream)} here (streams: ${known})`);
    }
    const context = this.streamContext(frame.stream);
    await this.guard(frame.stream, () =>
      typeof handler === "function" ? handler(frame.payload, context) : handler.receive(frame.payload, context),
    );
  }

  async sendStream(stream: string, payload: Json): Promise<void> {
    await this.sendJson({ stream, payload });
  }

  /** Group messages of type "stream.message"; streams this socket does not declare are skipped. */
  async streamMessage(message: ChannelMessage): Promise<void> {
    // One group may hold demultiplexers with different streams; each takes only its own.
    if (typeof message.stream !== "string" || !this.handlerFor(message.stream)) return;
    await this.sendStream(message.stream, message.payload ?? null);
  }

  /** The handler of `stream`, never an inherited property ("constructor", "__proto__"). */
  protected handlerFor(stream: string): StreamHandler | undefined {
    return Object.hasOwn(this.streams, stream) ? this.streams[stream] : undefined;
  }

  protected streamContext(stream: string): StreamContext {
    return {
      stream,
      consumer: this,
      scope: this.scope,
      channelLayer: this.channelLayer,
      reply: (payload) => this.sendStream(stream, payload),
      error: (code, message) => this.sendStream(stream, { type: "error", code, message }),
    };
  }

  protected async sendError(code: DemultiplexErrorCode, message: string): Promise<void> {
    await this.sendJson({ type: "error", code, message });
  }

  private handlers(): Array<[string, StreamHandler]> {
    return Object.entries(this.streams);
  }

  /** A handler's refusal goes to the client; a crash is logged and reported without details. */
  private async guard(stream: string, run: () => unknown): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (error instanceof StreamError) return this.streamContext(stream).error(error.code, error.message);
      this.context.log(`stream ${quote(stream)} handler failed:`, error);
      await this.streamContext(stream).error("HANDLER_ERROR", "the server failed to handle this message");
    }
  }
}
