/**
 * The page side of `aperture serve --dev`: a script appended to every autoload.js that keeps
 * a socket to the dev server and reloads the page when the app's code changes.
 *
 * A page with a live session would learn of a change from its session socket alone (close
 * code 4013), but a page showing a load error has no session, and it is exactly the page that
 * must come back on the next save: so every page gets this socket.
 *
 * The script names the generation (child process) that served it, and the socket's first
 * message names the generation it reached: a page whose socket connected only after a newer
 * generation took over (or after the dev server restarted) sees the difference and reloads,
 * so no change can slip between the page's load and its socket's connect.
 */
import { CLOSE_CODES } from "../protocol/index.ts";

/** Under the server's prefix; app names start with a letter or digit, so no app owns it. */
export const DEV_SOCKET_PATH = "/_aperture/dev";

export function reloadScript(prefix: string, generation: string): string {
  return `
(function () {
  if (window.__apertureDevReload) return;
  window.__apertureDevReload = true;
  var script = document.currentScript;
  var url = new URL(${JSON.stringify(prefix + DEV_SOCKET_PATH)}, script && script.src ? script.src : location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  var generation = ${JSON.stringify(generation)};
  var root = document.documentElement;
  function connect() {
    var socket = new WebSocket(url.href);
    socket.onmessage = function (event) {
      if (event.data !== generation) return location.reload();
      root.setAttribute("data-aperture-dev", "watching");
    };
    socket.onclose = function (event) {
      root.removeAttribute("data-aperture-dev");
      if (event.code === ${CLOSE_CODES.reload}) location.reload();
      else setTimeout(connect, 1000);
    };
  }
  connect();
})();
`;
}
