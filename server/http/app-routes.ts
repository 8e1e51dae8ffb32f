/** The HTTP side of the apps: the index, each app's page, autoload.js, and the client bundle. */
import express, { type Request, type Response } from "express";
import type { Logger } from "../log.ts";
import type { AppSpec } from "../session/app.ts";
import type { Authorize } from "./options.ts";
import type { SessionManager } from "../session/session-manager.ts";
import type { ClientFiles } from "./client-files.ts";
import { appPage, autoloadErrorScript, autoloadScript, indexPage } from "./pages.ts";
import { staticFiles } from "./static-files.ts";

export interface AppRoutesOptions {
  prefix: string;
  apps: ReadonlyMap<string, AppSpec>;
  sessions: SessionManager;
  logger: Logger;
  isAllowedOrigin: (origin: string | undefined, host: string | undefined) => boolean;
  /** Pass the page request's headers and cookies to `doc.session.request`. */
  includeHeaders: boolean;
  /** Put a failed handler's error text in the page (development); else a generic reason. */
  showErrorDetails: boolean;
  authorize: Authorize | undefined;
  maxSessionsPerAddress: number;
  clientFiles: ClientFiles;
}

/** Whether the session's document draws a plot (its page then needs the plotly chunk). */
function hasFigure(session: { engine: { state: { models: Record<string, { type: string }> } } }): boolean {
  return Object.values(session.engine.state.models).some((model) => model.type === "Figure");
}

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

function requestHeaders(request: Request): { headers: Record<string, string>; cookies: Record<string, string> } {
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const cookies: Record<string, string> = {};
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name && name !== "__proto__") cookies[name] = decodeURIComponent(rest.join("="));
  }
  return { headers, cookies };
}

/**
 * Which page asks for autoload.js, when it may not embed the apps: by its Referer; and a page
 * of another site that hides its Referer (`referrerpolicy="no-referrer"`) is still known by
 * the browser's `Sec-Fetch-Site` and gets no session either (unless any origin is allowed).
 */
function embedderRefusal(request: Request, isAllowedOrigin: AppRoutesOptions["isAllowedOrigin"]): string | undefined {
  const { referer, host } = request.headers;
  if (referer !== undefined) return isAllowedOrigin(referer, host) ? undefined : referer.slice(0, 200);
  const site = request.headers["sec-fetch-site"];
  const foreign = site === "cross-site" || site === "same-site";
  return foreign && !isAllowedOrigin("http://any-origin.invalid", host) ? `a ${site} page without a Referer` : undefined;
}

function sendScript(response: Response, script: string): void {
  response.set("Content-Type", "text/javascript; charset=utf-8").set("Cache-Control", "no-store").send(script);
}

