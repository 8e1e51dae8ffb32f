/**
 * DNS rebinding: a foreign site can point a name of its own at this server's address, and its
 * pages then reach the server as "same origin". Requests whose `Host` is a name nobody allowed
 * are refused (403), as Vite's `server.allowedHosts` and Jupyter's `allow_remote_access` do.
 * Always allowed: IP addresses (rebinding needs a name), `localhost` and `*.localhost`, the
 * hosts of `allowWebsocketOrigin`, and `allowHost` entries (`"example.com"`; `".example.com"`
 * for it and every subdomain; `"*"` for any).
 */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function hostnameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export function createHostCheck(
  allowHost: readonly string[],
  allowWebsocketOrigin: readonly string[],
): (host: string | undefined) => boolean {
  const entries = [...allowHost, ...allowWebsocketOrigin.map((origin) => (origin === "*" ? "*" : origin.replace(/:\d+$/, "")))].map(
    (entry) => entry.toLowerCase(),
  );
  if (entries.includes("*")) return () => true;
  const names = new Set(entries.filter((entry) => !entry.startsWith(".")));
  const suffixes = entries.filter((entry) => entry.startsWith("."));
  return (host) => {
    // Browsers always send Host; a request without one is no rebound page.
    if (host === undefined) return true;
    const name = hostnameOf(host);
    if (name === undefined) return false;
    if (IPV4.test(name) || name.startsWith("[")) return true;
    if (name === "localhost" || name.endsWith(".localhost") || names.has(name)) return true;
    return suffixes.some((suffix) => name.endsWith(suffix) || name === suffix.slice(1));
  };
}
