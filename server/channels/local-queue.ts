import type { ChannelMessage, LayerStats, ReceiveOptions } from "./layer.ts";

interface Entry {
  message: ChannelMessage;
  expiresAt: number;
}

interface Waiter {
  resolve(message: ChannelMessage): void;
  reject(reason: Error): void;
}

/** Why a receive was aborted: the signal's reason (an AbortError unless the caller gave one). */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error("the receive was aborted", { cause: reason });
}

/** Invariant: a queue with waiters holds no messages (a message finds its waiter on arrival). */
interface Queue {
  messages: Entry[];
  waiters: Waiter[];
}

/**
 * Bounded per-channel queues with waiting receivers, in this process. The in-memory layer
 * keeps every channel here; the Redis layer keeps its process-specific channels here after
 * one copy of a message crossed Redis. Each operation touches only its own channel, so a
 * group fan-out is linear in members (Channels' in-memory layer rescans every channel on
 * every receive, which made one group message to 5,000 sockets take seconds).
 */
export class LocalQueues {
  readonly #queues = new Map<string, Queue>();
  readonly #now: () => number;
  readonly #stats: LayerStats;

  constructor(options: { now: () => number; stats: LayerStats }) {
    this.#now = options.now;
    this.#stats = options.stats;
  }

  /**
   * Hands `message` to the oldest waiting receiver, or queues it. Returns false, and keeps
   * nothing, when the channel already holds `capacity` unexpired messages. The caller owns
   * `message` from here on: pass a copy.
   */
  deliver(channel: string, message: ChannelMessage, expiresAt: number, capacity: number): boolean {
    if (expiresAt <= this.#now()) {
      // Arrived already stale (it waited in Redis): it counts as expired, not as full.
      this.#stats.expired += 1;
      return true;
    }
    if (this.handOff(channel, message)) return true;
    const queue = this.#queues.get(channel);
    if (queue === undefined) {
      this.#queues.set(channel, { messages: [{ message, expiresAt }], waiters: [] });
      return true;
    }
    this.#dropExpired(queue);
    if (queue.messages.length >= capacity) return false;
    queue.messages.push({ message, expiresAt });
    return true;
  }

  /** Gives `message` to a waiting receiver only; false if nobody is waiting on `channel`. */
  handOff(channel: string, message: ChannelMessage): boolean {
    const queue = this.#queues.get(channel);
    const waiter = queue?.waiters.shift();
    if (queue === undefined || waiter === undefined) return false;
    this.#forgetIfIdle(channel, queue);
    this.#stats.delivered += 1;
    waiter.resolve(message);
    return true;
  }

  receive(channel: string, options: ReceiveOptions = {}): Promise<ChannelMessage> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const queue = this.#queue(channel);
    this.#dropExpired(queue);
    const entry = queue.messages.shift();
    if (entry !== undefined) {
      this.#forgetIfIdle(channel, queue);
      this.#stats.delivered += 1;
      return Promise.resolve(entry.message);
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = queue.waiters.indexOf(waiter);
        if (index >= 0) queue.waiters.splice(index, 1);
        this.#forgetIfIdle(channel, queue);
        reject(abortReason(signal!));
      };
      const waiter: Waiter = {
        resolve: (message) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(message);
        },
        reject: (reason) => {
          signal?.removeEventListener("abort", onAbort);
          reject(reason);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      queue.waiters.push(waiter);
    });
  }

  hasWaiters(channel: string): boolean {
    return (this.#queues.get(channel)?.waiters.length ?? 0) > 0;
  }

  /** Drops expired messages everywhere and forgets empty queues; O(channels), run on a timer. */
  sweep(): void {
    for (const [channel, queue] of this.#queues) {
      this.#dropExpired(queue);
      this.#forgetIfIdle(channel, queue);
    }
  }

  /** Drops every queued message (not counted: the caller asked); pending receives keep waiting. */
  flush(): void {
    for (const [channel, queue] of this.#queues) {
      queue.messages.length = 0;
      this.#forgetIfIdle(channel, queue);
    }
  }

  /** Rejects every pending receive with `reason` and drops all queued messages. */
  close(reason: Error): void {
    const queues = [...this.#queues.values()];
    this.#queues.clear();
    for (const queue of queues) for (const waiter of queue.waiters.splice(0)) waiter.reject(reason);
  }

  #queue(channel: string): Queue {
    let queue = this.#queues.get(channel);
    if (queue === undefined) {
      queue = { messages: [], waiters: [] };
      this.#queues.set(channel, queue);
    }
    return queue;
  }

  /** Messages are queued in expiry order (one expiry for all), so expired ones are at the head. */
  #dropExpired(queue: Queue): void {
    const now = this.#now();
    let count = 0;
    while (count < queue.messages.length && queue.messages[count]!.expiresAt <= now) count += 1;
    if (count === 0) return;
    queue.messages.splice(0, count);
    this.#stats.expired += count;
  }

  #forgetIfIdle(channel: string, queue: Queue): void {
    if (queue.messages.length === 0 && queue.waiters.length === 0 && this.#queues.get(channel) === queue) {
      this.#queues.delete(channel);
    }
  }
}
