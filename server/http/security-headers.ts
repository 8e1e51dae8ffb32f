/**
 * Headers every answer carries: no MIME sniffing, no Referer with a URL's query (tokens travel
 * in some) to other sites, and only the allowed embedding origins may frame the pages
 * (`frame-ancestors` from `allowWebsocketOrigin`).
 */
import type express from "express";

export function frameAncestors(allowWebsocketOrigin: readonly string[]): string {
  if (allowWebsocketOrigin.includes("*")) return "frame-ancestors *";
  const hosts = allowWebsocketOrigin.map((entry) => (entry.includes(":") ? entry : `${entry}:80`));
  return ["frame-ancestors 'self'", ...hosts.flatMap((host) => [`http://${host}`, `https://${host}`])].join(" ");
}

export function securityHeaders(allowWebsocketOrigin: readonly string[]): express.RequestHandler {
  const policy = frameAncestors(allowWebsocketOrigin);
  return (_request, response, next) => {
    response.set({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Content-Security-Policy": policy,
    });
    next();
  };
}

/** Said at startup when the server is reachable from other machines without its doors shut. */
export function exposureWarnings(address: string, options: { authorize: unknown; secretGenerated: boolean }): string[] {
  const loopback = address === "localhost" || address === "::1" || address.startsWith("127.");
  if (loopback) return [];
  const warnings: string[] = [];
  if (!options.authorize) warnings.push(`listening on ${address} without an authorize hook: anyone who reaches it may open the apps`);
  if (options.secretGenerated)
    warnings.push(`listening on ${address} with a secret made for this run: set --secret or APERTURE_SECRET_KEY`);
  return warnings;
}
