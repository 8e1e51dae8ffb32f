/**
 * Which worker gets a new session: the one holding the fewest. Each worker reports how many
 * sessions it holds and how many session-making connections it has been handed; the primary
 * adds the ones it handed since, which the worker has not counted yet (a burst of forty page
 * views arrives long before the first report).
 */

/** A worker's report to the primary (sent when either number changes). */
export interface WorkerLoad {
  type: "aperture:load";
  sessions: number;
  /** Session-making connections received so far. */
  received: number;
}

export function isWorkerLoad(message: unknown): message is WorkerLoad {
  const load = message as Partial<WorkerLoad> | null;
  return load?.type === "aperture:load" && typeof load.sessions === "number" && typeof load.received === "number";
}

interface Load {
  sessions: number;
  received: number;
  /** Session-making connections handed to it. */
  sent: number;
}

export class SessionBalancer {
  readonly #loads = new Map<number, Load>();
  /** Where the search starts among equals, turning: equal workers take turns. */
  #start = 0;

  /** A worker started (or restarted): it holds nothing yet. */
  reset(index: number): void {
    this.#loads.set(index, { sessions: 0, received: 0, sent: 0 });
  }

  report(index: number, load: WorkerLoad): void {
    const known = this.#loads.get(index);
    if (known) Object.assign(known, { sessions: load.sessions, received: load.received });
  }

  /** Sessions the worker holds or is about to: reported, plus handed over since. */
  estimate(index: number): number {
    const load = this.#loads.get(index);
    return load ? load.sessions + Math.max(0, load.sent - load.received) : 0;
  }

  /** The available worker with the fewest sessions (counted as handed one), or undefined if none is. */
  pick(available: number[]): number | undefined {
    if (available.length === 0) return undefined;
    const start = this.#start++ % available.length;
    const turned = [...available.slice(start), ...available.slice(0, start)];
    const chosen = turned.reduce((best, index) => (this.estimate(index) < this.estimate(best) ? index : best));
    const load = this.#loads.get(chosen);
    if (load) load.sent++;
    return chosen;
  }
}
