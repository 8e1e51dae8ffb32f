/**
 * Runs `fn` about once per animation frame at most, without waiting for a frame it need not
 * wait for: when the last run ended at least a frame ago, it runs at once (in a microtask, so
 * the rest of the current message's changes join it), else in the next frame. A lone update
 * (the answer to a slider move) is drawn without the wait for the next frame (8 ms on average,
 * up to 16.7); a burst of updates still costs one run a frame.
 */
const FRAME_MS = 1_000 / 60;

/** The page's clock and animation frames (`performance.now`, `requestAnimationFrame`, `cancelAnimationFrame`). */
export interface Frames {
  now(): number;
  request(run: () => void): number;
  cancel(id: number): void;
}

export interface FrameThrottle {
  schedule(): void;
  cancel(): void;
}

export function frameThrottle(fn: () => void, frames: Frames): FrameThrottle {
  let frame: number | undefined;
  let soon = false;
  let lastEnd = -Infinity;
  const run = () => {
    frame = undefined;
    soon = false;
    try {
      fn();
    } finally {
      lastEnd = frames.now();
    }
  };
  return {
    schedule() {
      if (frame !== undefined || soon) return;
      if (frames.now() - lastEnd < FRAME_MS) return void (frame = frames.request(run));
      soon = true;
      queueMicrotask(() => {
        if (soon) run();
      });
    },
    cancel() {
      if (frame !== undefined) frames.cancel(frame);
      frame = undefined;
      soon = false;
    },
  };
}
