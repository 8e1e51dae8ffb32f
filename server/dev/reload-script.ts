/**
 * The page side of `aperture serve --dev`: a script appended to every autoload.js that keeps
 * a socket to the dev server and reloads the page when the app's code changes.
 *
 * A page with a live session would learn of a change from its session socket alone (close
 * code 4013), but a page showing a load error has no session, and it is exactly the page that
 * must come back on the next save: so every page gets this socket.
 */
import { CLOSE_CODES } from "../protocol/index.ts";

/** Under the server's prefix; app names start with a letter or digit, so no app owns it. */
export const DEV_SOCKET_PATH = "/_aperture/dev";

export function reloadScript(prefix: string): string {
  return `
(function () {
  if (window.__apertureDevReload) return;
  window.__apertureDevReload = true;
  var script = document.currentScript;
  var url = new URL(${JSON.stringify(prefix + DEV_SOCKET_PATH)}, script && script.src ? script.src : location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  var opened = false;
  function connect() {
    var socket = new WebSocket(url.href);
    socket.onopen = function () {
      // Open again after a drop: the dev server restarted without saying so, and took this
      // page's session with it; start over.
      if (opened) location.reload();
      opened = true;
    };
    socket.onclose = function (event) {
      if (event.code === ${CLOSE_CODES.reload}) location.reload();
      else setTimeout(connect, 1000);
    };
  }
  connect();
})();
`;
}
