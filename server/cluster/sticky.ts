/**
 * Sticky routing for several worker processes: session ids start with `w<index>-`, and a
 * request that names a session (in its query, or as a WebSocket sub-protocol) goes to the
 * worker that holds it. A request that makes a session goes to the worker with the fewest
 * (balancer.ts); anything else to the next worker in turn.
 */
import type { RequestHead } from "./request-head.ts";

const MARK = /^w(\d{1,3})-/;

/** The worker a session id (or a token, which starts with it) belongs to, from its `w<index>-` mark. */
export function workerOfSession(sessionId: string): number | undefined {
  const match = MARK.exec(sessionId);
  return match ? Number(match[1]) : undefined;
}

export function sessionPrefix(worker: number): string {
  return `w${worker}-`;
}

function queryOf(target: string): URLSearchParams | undefined {
  try {
    return new URL(target, "http://localhost").searchParams;
  } catch {
    return undefined;
  }
}

/** Where a request may carry a session's token: `?token=` (sockets), `?aperture-session=` (autoload), a sub-protocol. */
function namedTokens(head: RequestHead): string[] {
  const query = queryOf(head.target);
  const fromQuery = [query?.get("token"), query?.get("aperture-session")];
  const protocols = (head.headers.get("sec-websocket-protocol") ?? "").split(",").map((entry) => entry.trim());
  return [...fromQuery, ...protocols].filter((token): token is string => !!token);
}

/** The worker holding the session a request names, if it names one. */
export function workerOfRequest(head: RequestHead): number | undefined {
  for (const token of namedTokens(head)) {
    const worker = workerOfSession(token);
    if (worker !== undefined) return worker;
  }
  return undefined;
}

/**
 * Whether a request makes a new session: `autoload.js`, a POST to `/<app>/session`, or an
 * app's socket (`/<app>/ws`), when it names no session. These are balanced over the workers
 * by their sessions, apart from every other request, so the page, its scripts and its other
 * requests cannot keep its sessions on one worker.
 */
export function createsSession(head: RequestHead): boolean {
  if (workerOfRequest(head) !== undefined) return false;
  const path = head.target.split("?")[0]!;
  if (head.method === "POST") return path.endsWith("/session");
  if (head.method !== "GET") return false;
  return path.endsWith("/autoload.js") || (path.endsWith("/ws") && head.headers.get("upgrade")?.toLowerCase() === "websocket");
}
