/**
 * Which pages may open sockets (and embed apps): the server's own host always, plus every
 * `host[:port]` in `allowWebsocketOrigin` ("*" allows all).
 */
const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443", "ws:": "80", "wss:": "443" };

/** "http://Example.com" → "example.com:80"; undefined for text that is not an origin or URL. */
export function originHost(originOrUrl: string): string | undefined {
  try {
    const url = new URL(originOrUrl);
    const port = url.port || DEFAULT_PORTS[url.protocol];
    return port ? `${url.hostname.toLowerCase()}:${port}` : undefined;
  } catch {
    return undefined;
  }
}

function normalizeAllowed(entry: string): string {
  if (entry === "*") return entry;
  return entry.includes(":") ? entry.toLowerCase() : `${entry.toLowerCase()}:80`;
}

export function createOriginCheck(allowed: readonly string[]): (origin: string | undefined, host: string | undefined) => boolean {
  const list = new Set(allowed.map(normalizeAllowed));
  return (origin, host) => {
    // Only browsers send Origin, and they always do: a request without one is no cross-site page.
    if (origin === undefined) return true;
    if (list.has("*")) return true;
    const from = originHost(origin);
    if (from === undefined) return false;
    if (host !== undefined && originHost(`http://${host}`) === from) return true;
    return list.has(from);
  };
}
