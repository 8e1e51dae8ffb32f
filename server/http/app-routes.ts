/** The HTTP side of the apps: the index, each app's page, autoload.js, and the client bundle. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import express, { type Request, type Response } from "express";
import type { Logger } from "../log.ts";
import type { AppSpec } from "../session/app.ts";
import type { SessionManager } from "../session/session-manager.ts";
import { appPage, autoloadErrorScript, autoloadScript, indexPage } from "./pages.ts";

export const CLIENT_DIR = fileURLToPath(new URL("../../dist/client/", import.meta.url));

export interface AppRoutesOptions {
  prefix: string;
  apps: ReadonlyMap<string, AppSpec>;
  sessions: SessionManager;
  logger: Logger;
  isAllowedOrigin: (origin: string | undefined, host: string | undefined) => boolean;
  /** Pass the page request's headers and cookies to `doc.session.request`. */
  includeHeaders: boolean;
}

export function assertClientBuilt(): void {
  if (!existsSync(`${CLIENT_DIR}aperture.js`)) {
    throw new Error(`the client bundle is missing (${CLIENT_DIR}aperture.js): run "npm run build" first`);
  }
}

const RESERVED = "aperture-";

/** Query arguments for the handler: the last value of each key, without Aperture's own. */
function handlerArguments(query: URLSearchParams): Record<string, string> {
  const args: Record<string, string> = {};
  for (const [key, value] of query) if (!key.startsWith(RESERVED) && key !== "__proto__") args[key] = value;
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
  const headers = Object.fromEntries(Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const cookies: Record<string, string> = {};
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name && name !== "__proto__") cookies[name] = decodeURIComponent(rest.join("="));
  }
  return { headers, cookies };
}

function sendScript(response: Response, script: string): void {
  response.set("Content-Type", "text/javascript; charset=utf-8").set("Cache-Control", "no-store").send(script);
}

export function appRoutes(options: AppRoutesOptions): express.Router {
  const { prefix, apps, sessions, logger } = options;
  const router = express.Router();

  router.use(`${prefix}/static`, express.static(CLIENT_DIR, { maxAge: "1h" }));
  router.get(`${prefix}/`, (_request, response) => void response.send(indexPage([...apps.values()], prefix)));
  router.get(`${prefix}/favicon.ico`, (_request, response) => void response.status(204).end());

  router.get(`${prefix}/:app/autoload.js`, async (request, response) => {
    const app = apps.get(request.params.app!);
    if (!app) return void response.status(404).type("text/plain").send(`no app "${request.params.app}"`);
    const referer = request.headers.referer;
    if (referer !== undefined && !options.isAllowedOrigin(referer, request.headers.host)) {
      logger.warn(`refused to embed ${app.name} in ${referer}: not in allowWebsocketOrigin`);
      return sendScript(response, autoloadErrorScript(`this page's origin may not embed "${app.name}" (see allowWebsocketOrigin)`));
    }
    const query = new URL(request.originalUrl, "http://localhost").searchParams;
    const base = `${request.protocol}://${request.headers.host}${prefix}`;
    const config = { bundleUrl: `${base}/static/aperture.js`, wsUrl: `${base.replace(/^http/, "ws")}/${app.name}/ws`, app: app.name };
    const existing = query.get("aperture-session");
    if (existing) return sendScript(response, autoloadScript({ ...config, token: existing }));
    try {
      const fromRequest = options.includeHeaders ? requestHeaders(request) : { headers: {}, cookies: {} };
      const headers = { ...fromRequest.headers, ...embedHeaders(query) };
      const { session, token } = await sessions.create(app, { arguments: handlerArguments(query), headers, cookies: fromRequest.cookies });
      logger.info(`app ${app.name}: session ${session.id} created`);
      sendScript(response, autoloadScript({ ...config, token }));
    } catch (error) {
      logger.error(`app ${app.name}: the handler failed while creating a session:`, error);
      const reason = error instanceof Error ? error.message : String(error);
      sendScript(response, autoloadErrorScript(`the app "${app.name}" failed to start: ${reason}`));
    }
  });

  router.get(`${prefix}/:app`, (request, response) => {
    const app = apps.get(request.params.app!);
    if (!app) return void response.status(404).type("text/plain").send(`no app "${request.params.app}"`);
    const query = new URL(request.originalUrl, "http://localhost").search;
    response.send(appPage(app, `${prefix}/${app.name}/autoload.js${query}`));
  });

  return router;
}
