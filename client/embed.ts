/** Puts one live app into an element: its document, its connection and its views. */
import { Connection } from "./connection/connection.ts";
import { ClientDocument } from "./document.ts";
import { createNotices } from "./notices.ts";
import { h } from "./render/dom.ts";
import { injectStyle } from "./render/style.ts";
import { ViewManager } from "./render/views.ts";

export interface EmbedOptions {
  /** The app's socket URL (`ws(s)://host/<app>/ws`; http(s) and relative URLs work too). */
  wsUrl: string;
  /** The signed session token autoload.js received. */
  token: string;
  app: string;
  /** Where to ask for a new session when this one is lost in a server restart. */
  sessionUrl?: string;
  /** A note to show once the app is in place. */
  notice?: string;
  /** The app's own page (not one that embeds it): `doc.title` is the page's `<title>`. */
  ownsTitle?: boolean;
}

/** Called when the app was re-embedded into a new session (the old document is over). */
export type OnRenewed = (old: ClientDocument, fresh: ClientDocument) => void;

/** Asks the server for a new session of the same app, with the same arguments. */
async function newSession(sessionUrl: string): Promise<EmbedOptions> {
  const response = await fetch(sessionUrl, { method: "POST" });
  const body = (await response.json()) as EmbedOptions & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body;
}

function socketUrl({ wsUrl, token }: EmbedOptions): string {
  const url = new URL(wsUrl, location.href);
  if (url.protocol === "http:") url.protocol = "ws:";
  if (url.protocol === "https:") url.protocol = "wss:";
  url.searchParams.set("token", token);
  return url.href;
}

export function embed(element: HTMLElement, options: EmbedOptions, onRenewed: OnRenewed = () => {}): ClientDocument {
  injectStyle(element.ownerDocument);
  element.classList.add("aperture-root");
  element.dataset.apertureApp = options.app;
  const notices = createNotices(element);
  const content = h("div", { className: "aperture-content" });
  element.append(content);
  const doc: ClientDocument = new ClientDocument({
    send: (message) => connection.send(message),
    onChange: (changes) => {
      views.update(changes);
      if (changes.title && options.ownsTitle && doc.state.title !== undefined) element.ownerDocument.title = doc.state.title;
    },
    onServerError: (error) => notices.error(`${error.code}: ${error.message}`),
  });
  const views = new ViewManager(content, doc);
  if (options.notice) notices.info(options.notice);
  const connection = new Connection({
    url: socketUrl(options),
    target: doc,
    onStatus(status, detail) {
      if (status === "lost" && options.sessionUrl) return renew(options.sessionUrl);
      element.dataset.syncStatus = status;
      notices.status(status, detail);
    },
    onNotify: (message) => notices.toast(message.message, message.level, message.duration),
  });
  // The session died with its server process: start over in a new one, and say so.
  const renew = (sessionUrl: string) => {
    element.dataset.syncStatus = "connecting";
    newSession(sessionUrl).then(
      (fresh) => {
        views.dispose();
        element.replaceChildren();
        const next = embed(
          element,
          { ...fresh, ownsTitle: options.ownsTitle, notice: "The server restarted, so this page started a new session." },
          onRenewed,
        );
        onRenewed(doc, next);
      },
      (error: unknown) => {
        element.dataset.syncStatus = "expired";
        notices.status("expired", `The server restarted and this session was lost; a new one could not be started (${String(error)}).`);
      },
    );
  };
  connection.start();
  return doc;
}
