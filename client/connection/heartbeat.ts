/**
 * Notices a dead connection within seconds: pings on a timer and gives up on a socket that
 * has been silent too long. A page in the background pings rarely (browsers throttle its
 * timers to about once a minute anyway) and is given minutes; when it comes back to the
 * foreground it pings at once and is held to the short limit again.
 */
export interface HeartbeatOptions {
  /** Ping interval while the page is visible. */
  intervalMs?: number;
  /** Silence after which a visible page's socket is given up. */
  silenceMs?: number;
  hiddenIntervalMs?: number;
  hiddenSilenceMs?: number;
}

export interface HeartbeatHooks {
  ping(): void;
  /** The socket has been silent past the limit: replace it. */
  dead(): void;
}

/** The page, when there is one (the same code runs under Node in tests). */
const page = () => (globalThis as { document?: EventTarget & { visibilityState?: string } }).document;
const isHidden = () => page()?.visibilityState === "hidden";

export class Heartbeat {
  readonly #options: Required<HeartbeatOptions>;
  readonly #hooks: HeartbeatHooks;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastHeard = 0;
  /** When the page last became visible: silence from before it does not count against the short limit. */
  #visibleSince = 0;
  readonly #onVisibility = () => this.#visibilityChanged();

  constructor(hooks: HeartbeatHooks, options: HeartbeatOptions = {}) {
    this.#hooks = hooks;
    this.#options = { intervalMs: 2_000, silenceMs: 8_000, hiddenIntervalMs: 20_000, hiddenSilenceMs: 150_000, ...options };
  }

  start(): void {
    this.#lastHeard = this.#visibleSince = Date.now();
    page()?.addEventListener("visibilitychange", this.#onVisibility);
    this.#schedule();
  }

  /** Anything arrived on the socket. */
  heard(): void {
    this.#lastHeard = Date.now();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    page()?.removeEventListener("visibilitychange", this.#onVisibility);
  }

  #schedule(): void {
    this.#timer = setTimeout(() => this.#tick(), isHidden() ? this.#options.hiddenIntervalMs : this.#options.intervalMs);
  }

  #tick(): void {
    const hidden = isHidden();
    const silentSince = hidden ? this.#lastHeard : Math.max(this.#lastHeard, this.#visibleSince);
    if (Date.now() - silentSince > (hidden ? this.#options.hiddenSilenceMs : this.#options.silenceMs)) {
      this.stop();
      return this.#hooks.dead();
    }
    this.#hooks.ping();
    this.#schedule();
  }

  #visibilityChanged(): void {
    if (this.#timer === undefined || isHidden()) return;
    this.#visibleSince = Date.now();
    clearTimeout(this.#timer);
    this.#hooks.ping();
    this.#schedule();
  }
}
