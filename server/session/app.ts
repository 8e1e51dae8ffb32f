/** An app: the handler that builds each session's document, plus its lifecycle hooks. */
import type { Document } from "../document/document.ts";
import type { SessionContext } from "../document/session-context.ts";

export type Handler = (doc: Document) => void | Promise<void>;

export interface AppSpec {
  /** URL path segment: the app is served at `/<name>`. */
  name: string;
  handler: Handler;
  title?: string;
  onSessionCreated?: (session: SessionContext) => void | Promise<void>;
  onSessionDestroyed?: (session: SessionContext) => void | Promise<void>;
}

const APP_NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;

export function assertAppName(name: string): void {
  if (!APP_NAME.test(name) || name === "static") {
    throw new TypeError(`app name "${name}" must be letters, digits, "-", "_" or "." (and not "static")`);
  }
}
