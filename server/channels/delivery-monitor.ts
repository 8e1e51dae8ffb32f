/**
 * One place that reports what the channel layer and the consumer sockets did not deliver:
 * `stats()` gathers both sets of counters (for `runtime.stats()` and the stats endpoint), and
 * every `interval` one log line names what was lost since the last one, so a burst of drops
 * costs one line, not one per message or per socket.
 */
import type { Logger } from "../log.ts";
import type { ConsumerStats } from "./consumer-host.ts";
import type { LayerStats } from "./layer.ts";

export interface ChannelStats {
  layer: LayerStats;
  consumers: ConsumerStats;
}

/** Counters that mean something was not delivered, with how the log line names them. */
const LOSSES: Array<[(stats: ChannelStats) => number, string]> = [
  [(s) => s.layer.droppedFull, "group copies dropped (channel or process inbox full)"],
  [(s) => s.layer.expired, "messages expired unread"],
  [(s) => s.layer.unavailable, "sends refused (Redis unreachable)"],
  [(s) => s.layer.lost, "fire-and-forget messages lost"],
  [(s) => s.consumers.droppedFrames, "frames dropped for consumer sockets that do not read"],
  [(s) => s.consumers.closedSlow, "consumer sockets closed 4009 (too slow)"],
];

export interface DeliveryMonitorOptions {
  stats: () => ChannelStats;
  logger: Logger;
  /** Milliseconds between checks (Bokeh's `--stats-log-frequency`, 15 s); 0 logs nothing. */
  interval: number;
}

export class DeliveryMonitor {
  readonly #options: DeliveryMonitorOptions;
  readonly #timer: NodeJS.Timeout | undefined;
  #last: number[];

  constructor(options: DeliveryMonitorOptions) {
    this.#options = options;
    this.#last = this.#counts();
    if (options.interval > 0) {
      this.#timer = setInterval(() => this.check(), options.interval);
      this.#timer.unref();
    }
  }

  stats(): ChannelStats {
    return this.#options.stats();
  }

  /** Logs one line if anything was lost since the last check. */
  check(): void {
    const counts = this.#counts();
    const parts = LOSSES.flatMap(([, name], i) => {
      const grew = counts[i]! - this.#last[i]!;
      return grew > 0 ? [`${grew} ${name}`] : [];
    });
    this.#last = counts;
    if (parts.length > 0) this.#options.logger.warn(`channels: not delivered since the last report: ${parts.join(", ")}`);
  }

  close(): void {
    clearInterval(this.#timer);
  }

  #counts(): number[] {
    const stats = this.#options.stats();
    return LOSSES.map(([count]) => count(stats));
  }
}
