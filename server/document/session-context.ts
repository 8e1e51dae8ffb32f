import type { ChannelMessage } from "../channels/layer.ts";

/** What a handler sees of its session through `doc.session`. The session layer fills it in. */
export interface SessionRequest {
  /**
   * Query arguments of the page (or of the embed's `arguments`): a key given once is a
   * string, a repeated key (`?tag=a&tag=b`) an array of its values in order, as Bokeh's lists.
   */
  arguments: Record<string, string | string[]>;
  /** The page request's own headers (with `includeHeaders`), never overridden by an embed. */
  headers: Record<string, string>;
  cookies: Record<string, string>;
  /**
   * Headers an embedding page supplied (`serverDocument(url, { headers })`): the page's
   * author or its visitor wrote them, so they are kept apart and are no proof of anything.
   */
  embedHeaders?: Record<string, string>;
  /** What the server's `authorize` hook returned for the page request, if there is one. */
  user?: unknown;
}

export type Unsubscribe = () => void;

export interface SessionContext {
  readonly id: string;
  readonly app: string;
  /** The app's file (or name) and the server's `--args`, as Python's `sys.argv` under `bokeh serve`. */
  readonly argv: readonly string[];
  readonly request: SessionRequest;
  /** Per-session app data (Panel's `pn.state.cache` per session): `onSessionCreated` can fill it for the handler. */
  readonly state: Record<string, unknown>;
  /** Calls `handler` for each message sent to the channel-layer group; ends with the session. */
  subscribe(group: string, handler: (message: ChannelMessage) => unknown): Promise<Unsubscribe>;
}

/** The context of a document that no session serves (built in a test or a script). */
export function detachedSession(): SessionContext {
  return {
    id: "detached",
    app: "",
    argv: [],
    request: { arguments: {}, headers: {}, cookies: {} },
    state: {},
    subscribe: () => Promise.reject(new Error("this document has no session, so it cannot join groups")),
  };
}
