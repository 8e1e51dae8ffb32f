/**
 * Item 5, streaming — a hook, not measured yet. What it will measure: the points per second
 * one session can stream to a browser with the plot keeping up (no growing backlog), and the
 * same with 100 light sessions at once.
 *
 * What it needs first:
 * - a way to see the backlog: the server does not yet bound or expose a socket's unsent
 *   bytes (`ws.bufferedAmount`, DESIGN.md "slow clients need backpressure"), and the page
 *   exposes the `seq` it applied (`Aperture.documents[i].seq`) but not the one it last drew;
 * - then: a bench app streaming `rows` every `every` ms (bench/apps/ticker.ts already takes
 *   both), a page probe comparing the last drawn x with the server's last streamed x, and a
 *   search for the highest rate whose backlog stays flat over a window.
 */
export const STREAMING_NEEDS =
  "needs a visible backlog: per-socket unsent bytes on the server (bounded ws.bufferedAmount) or the seq the page last drew";

export interface NotMeasured {
  measured: false;
  needs: string;
}

export function measureStreaming(): NotMeasured {
  return { measured: false, needs: STREAMING_NEEDS };
}
