/**
 * Sticky routing for several worker processes: session ids start with `w<index>-`, and a
 * socket that names a session (its token is a WebSocket sub-protocol, never in the URL) goes
 * to the worker that holds it. A request that makes a session goes to the worker with the fewest
 * (balancer.ts); anything else to the next worker in turn.
 */
import { tokenOfProtocols } from "../protocol/index.ts";
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

/** The worker holding the session a request names (`Sec-WebSocket-Protocol: aperture, aperture-token.w1-…`), if it names one. */
export function workerOfRequest(head: RequestHead): number | undefined {
  const token = tokenOfProtocols(head.headers.get("sec-websocket-protocol"));
  return token ? workerOfSession(token) : undefined;
}

/**
 * Whether a request makes a new session: a POST to `/<app>/session`, or an app's socket
 * (`/<app>/ws`) that names no session (`autoload.js` makes none). These are balanced over the workers
 * by their sessions, apart from every other request, so the page, its scripts and its other
 * requests cannot keep its sessions on one worker.
 */
export function createsSession(head: RequestHead): boolean {
  if (workerOfRequest(head) !== undefined) return false;
  const path = head.target.split("?")[0]!;
  if (head.method === "POST") return path.endsWith("/session");
  if (head.method !== "GET") return false;
  return path.endsWith("/ws") && head.headers.get("upgrade")?.toLowerCase() === "websocket";
}
