/**
 * What a consumer socket may make the server hold for a client that does not read: frames
 * past a send-buffer bound are dropped and counted, and a client that stays behind is
 * closed with 4009. A bound on bytes alone never closes anyone, since dropping keeps the
 * buffer under it (a socket that never read lost 698 of 1,200 messages without a close);
 * so the rule counts what the client lost and how long it has been behind.
 */
import type { WebSocket } from "ws";

export interface SlowClientLimits {
  /** Unsent bytes past which frames are dropped (and counted) instead of queued. */
  dropAboveBytes: number;
  /** Frames one socket may lose before it is closed 4009. */
  maxDroppedMessages: number;
  /** How long (ms) a socket may stay past `dropAboveBytes` before it is closed 4009. */
  slowClientTimeout: number;
  now?: () => number;
}

/** `sent`; `dropped` (counted); `hopeless`: dropped, and the socket must be closed 4009. */
export type SendOutcome = "sent" | "dropped" | "hopeless";

export class SlowClientRule {
  readonly #limits: SlowClientLimits;
  #dropped = 0;
  /** Since when the socket has been past the bound, if it is. */
  #behindSince: number | undefined;

  constructor(limits: SlowClientLimits) {
    this.#limits = limits;
  }

  /** Frames this socket lost. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Sends `data` if the socket's buffer allows it; a socket that is closing loses the frame too. */
  send(ws: WebSocket, data: string | Buffer): SendOutcome {
    const now = (this.#limits.now ?? Date.now)();
    if (ws.readyState === ws.OPEN && ws.bufferedAmount <= this.#limits.dropAboveBytes) {
      this.#behindSince = undefined;
      ws.send(data);
      return "sent";
    }
    this.#dropped += 1;
    if (ws.readyState !== ws.OPEN) return "dropped";
    this.#behindSince ??= now;
    const tooMany = this.#dropped >= this.#limits.maxDroppedMessages;
    return tooMany || now - this.#behindSince >= this.#limits.slowClientTimeout ? "hopeless" : "dropped";
  }
}