export function appRoutes(options: AppRoutesOptions): express.Router {
  const { prefix, apps, sessions, logger } = options;
  const router = express.Router();

  router.use(`${prefix}/static`, staticFiles(options.clientFiles));
  router.get(`${prefix}/`, (_request, response) => void response.send(indexPage([...apps.values()], prefix)));
  router.get(`${prefix}/favicon.ico`, (_request, response) => void response.status(204).end());

  /** A new session for a page request, or the reason (and HTTP status) why not. */
  async function newSession(
    app: AppSpec,
    request: Request,
    query: URLSearchParams,
  ): Promise<{ token: string; figure: boolean } | { status: number; reason: string }> {
    const user = options.authorize ? await options.authorize(request) : undefined;
    if (user === null) return { status: 401, reason: "not signed in (the server's authorize hook refused this request)" };
    const address = request.ip ?? request.socket.remoteAddress ?? "unknown";
    if (sessions.countFrom(address) >= options.maxSessionsPerAddress) {
      logger.warn(`app ${app.name}: refused a session for ${address}: it already has ${options.maxSessionsPerAddress}`);
      return { status: 429, reason: `too many open sessions from ${address}; close some pages` };
    }
    try {
      const fromRequest = options.includeHeaders ? requestHeaders(request) : { headers: {}, cookies: {} };
      const sessionRequest = {
        arguments: handlerArguments(query),
        headers: fromRequest.headers,
        cookies: fromRequest.cookies,
        embedHeaders: embedHeaders(query),
        ...(user === undefined ? {} : { user }),
      };
      const { session, token } = await sessions.create(app, sessionRequest, address);
      logger.info(`app ${app.name}: session ${session.id} created`);
      return { token, figure: hasFigure(session) };
    } catch (error) {
      logger.error(`app ${app.name}: the handler failed while creating a session:`, error);
      const detail = options.showErrorDetails
        ? `: ${error instanceof Error ? error.message : String(error)}`
        : " (the server's log has the details)";
      return { status: 500, reason: `the app "${app.name}" failed to start${detail}` };
    }
  }

  const urlsFor = (request: Request, app: AppSpec, query: URLSearchParams) => {
    const base = `${request.protocol}://${request.headers.host}${prefix}`;
    const search = new URLSearchParams([...query].filter(([key]) => key !== "aperture-session")).toString();
    return {
      bundleUrl: `${base}/static/${options.clientFiles.entry}`,
      wsUrl: `${base.replace(/^http/, "ws")}/${app.name}/ws`,
      sessionUrl: `${base}/${app.name}/session${search ? `?${search}` : ""}`,
      app: app.name,
      staticUrl: `${base}/static`,
    };
  };

  router.get(`${prefix}/:app/autoload.js`, async (request, response) => {
    const app = apps.get(request.params.app);
    if (!app) return void response.status(404).type("text/plain").send(`no app "${request.params.app}"`);
    const refusal = embedderRefusal(request, options.isAllowedOrigin);
    if (refusal) {
      logger.warn(`refused to embed ${app.name} in ${refusal}: not in allowWebsocketOrigin`);
      return sendScript(response, autoloadErrorScript(`this page's origin may not embed "${app.name}" (see allowWebsocketOrigin)`));
    }
    const query = new URL(request.originalUrl, "http://localhost").searchParams;
    const config = urlsFor(request, app, query);
    const existing = query.get("aperture-session");
    // A session made ahead (serverSession) loads plotly when its first figure asks for it.
    if (existing) return sendScript(response, autoloadScript({ ...config, token: existing, preload: [] }));
    const made = await newSession(app, request, query);
    if (!("token" in made)) return sendScript(response, autoloadErrorScript(made.reason));
    // A page with a figure starts fetching plotly now, while the entry opens the socket.
    const preload = made.figure ? options.clientFiles.figureChunks.map((file) => `${config.staticUrl}/${file}`) : [];
    sendScript(response, autoloadScript({ ...config, token: made.token, preload }));
  });

  /** A fresh session for a page whose session was lost in a restart (CORS for allowed origins). */
  router.post(`${prefix}/:app/session`, async (request, response) => {
    const app = apps.get(request.params.app);
    if (!app) return void response.status(404).json({ error: `no app "${request.params.app}"` });
    const origin = request.headers.origin;
    if (!options.isAllowedOrigin(origin, request.headers.host)) return void response.status(403).json({ error: "origin not allowed" });
    if (origin) response.set("Access-Control-Allow-Origin", origin).set("Vary", "Origin");
    const query = new URL(request.originalUrl, "http://localhost").searchParams;
    const made = await newSession(app, request, query);
    if (!("token" in made)) return void response.status(made.status).json({ error: made.reason });
    response.set("Cache-Control", "no-store").json({ ...urlsFor(request, app, query), token: made.token });
  });

  router.get(`${prefix}/:app`, async (request, response) => {
    const app = apps.get(request.params.app);
    if (!app) return void response.status(404).type("text/plain").send(`no app "${request.params.app}"`);
    // The app's own page (its template may show anything) is for authorized users only, like its sessions.
    if (options.authorize && (await options.authorize(request)) === null) {
      return void response.status(401).type("text/plain").send("not signed in (the server's authorize hook refused this request)");
    }
    const query = new URL(request.originalUrl, "http://localhost").search;
    response.send(appPage(app, `${prefix}/${app.name}/autoload.js${query}`, `${prefix}/static/${options.clientFiles.entry}`));
  });

  return router;
}
