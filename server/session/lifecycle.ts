/**
 * Bokeh's server lifecycle hooks of an app module: `onServerLoaded(context)` once per process
 * before any session, `onServerUnloaded(context)` when the server shuts down. (The session
 * hooks, `onSessionCreated` before the handler and `onSessionDestroyed`, run in the session
 * manager.)
 */
import type { SessionContext } from "../document/session-context.ts";
import type { Logger } from "../log.ts";
import type { AppSpec } from "./app.ts";

/** What the server hooks see: the app, and its sessions open in this process. */
export interface ServerContext {
  readonly app: string;
  /** As `doc.session.argv`: the app's file (or name) and the server's `--args`. */
  readonly argv: readonly string[];
  sessions(): SessionContext[];
}

export type ServerHook = (context: ServerContext) => void | Promise<void>;

function contextOf(app: AppSpec, sessions: () => SessionContext[]): ServerContext {
  return { app: app.name, argv: app.argv ?? [app.name], sessions: () => sessions().filter((session) => session.app === app.name) };
}

/** Runs every app's `onServerLoaded`; the first that throws rejects (the server does not start). */
export async function serverLoaded(apps: Iterable<AppSpec>, sessions: () => SessionContext[]): Promise<void> {
  await Promise.all([...apps].map(async (app) => app.onServerLoaded?.(contextOf(app, sessions))));
}

/** Runs every app's `onServerUnloaded`; one that throws is logged and the others still run. */
export async function serverUnloaded(apps: Iterable<AppSpec>, sessions: () => SessionContext[], logger: Logger): Promise<void> {
  await Promise.all(
    [...apps].map(async (app) => {
      try {
        await app.onServerUnloaded?.(contextOf(app, sessions));
      } catch (error) {
        logger.error(`app ${app.name}: onServerUnloaded failed:`, error);
      }
    }),
  );
}
