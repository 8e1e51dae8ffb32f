/** Script tags that put a live app into any page, as Bokeh's `server_document`/`server_session`. */
import { escapeHtml } from "./http/pages.ts";

export interface ServerDocumentOptions {
  /** Reach the handler as `doc.session.request.arguments`. */
  arguments?: Record<string, string | number | boolean>;
  /** Reach the handler as `doc.session.request.embedHeaders` (apart from the request's real headers). */
  headers?: Record<string, string>;
}

function scriptTag(src: string, token?: string): string {
  const attribute = token === undefined ? "" : ` data-aperture-token="${escapeHtml(token)}"`;
  return `<script src="${escapeHtml(src)}"${attribute}></script>`;
}

function autoloadUrl(url: string, query: URLSearchParams): string {
  const base = url.replace(/\/+$/, "");
  const search = query.toString();
  return `${base}/autoload.js${search ? `?${search}` : ""}`;
}

/**
 * A `<script>` tag that renders a new session of the app at `url` where the tag stands.
 * @example res.send(`<h1>Report</h1>${serverDocument("http://127.0.0.1:5006/rolling")}`)
 */
export function serverDocument(url: string, options: ServerDocumentOptions = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(options.arguments ?? {})) {
    if (key.startsWith("aperture-")) throw new TypeError(`argument "${key}": the "aperture-" prefix is reserved`);
    query.set(key, String(value));
  }
  if (options.headers) query.set("aperture-headers", JSON.stringify(options.headers));
  return scriptTag(autoloadUrl(url, query));
}

/**
 * A `<script>` tag that renders a session the server already made (its signed id, the token
 * from `createSession`). The token is an attribute of the tag, never in its URL: the page
 * presents it in its socket's handshake.
 */
export function serverSession(options: { url: string; sessionId: string }): string {
  return scriptTag(autoloadUrl(options.url, new URLSearchParams()), options.sessionId);
}
