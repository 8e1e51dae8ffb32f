/**
 * The page's requests the server has not settled yet, oldest first. They are kept until their
 * outcome (`ack` or a refusal) arrives and sent again, in order, on every new socket: the server
 * answers a repeat from its write log, so nothing runs twice and nothing is lost in a cut.
 */
import { supersedes, type ClientRequest } from "../../server/protocol/index.ts";

export class PendingRequests {
  /** By reqId; ids increase, so insertion order is the order they were made. */
  readonly #requests = new Map<number, ClientRequest>();
  /** Those put on a socket at least once: the server may have them, so only it may settle them. */
  readonly #sent = new Set<number>();

  add(request: ClientRequest): void {
    this.#requests.set(request.reqId, request);
  }

  /** Removes and returns request `reqId` (undefined when it was not pending). */
  settle(reqId: number): ClientRequest | undefined {
    const request = this.#requests.get(reqId);
    this.#requests.delete(reqId);
    this.#sent.delete(reqId);
    return request;
  }

  markSent(reqId: number): void {
    if (this.#requests.has(reqId)) this.#sent.add(reqId);
  }

  get(reqId: number): ClientRequest | undefined {
    return this.#requests.get(reqId);
  }

  has(reqId: number): boolean {
    return this.#requests.has(reqId);
  }

  keys(): IterableIterator<number> {
    return this.#requests.keys();
  }

  get size(): number {
    return this.#requests.size;
  }

  inOrder(): ClientRequest[] {
    return [...this.#requests.values()];
  }

  /**
   * While offline: drops the pending patches just before `latest` (back to the last other
   * request) that it supersedes and that no socket has carried yet. Dragging a slider offline
   * sends one value when back, not hundreds, and nothing moves across an event. A request a
   * socket carried stays: the server may have applied it and will say so. Returns those dropped.
   */
  dropSupersededBy(latest: ClientRequest): ClientRequest[] {
    if (latest.kind !== "patch") return [];
    const dropped: ClientRequest[] = [];
    for (const request of [...this.#requests.values()].reverse()) {
      if (request === latest) continue;
      if (request.kind !== "patch") break;
      if (this.#sent.has(request.reqId) || !supersedes(latest, request)) continue;
      this.#requests.delete(request.reqId);
      dropped.push(request);
    }
    return dropped;
  }
}
