/**
 * The page of an app with a template: as Bokeh's, the session is made when the page is
 * requested, so `doc.title` and `doc.templateVariables` are in its HTML; the page's socket
 * then attaches to that session with its token (held in the script tag, never in a URL).
 */
import type { Request, Response } from "express";
import type { AppSpec } from "../session/app.ts";
import { embedTags, escapeHtml, page } from "./pages.ts";
import type { PageTemplate } from "./page-template.ts";
import { renderTemplate } from "./page-template.ts";
import { clientAddress, makeSession, type SessionMaking } from "./session-request.ts";

export interface TemplatePageAsk {
  app: AppSpec;
  template: PageTemplate;
  making: SessionMaking;
  isAllowedOrigin: (origin: string | undefined, host: string | undefined) => boolean;
  /** What `authorize` returned (undefined without the hook). */
  user: unknown;
  autoloadSrc: string;
  entrySrc: string;
  /** The variables already warned about as missing (one warning per app and name, not per page). */
  warned: Set<string>;
}

const header = (request: Request, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
};

/**
 * Whether this request may make the session: not when the browser says another site's page
 * asked for it without the visitor (a frame, a prefetch, a script's fetch, by the Fetch
 * Metadata headers), unless that site is an allowed origin. Such a page must not spend the
 * visitor's sessions per address (docs/security.md); it gets the page without the variables,
 * and the page's socket asks for the session, origin-checked as for every other page.
 */
export function mayMakeSessionAtPage(request: Request, isAllowedOrigin: TemplatePageAsk["isAllowedOrigin"]): boolean {
  if (/prefetch|prerender/.test(header(request, "sec-purpose") ?? header(request, "purpose") ?? "")) return false;
  const site = header(request, "sec-fetch-site");
  if (site === undefined || site === "same-origin" || site === "none") return true;
  // A top-level navigation: the visitor opened the page, from a link or a bookmark.
  if (header(request, "sec-fetch-dest") === "document") return true;
  const referer = header(request, "referer");
  return referer !== undefined && isAllowedOrigin(referer, request.headers.host);
}

/** Answers the page: the filled template, or the reason no session could be made (with its status). */
export async function sendTemplatePage(request: Request, response: Response, ask: TemplatePageAsk): Promise<void> {
  const { app, making } = ask;
  response.set("Cache-Control", "no-store");
  const fill = (title: string, variables: Readonly<Record<string, unknown>>, token?: string) =>
    renderTemplate(ask.template, {
      title,
      variables,
      script: embedTags(ask.autoloadSrc, ask.entrySrc, { template: ask.template.showsOtherRoots ? "all" : "named", token }),
      onMissing: (name) => {
        if (ask.warned.has(name) || ask.warned.size >= 100) return;
        ask.warned.add(name);
        making.logger.warn(`app ${app.name}: the template names {{ ${name} }}, which doc.templateVariables does not have`);
      },
    });
  const fallbackTitle = app.title ?? app.name;
  if (!mayMakeSessionAtPage(request, ask.isAllowedOrigin)) return void response.send(fill(fallbackTitle, {}));
  const query = new URL(request.originalUrl, "http://localhost").searchParams;
  const address = request.ip ?? clientAddress(request);
  const made = await makeSession(making, app, { request, query, user: ask.user, address });
  if (!made.ok)
    return void response
      .status(made.status)
      .send(page(fallbackTitle, `<pre class="aperture-load-error">${escapeHtml(`Aperture: ${made.reason}`)}</pre>`));
  const { doc } = made.session;
  // As every response that made a session (cluster/worker.ts): the browser's next page comes on a
  // new connection, which the `--num-procs` primary sends on, not on this kept-alive one.
  response.set("Connection", "close");
  response.send(fill(doc.title || fallbackTitle, doc.templateVariables, made.token));
}
