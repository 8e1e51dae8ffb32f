import { beforeEach, describe, expect, it, vi } from "vitest";
import { frameThrottle } from "../../../../client/render/frame-throttle.ts";

/** A hand-driven clock and animation frames, so the test says when time passes and frames come. */
function fakeFrames() {
  let now = 1_000;
  const callbacks = new Map<number, () => void>();
  let next = 1;
  return {
    now: () => now,
    request: (run: () => void) => {
      callbacks.set(next, run);
      return next++;
    },
    cancel: (id: number) => void callbacks.delete(id),
    advance: (ms: number) => void (now += ms),
    pending: () => callbacks.size,
    frame: () => {
      const due = [...callbacks.values()];
      callbacks.clear();
      for (const run of due) run();
    },
  };
}

const microtasks = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe("frameThrottle", () => {
  let frames: ReturnType<typeof fakeFrames>;
  beforeEach(() => {
    frames = fakeFrames();
  });

  it("runs a lone update at once, without waiting for an animation frame", async () => {
    const fn = vi.fn();
    frameThrottle(fn, frames).schedule();
    await microtasks();
    expect(fn).toHaveBeenCalledTimes(1);
    expect(frames.pending()).toBe(0);
  });

  it("runs the updates of one message once, after all of them", async () => {
    const fn = vi.fn();
    const throttle = frameThrottle(fn, frames);
    for (let i = 0; i < 5; i++) throttle.schedule();
    expect(fn).not.toHaveBeenCalled();
    await microtasks();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("waits for the next frame when it ran within the last frame, then runs once for the whole burst", async () => {
    const fn = vi.fn();
    const throttle = frameThrottle(fn, frames);
    throttle.schedule();
    await microtasks();
    frames.advance(5);
    throttle.schedule();
    throttle.schedule();
    await microtasks();
    expect(fn).toHaveBeenCalledTimes(1);
    expect(frames.pending()).toBe(1);
    frames.frame();
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it("runs at once again once a frame has passed since the last run ended", async () => {
    const fn = vi.fn();
    const throttle = frameThrottle(fn, frames);
    throttle.schedule();
    await microtasks();
    frames.advance(17);
    throttle.schedule();
    await microtasks();
    expect(fn).toHaveBeenCalledTimes(2);
    expect(frames.pending()).toBe(0);
  });

  it("runs nothing scheduled once cancelled, at once or in a frame", async () => {
    const fn = vi.fn();
    const throttle = frameThrottle(fn, frames);
    throttle.schedule();
    throttle.cancel();
    await microtasks();
    expect(fn).not.toHaveBeenCalled();
    throttle.schedule();
    await microtasks();
    frames.advance(1);
    throttle.schedule();
    throttle.cancel();
    frames.frame();
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
