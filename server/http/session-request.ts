/**
 * Making a session for a client's request: the one place that checks `authorize`'s answer, the
 * sessions per address, and builds what the handler sees as `doc.session.request`. Only
 * origin-checked requests get here (a page's socket, `POST /<app>/session`), so a page of
 * another site can neither make a session nor learn a token (issue 10 item 8).
 */
import type { IncomingMessage } from "node:http";
import type { RestoreEntry } from "../protocol/index.ts";
import type { SessionRequest } from "../document/session-context.ts";
import type { Logger } from "../log.ts";
import type { AppSpec } from "../session/app.ts";
import type { Session } from "../session/session.ts";
import { filterRequest, type RequestFilter } from "./request-filter.ts";
import type { SessionManager } from "../session/session-manager.ts";

export interface SessionMaking {
  sessions: SessionManager;
  logger: Logger;
  /** Which of the request's headers and cookies reach `doc.session.request`. */
  requestFilter: RequestFilter;
  /** Put a failed handler's error text in the answer (development); else a generic reason. */
  showErrorDetails: boolean;
  maxSessionsPerAddress: number;
  /** Apps whose latest session drew a figure: their pages fetch plotly while the socket opens. */
  drawsFigures: Set<string>;
}

export interface SessionAsk {
  request: IncomingMessage;
  /** The page's query: the handler's arguments and `aperture-headers`. */
  query: URLSearchParams;
  /** What `authorize` returned (undefined without the hook; null never gets here). */
  user: unknown;
  address: string;
  restore?: readonly RestoreEntry[];
}

export type Made = { ok: true; session: Session; token: string } | { ok: false; status: number; reason: string };

const RESERVED = "aperture-";

/** Query arguments for the handler, without Aperture's own: a repeated key's values as an array. */
export function handlerArguments(query: URLSearchParams): Record<string, string | string[]> {
  const args: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    if (key.startsWith(RESERVED) || key === "__proto__") continue;
    const values = query.getAll(key);
    args[key] = values.length === 1 ? values[0]! : values;
  }
  return args;
}

function embedHeaders(query: URLSearchParams): Record<string, string> {
  const raw = query.get("aperture-headers");
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("aperture-headers must be a JSON object");
  return Object.fromEntries(Object.entries(parsed).filter(([key, value]) => typeof value === "string" && key !== "__proto__"));
}

function sessionRequest(making: SessionMaking, ask: SessionAsk): SessionRequest {
  const fromRequest = filterRequest(making.requestFilter, ask.request.headers);
  return {
    arguments: handlerArguments(ask.query),
    headers: fromRequest.headers,
    cookies: fromRequest.cookies,
    embedHeaders: embedHeaders(ask.query),
    ...(ask.user === undefined ? {} : { user: ask.user }),
  };
}

/** A new session of `app` (the handler ran, restored values applied), or why not with an HTTP status. */
export async function makeSession(making: SessionMaking, app: AppSpec, ask: SessionAsk): Promise<Made> {
  const { sessions, logger, maxSessionsPerAddress } = making;
  if (sessions.countFrom(ask.address) >= maxSessionsPerAddress) {
    logger.warn(`app ${app.name}: refused a session for ${ask.address}: it already has ${maxSessionsPerAddress}`);
    return { ok: false, status: 429, reason: `too many open sessions from ${ask.address}; close some pages` };
  }
  try {
    const { session, token } = await sessions.create(app, sessionRequest(making, ask), ask.address, ask.restore);
    if (Object.values(session.engine.state.models).some((model) => model.type === "Figure")) making.drawsFigures.add(app.name);
    else making.drawsFigures.delete(app.name);
    logger.info(`app ${app.name}: session ${session.id} created${ask.restore?.length ? " with the values its page kept" : ""}`);
    return { ok: true, session, token };
  } catch (error) {
    logger.error(`app ${app.name}: the handler failed while creating a session:`, error);
    const detail = making.showErrorDetails
      ? `: ${error instanceof Error ? error.message : String(error)}`
      : " (the server's log has the details)";
    return { ok: false, status: 500, reason: `the app "${app.name}" failed to start${detail}` };
  }
}

/**
 * The client's address: the TCP peer, or behind proxies `trust` believes (`useXheaders`), the
 * first X-Forwarded-For address (from the right) that is not one of them, as Express's `req.ip`.
 */
export function clientAddress(request: IncomingMessage, trust?: (address: string, hop: number) => boolean): string {
  const peer = request.socket.remoteAddress ?? "unknown";
  if (!trust) return peer;
  const header = request.headers["x-forwarded-for"];
  const forwarded = (typeof header === "string" ? header : "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .reverse();
  const chain = [peer, ...forwarded];
  for (let hop = 0; hop < chain.length - 1; hop++) if (!trust(chain[hop]!, hop)) return chain[hop]!;
  return chain.at(-1)!;
}
