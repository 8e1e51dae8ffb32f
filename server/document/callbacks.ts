/** Periodic, timeout and next-tick callbacks of one document; all stop with its session. */
export interface CallbackHandle {
  stop(): void;
}

type Runner = (fn: () => unknown, context: string) => void;

export class CallbackScheduler {
  private readonly active = new Set<CallbackHandle>();
  private stopped = false;

  /** `run` executes a callback the way the session wants: in order, with errors reported. */
  constructor(private readonly run: Runner) {}

  periodic(fn: () => unknown, ms: number): CallbackHandle {
    assertDelay(ms);
    const timer = setInterval(() => this.run(fn, "periodic callback"), ms);
    return this.track(() => clearInterval(timer));
  }

  timeout(fn: () => unknown, ms: number): CallbackHandle {
    assertDelay(ms);
    const timer = setTimeout(() => {
      this.active.delete(handle);
      this.run(fn, "timeout callback");
    }, ms);
    const handle = this.track(() => clearTimeout(timer));
    return handle;
  }

  nextTick(fn: () => unknown): CallbackHandle {
    const timer = setImmediate(() => {
      this.active.delete(handle);
      this.run(fn, "next-tick callback");
    });
    const handle = this.track(() => clearImmediate(timer));
    return handle;
  }

  get size(): number {
    return this.active.size;
  }

  /** Stops every callback; later ones are refused (the session has ended). */
  stopAll(): void {
    this.stopped = true;
    for (const handle of [...this.active]) handle.stop();
  }

  private track(cancel: () => void): CallbackHandle {
    if (this.stopped) {
      cancel();
      throw new Error("the session has ended; no new callbacks can be added");
    }
    const handle: CallbackHandle = {
      stop: () => {
        cancel();
        this.active.delete(handle);
      },
    };
    this.active.add(handle);
    return handle;
  }
}

function assertDelay(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`callback delay must be a non-negative number of ms, got ${ms}`);
}
