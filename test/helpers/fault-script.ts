/**
 * The faults the resume tests inject through a fault proxy (fault-proxy.ts), drawn from a seeded
 * generator: cuts, stalls, half-open links, delays, and a dead socket's bytes delivered after
 * the page reconnected. Used by the Node test of the client code and by the Chromium one.
 */
import type { Rng } from "./fuzz-frames.ts";
import type { FaultProxy, Link } from "./fault-proxy.ts";

export const FAULT_KINDS = ["cut", "stall", "stall", "half-open", "delay", "late-delivery"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultTiming {
  /** How long the page's heartbeat waits on a silent socket before it drops it (its `silenceMs`). */
  silenceMs: number;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits on a condition (polled every 10 ms), failing with `state()` after `timeoutMs`. */
export async function waitFor(test: () => boolean, timeoutMs: number, state: () => string = () => ""): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out ${state()}`);
    await pause(10);
  }
}

/** One fault on the links open now; resolves with its kind when it is over (the proxy carries bytes again). */
export async function injectFault(rng: Rng, proxy: FaultProxy, timing: FaultTiming): Promise<FaultKind> {
  const links = [...proxy.links];
  const made = proxy.made;
  const kind = rng.pick(FAULT_KINDS);
  const each = (fn: (link: Link) => void) => links.forEach(fn);
  switch (kind) {
    case "cut":
      each((link) => link.cut());
      break;
    case "stall":
      // Shorter than the heartbeat's patience or longer: a hiccup, or a reconnect with the old bytes arriving after.
      each((link) => link.stall());
      await pause(50 + rng.int(1.5 * timing.silenceMs));
      each((link) => link.release());
      break;
    case "half-open":
      // Silent past the heartbeat's patience: the page must notice by itself.
      each((link) => link.stall());
      await pause(1.5 * timing.silenceMs);
      each((link) => link.cut());
      break;
    case "delay":
      each((link) => link.delay(10 + rng.int(80)));
      await pause(500);
      each((link) => link.delay(0));
      break;
    case "late-delivery":
      // What the page sent on the dead socket reaches the server after its new socket took over.
      each((link) => link.stall());
      await waitFor(() => proxy.made > made, 10 * timing.silenceMs);
      await pause(rng.int(200));
      each((link) => link.up.release());
      await pause(100);
      each((link) => link.cut());
      break;
  }
  return kind;
}
