/**
 * Tokens travel in the WebSocket handshake's `Sec-WebSocket-Protocol` header, as Bokeh sends
 * its token, never in the URL: no access log, proxy log or Referer can carry them. A page offers
 * `aperture` (the protocol, which the server selects) and, to resume a session or to present a
 * subscription token, `aperture-token.<token>` (tokens are base64url and dots, valid there).
 */
export const SOCKET_PROTOCOL = "aperture";

const TOKEN_PREFIX = "aperture-token.";

/** What a page offers: `aperture`, and its token when it has one. */
export function socketProtocols(token?: string): string[] {
  return token === undefined ? [SOCKET_PROTOCOL] : [SOCKET_PROTOCOL, TOKEN_PREFIX + token];
}

/** The token a handshake's `Sec-WebSocket-Protocol` header carries, if any ("" for an empty one, which is refused as malformed). */
export function tokenOfProtocols(header: string | readonly string[] | undefined): string | undefined {
  const offered = typeof header === "string" ? header : (header ?? []).join(",");
  for (const protocol of offered.split(",")) {
    const trimmed = protocol.trim();
    if (trimmed.startsWith(TOKEN_PREFIX)) return trimmed.slice(TOKEN_PREFIX.length);
  }
  return undefined;
}
