/** Puts one live app into an element: its document, its connection and its views. */
import { Connection } from "./connection/connection.ts";
import { JsCallbacks } from "./customjs.ts";
import { ClientDocument } from "./document.ts";
import { createNotices } from "./notices.ts";
import { h } from "./render/dom.ts";
import { injectStyle } from "./render/style.ts";
import { findSlots, intoElement, intoSlots, type PlaceRoots } from "./render/root-slots.ts";
import { ViewManager } from "./render/views.ts";
import type { RestoreEntry } from "../server/protocol/index.ts";

export interface EmbedOptions {
  /** The app's socket URL (`ws(s)://host/<app>/ws?<arguments>`; http(s) and relative URLs work too). */
  wsUrl: string;
  /** A session made ahead (`serverSession`); without one the socket asks for a new session. */
  token?: string;
  app: string;
  /** What the person had set in a lost session: the new session applies it after its handler. */
  restore?: RestoreEntry[];
  /** A note to show once the app is in place. */
  notice?: string;
  /** The app's own page (not one that embeds it): `doc.title` is the page's `<title>`. */
  ownsTitle?: boolean;
  /**
   * A page made from the app's template: named roots go into its `data-aperture-slot`s; the
   * others into `element` (`"all"`, the template's `{{ embed }}`) or nowhere (`"named"`).
   */
  template?: "all" | "named";
}

/** Called when the app was re-embedded into a new session (the old document is over). */
export type OnRenewed = (old: ClientDocument, fresh: ClientDocument) => void;

function socketUrl(wsUrl: string): string {
  const url = new URL(wsUrl, location.href);
  if (url.protocol === "http:") url.protocol = "ws:";
  if (url.protocol === "https:") url.protocol = "wss:";
  return url.href;
}

/** What the page says after starting over in a new session. */
function renewedNotice(restored: number, droppedEvents: number): string {
  const kept = restored > 0 ? " with the values you had set" : "";
  const lost = droppedEvents > 0 ? ` ${droppedEvents} click${droppedEvents === 1 ? "" : "s"} made meanwhile could not be applied.` : "";
  return `The server restarted, so this page started a new session${kept}.${lost}`;
}

function placeRoots(content: HTMLElement, template: EmbedOptions["template"]): PlaceRoots {
  if (template === undefined) return intoElement(content);
  return intoSlots(findSlots(content.ownerDocument), template === "all" ? content : undefined);
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
      jsCallbacks.update(changes);
      if (changes.title && options.ownsTitle && doc.state.title !== undefined) element.ownerDocument.title = doc.state.title;
    },
    onServerError: (error) =>
      // No session could be made: the whole reason where the app would be (a handler's error in --dev).
      error.code === "SESSION_REFUSED"
        ? content.replaceChildren(h("pre", { className: "aperture-load-error" }, `Aperture: ${error.message}`))
        : notices.error(`${error.code}: ${error.message}`),
    ...(options.restore ? { restore: options.restore } : {}),
    onEvent: (model, name, payload) => jsCallbacks.event(model, name, payload),
  });
  const jsCallbacks = new JsCallbacks(doc, (message) => notices.error(message));
  const views = new ViewManager(placeRoots(content, options.template), doc);
  if (options.notice) notices.info(options.notice);
  const connection = new Connection({
    url: socketUrl(options.wsUrl),
    ...(options.token === undefined ? {} : { token: options.token }),
    target: doc,
    onStatus(status, detail) {
      if (status === "lost") return renew();
      element.dataset.syncStatus = status;
      notices.status(status, detail);
    },
    onNotify: (message) => notices.toast(message.message, message.level, message.duration),
  });
  // The session died with its server process: start over in a new one, with what the person had set.
  const renew = () => {
    const restore = doc.restoreEntries();
    const droppedEvents = doc.pending.inOrder().filter((request) => request.kind === "event").length;
    views.dispose();
    element.replaceChildren();
    const { wsUrl, app, ownsTitle, template } = options;
    const notice = renewedNotice(restore.length, droppedEvents);
    const kept = { ...(ownsTitle === undefined ? {} : { ownsTitle }), ...(template === undefined ? {} : { template }) };
    const next = embed(element, { wsUrl, app, restore, notice, ...kept }, onRenewed);
    onRenewed(doc, next);
  };
  connection.start();
  return doc;
}
