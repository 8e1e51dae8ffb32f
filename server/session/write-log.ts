/**
 * The outcome of every client request a session received, so that a request the page sends
 * again after a reconnect (it never heard the answer) is answered, not run twice. A request
 * is a repeat when its id is running or among the last `maxOutcomes` outcomes. The page keeps
 * far fewer requests in flight than that (MAX_IN_FLIGHT), so the outcome of any request it
 * sends again is still here. (A client that reuses ids gets the recorded answers.)
 */
import type { RequestOutcome } from "../protocol/index.ts";

export type Arrival = { kind: "new" } | { kind: "answered"; outcome: RequestOutcome } | { kind: "running" };

export class WriteLog {
  private readonly running = new Set<number>();
  private readonly outcomes = new Map<number, RequestOutcome>();

  constructor(private readonly maxOutcomes: number) {}

  /** Classifies request `reqId` as it arrives; a new one counts as running until settled. */
  receive(reqId: number): Arrival {
    const outcome = this.outcomes.get(reqId);
    if (outcome) return { kind: "answered", outcome };
    if (this.running.has(reqId)) return { kind: "running" };
    this.running.add(reqId);
    return { kind: "new" };
  }

  /** Records the outcome sent for a request; only the first outcome of a request counts. */
  settle(outcome: RequestOutcome): boolean {
    if (!this.running.delete(outcome.reqId)) return false;
    this.outcomes.set(outcome.reqId, outcome);
    if (this.outcomes.size > this.maxOutcomes) this.outcomes.delete(this.outcomes.keys().next().value!);
    return true;
  }

  /** Every outcome kept, in the order they were settled. */
  get settled(): IterableIterator<RequestOutcome> {
    return this.outcomes.values();
  }
}
