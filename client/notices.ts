/** What the page tells the person about the connection and about server errors. */
import { reconnectingText } from "../server/protocol/index.ts";
import type { SyncStatus } from "./connection/connection.ts";
import { h } from "./render/dom.ts";

const MAX_ERRORS = 3;

export interface Notices {
  status(status: SyncStatus, detail?: string): void;
  error(text: string): void;
  /** A dismissible note that is not an error (a new session after a restart). */
  info(text: string): void;
  /** A toast from the app (`doc.notify`): it goes after `duration` ms (0: when dismissed). */
  toast(text: string, level: string, duration: number): void;
}

/** Toasts on screen at once; a new one pushes out the oldest. */
const MAX_TOASTS = 5;

export function createNotices(root: HTMLElement): Notices {
  const notice = h("div", { className: "aperture-notice", hidden: true });
  notice.setAttribute("role", "status");
  const errors = h("div", { className: "aperture-errors" });
  const toasts = h("div", { className: "aperture-toasts" });
  root.prepend(notice, errors, toasts);
  return {
    status(status, detail) {
      switch (status) {
        case "connecting":
        case "synced":
          notice.hidden = true;
          notice.replaceChildren();
          break;
        case "offline":
          notice.hidden = false;
          delete notice.dataset.final;
          notice.replaceChildren(detail ?? reconnectingText(false));
          break;
        case "expired":
        case "lost":
        case "error": {
          const reload = h("button", { type: "button", className: "aperture-button", textContent: "Reload" });
          reload.addEventListener("click", () => location.reload());
          notice.hidden = false;
          notice.dataset.final = "";
          notice.replaceChildren(h("span", {}, detail ?? "The connection to the server ended."), reload);
          break;
        }
      }
    },
    toast(text, level, duration) {
      const dismiss = h("button", { type: "button", className: "aperture-dismiss", textContent: "×" });
      dismiss.setAttribute("aria-label", "Dismiss");
      const box = h("div", { className: `aperture-toast aperture-toast-${level}` }, h("span", {}, text), dismiss);
      box.setAttribute("role", level === "error" ? "alert" : "status");
      dismiss.addEventListener("click", () => box.remove());
      if (duration > 0) setTimeout(() => box.remove(), duration);
      toasts.append(box);
      while (toasts.children.length > MAX_TOASTS) toasts.firstElementChild?.remove();
    },
    info(text) {
      const dismiss = h("button", { type: "button", className: "aperture-dismiss", textContent: "×" });
      dismiss.setAttribute("aria-label", "Dismiss");
      const box = h("div", { className: "aperture-info" }, h("span", {}, text), dismiss);
      box.setAttribute("role", "status");
      dismiss.addEventListener("click", () => box.remove());
      errors.append(box);
    },
    error(text) {
      const dismiss = h("button", { type: "button", className: "aperture-dismiss", textContent: "×" });
      dismiss.setAttribute("aria-label", "Dismiss");
      const box = h("div", { className: "aperture-error" }, h("span", {}, text), dismiss);
      box.setAttribute("role", "alert");
      dismiss.addEventListener("click", () => box.remove());
      errors.append(box);
      while (errors.children.length > MAX_ERRORS) errors.firstElementChild?.remove();
    },
  };
}
