/**
 * The work one client may make the server do: messages and bytes a second, counted per session
 * (across all of its sockets, so reconnecting starts nothing afresh) and per client address
 * (across all of its sessions), and how often a session's token may open a socket.
 */
import { RateLimit } from "./rate-limit.ts";

export interface BudgetLimits {
  /** Messages a second one session may send, sustained (bursts of 2×). */
  maxMessagesPerSecond: number;
  /** Bytes a second one session may send, sustained (bursts of 2×, at least one largest frame). */
  maxBytesPerSecond: number;
  /** Messages a second all sessions of one client address may send together. */
  maxMessagesPerSecondPerAddress: number;
  /** Bytes a second all sessions of one client address may send together. */
  maxBytesPerSecondPerAddress: number;
  /** Sockets a minute one session's token may open (reconnects), bursts of the same number. */
  maxReconnectsPerMinute: number;
}

export const DEFAULT_BUDGET: BudgetLimits = {
  maxMessagesPerSecond: 100,
  maxBytesPerSecond: 2 * 1024 * 1024,
  maxMessagesPerSecondPerAddress: 1_000,
  maxBytesPerSecondPerAddress: 8 * 1024 * 1024,
  maxReconnectsPerMinute: 60,
};

/** Why a frame was refused, said to the page before its socket is closed (4008). */
export type Overspent = { over: string } | undefined;

export class ClientBudget {
  private readonly messages: RateLimit;
  private readonly bytes: RateLimit;

  constructor(
    private readonly who: string,
    private readonly messagesPerSecond: number,
    private readonly bytesPerSecond: number,
  ) {
    this.messages = new RateLimit(messagesPerSecond);
    this.bytes = new RateLimit(bytesPerSecond);
  }

  /** Charges one frame of `bytes`; says what was overspent, if anything was. */
  charge(bytes: number): Overspent {
    if (!this.messages.take()) return { over: `more than ${this.messagesPerSecond} messages a second ${this.who}` };
    if (!this.bytes.take(bytes)) return { over: `more than ${this.bytesPerSecond} bytes a second ${this.who}` };
    return undefined;
  }
}

/** One shared budget per client address, kept while the address holds a session. */
export class AddressBudgets {
  private readonly budgets = new Map<string, { budget: ClientBudget; sessions: number }>();

  constructor(private readonly limits: BudgetLimits) {}

  /** The address's budget, held for one more session until `release`. */
  hold(address: string): ClientBudget {
    const entry = this.budgets.get(address) ?? {
      budget: new ClientBudget(`from ${address}`, this.limits.maxMessagesPerSecondPerAddress, this.limits.maxBytesPerSecondPerAddress),
      sessions: 0,
    };
    entry.sessions++;
    this.budgets.set(address, entry);
    return entry.budget;
  }

  release(address: string): void {
    const entry = this.budgets.get(address);
    if (entry && --entry.sessions <= 0) this.budgets.delete(address);
  }
}
