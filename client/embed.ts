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
}

function socketUrl({ wsUrl, token }: EmbedOptions): string {
  const url = new URL(wsUrl, location.href);
  if (url.protocol === "http:") url.protocol = "ws:";
  if (url.protocol === "https:") url.protocol = "wss:";
  url.searchParams.set("token", token);
  return url.href;
}

export function embed(element: HTMLElement, options: EmbedOptions): ClientDocument {
  injectStyle(element.ownerDocument);
  element.classList.add("aperture-root");
  element.dataset.apertureApp = options.app;
  const notices = createNotices(element);
  const content = h("div", { className: "aperture-content" });
  element.append(content);
  const doc: ClientDocument = new ClientDocument({
    send: (message) => connection.send(message),
    onChange: (changes) => views.update(changes),
    onServerError: (error) => notices.error(`${error.code}: ${error.message}`),
  });
  const views = new ViewManager(content, doc);
  const connection = new Connection({
    url: socketUrl(options),
    target: doc,
    onStatus(status, detail) {
      element.dataset.syncStatus = status;
      notices.status(status, detail);
    },
  });
  connection.start();
  return doc;
}
