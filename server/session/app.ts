/** An app: the handler that builds each session's document, plus its lifecycle hooks. */
import type { Router } from "express";
import type { WebSocketRoutes } from "../channels/routing.ts";
import type { Document } from "../document/document.ts";
import type { SessionContext } from "../document/session-context.ts";
import type { ServerHook } from "./lifecycle.ts";

export type Handler = (doc: Document) => void | Promise<void>;

export interface AppSpec {
  /** URL path segment: the app is served at `/<name>`. */
  name: string;
  handler: Handler;
  title?: string;
  /** `doc.session.argv` (and the server hooks' `context.argv`): `[file, ...--args]`; the server fills it in. */
  argv?: readonly string[];
  /** The file the app was loaded from (`aperture serve`), the first entry of `argv`. */
  file?: string;
  /** Once per process, before any session (Bokeh's `on_server_loaded`). */
  onServerLoaded?: ServerHook;
  /** When the server shuts down, after its sessions (Bokeh's `on_server_unloaded`). */
  onServerUnloaded?: ServerHook;
  /** Before the handler: what it puts on `session.state` the handler reads (Bokeh's order). */
  onSessionCreated?: (session: SessionContext) => void | Promise<void>;
  onSessionDestroyed?: (session: SessionContext) => void | Promise<void>;
  /** WebSocket consumers by URL pattern (absolute, e.g. "/ws/notifications/"). */
  websockets?: WebSocketRoutes;
  /** Adds HTTP routes under `/<app>` (e.g. `router.post("/items", …)` → POST /<app>/items). */
  routes?: (router: Router) => void;
  /**
   * Paths of `routes` (patterns as Express writes them, under `/<app>`, e.g. "/health") that
   * the server's `authorize` hook does not guard; every other route is guarded, as the app's
   * page is (Django's LoginRequiredMiddleware with `login_not_required`).
   */
  publicRoutes?: string[];
  /** The app's own page around its document (`embed` is the script tag). */
  page?: (embed: string) => string;
  /**
   * Bokeh's page template: HTML with `{{ embed }}`, `{{ embed(roots.<name>) }}`, `{{ title }}`
   * and `{{ <templateVariable> }}` slots, filled with the session's document when the page is
   * requested (docs/server.md "Page templates"). Not with `page`.
   */
  template?: string;
}

const APP_NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;

export function assertAppName(name: string): void {
  if (!APP_NAME.test(name) || name === "static") {
    throw new TypeError(`app name "${name}" must be letters, digits, "-", "_" or "." (and not "static")`);
  }
}
