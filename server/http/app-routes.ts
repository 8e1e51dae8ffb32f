/** The HTTP side of the apps: the index, each app's page, autoload.js, and the client bundle. */
import express, { type Request, type Response } from "express";
import type { AppSpec } from "../session/app.ts";
import type { Authorize } from "./options.ts";
import type { ClientFiles } from "./client-files.ts";
import { loginRedirect } from "./auth-module.ts";
import { appPage, autoloadErrorScript, autoloadScript, customIndexPage, indexPage } from "./pages.ts";
import { clientAddress, makeSession, type SessionMaking } from "./session-request.ts";
import { compileTemplate, TemplateError, type PageTemplate } from "./page-template.ts";
import { staticFiles } from "./static-files.ts";
import { sendTemplatePage } from "./template-page.ts";

export interface AppRoutesOptions {
  prefix: string;
  apps: ReadonlyMap<string, AppSpec>;
  making: SessionMaking;
  isAllowedOrigin: (origin: string | undefined, host: string | undefined) => boolean;
  authorize: Authorize | undefined;
  /** Where page requests `authorize` refuses are redirected (an auth module's `loginUrl`); else they get 401. */
  loginUrl: ((request: Request) => string) | undefined;
  /** The index template (`{{ items }}`, `{{ prefix }}`), null for no index, undefined for Aperture's. */
  index: string | null | undefined;
  clientFiles: ClientFiles;
}

/**
 * Which page asks for autoload.js, when it may not embed the apps: by its Referer; and a page
 * of another site that hides its Referer (`referrerpolicy="no-referrer"`) is still known by
 * the browser's `Sec-Fetch-Site`. Only a courtesy (the reason shown where the app would be):
 * autoload makes no session, and the socket that would is refused for such an origin.
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
  const { prefix, apps, making } = options;
  const { logger } = making;
  const router = express.Router();

  router.use(`${prefix}/static`, staticFiles(options.clientFiles));
  /**
   * The user of a page request (undefined without `authorize`), or, when `authorize` refuses
   * it, undefined after answering: sent to sign in (auth module), else 401.
   */
  async function pageUser(request: Request, response: Response): Promise<{ user: unknown } | undefined> {
    const user = options.authorize ? await options.authorize(request) : undefined;
    if (user !== null) return { user };
    if (options.loginUrl) response.redirect(302, loginRedirect(options.loginUrl(request), request.originalUrl));
    else response.status(401).type("text/plain").send("not signed in (the server's authorize hook refused this request)");
    return undefined;
  }

  if (options.index !== null) {
    const template = options.index;
    router.get(`${prefix}/`, async (request, response) => {
      // Only an auth module guards the index (its users expect Bokeh's: every page needs a user).
      if (options.loginUrl && !(await pageUser(request, response))) return;
      response.send(template === undefined ? indexPage([...apps.values()], prefix) : customIndexPage(template, [...apps.values()], prefix));
    });
  }
  router.get(`${prefix}/favicon.ico`, (_request, response) => void response.status(204).end());

  /** The socket URL carries the page's query: a socket that makes a session gives it to the handler. */
  const urlsFor = (request: Request, app: AppSpec, query: URLSearchParams) => {
    const base = `${request.protocol}://${request.headers.host}${prefix}`;
    const search = query.toString();
    return {
      bundleUrl: `${base}/static/${options.clientFiles.entry}`,
      wsUrl: `${base.replace(/^http/, "ws")}/${app.name}/ws${search ? `?${search}` : ""}`,
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
    // Also a courtesy: the socket is refused the same way (401).
    if (options.authorize && (await options.authorize(request)) === null) {
      return sendScript(response, autoloadErrorScript("not signed in (the server's authorize hook refused this request)"));
    }
    const query = new URL(request.originalUrl, "http://localhost").searchParams;
    // No session here: the page's socket asks for one (its Origin is checked), so a script
    // tag on another site's page gets neither a session nor a token.
    const config = urlsFor(request, app, query);
    const preload = making.drawsFigures.has(app.name) ? options.clientFiles.figureChunks.map((file) => `${config.staticUrl}/${file}`) : [];
    sendScript(response, autoloadScript({ ...config, preload }));
  });

  /** A session for a script or a server of an allowed origin (CORS): its token, for the socket's handshake. */
  router.post(`${prefix}/:app/session`, async (request, response) => {
    const app = apps.get(request.params.app);
    if (!app) return void response.status(404).json({ error: `no app "${request.params.app}"` });
    const origin = request.headers.origin;
    if (!options.isAllowedOrigin(origin, request.headers.host)) return void response.status(403).json({ error: "origin not allowed" });
    if (origin) response.set("Access-Control-Allow-Origin", origin).set("Vary", "Origin");
    const user = options.authorize ? await options.authorize(request) : undefined;
    if (user === null) return void response.status(401).json({ error: "not signed in (the server's authorize hook refused this request)" });
    const query = new URL(request.originalUrl, "http://localhost").searchParams;
    const made = await makeSession(making, app, { request, query, user, address: request.ip ?? clientAddress(request) });
    if (!made.ok) return void response.status(made.status).json({ error: made.reason });
    response.set("Cache-Control", "no-store").json({ ...urlsFor(request, app, query), token: made.token });
  });

  const templates = compileTemplates(apps);
  router.get(`${prefix}/:app`, async (request, response) => {
    const app = apps.get(request.params.app);
    if (!app) return void response.status(404).type("text/plain").send(`no app "${request.params.app}"`);
    // The app's own page (its template may show anything) is for authorized users only, like its sessions.
    const asked = await pageUser(request, response);
    if (!asked) return;
    const query = new URL(request.originalUrl, "http://localhost").search;
    const autoloadSrc = `${prefix}/${app.name}/autoload.js${query}`;
    const entrySrc = `${prefix}/static/${options.clientFiles.entry}`;
    const templated = templates.get(app.name);
    if (!templated) return void response.send(appPage(app, autoloadSrc, entrySrc));
    const { isAllowedOrigin } = options;
    await sendTemplatePage(request, response, { app, making, isAllowedOrigin, user: asked.user, autoloadSrc, entrySrc, ...templated });
  });

  return router;
}

/** Each app's template, compiled once: a template that cannot be filled stops the server's start, naming the app. */
function compileTemplates(apps: ReadonlyMap<string, AppSpec>): Map<string, { template: PageTemplate; warned: Set<string> }> {
  const templates = new Map<string, { template: PageTemplate; warned: Set<string> }>();
  for (const app of apps.values()) {
    if (app.template === undefined) continue;
    if (app.page) throw new TemplateError(`app ${app.name}: has both a page and a template; keep one`);
    try {
      templates.set(app.name, { template: compileTemplate(app.template), warned: new Set() });
    } catch (error) {
      if (error instanceof TemplateError) throw new TemplateError(`app ${app.name}: template ${error.message}`);
      throw error;
    }
  }
  return templates;
}
