/** Messages sent while offline, kept in order until the connection is back. */
import type { ClientMessage } from "../../server/protocol/index.ts";

type PatchMessage = Extract<ClientMessage, { kind: "patch" }>;

function paths(message: PatchMessage): Set<string> {
  return new Set(message.ops.map((op) => op.path));
}

export class Outbox {
  readonly #queue: ClientMessage[] = [];

  /**
   * Queues `message`. A patch drops the queued patches just before it (back to the last
   * non-patch message) whose every path it sets again: dragging a slider while offline sends
   * one value when back, not hundreds, and nothing moves across an event.
   */
  push(message: ClientMessage): void {
    if (message.kind === "patch") {
      const newer = paths(message);
      for (let i = this.#queue.length - 1; i >= 0; i--) {
        const queued = this.#queue[i]!;
        if (queued.kind !== "patch") break;
        if ([...paths(queued)].every((path) => newer.has(path))) this.#queue.splice(i, 1);
      }
    }
    this.#queue.push(message);
  }

  /** Hands every queued message to `send`, oldest first, and empties the queue. */
  drain(send: (message: ClientMessage) => void): void {
    for (const message of this.#queue.splice(0)) send(message);
  }
}
