/**
 * Issue 10, items 10 and 15: headers a client writes are not believed. Embed-supplied headers
 * never override the request's real ones, and X-Forwarded-For counts only with useXheaders.
 * Sessions are asked for as pages ask: by a socket, whose upgrade request has the headers.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Slider, type Document } from "../../server/index.ts";
import type { SessionRequest } from "../../server/document/session-context.ts";
import { startServer } from "../helpers/start-server.ts";
import { askSession } from "../helpers/ws-client.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

const requests: SessionRequest[] = [];
function app(doc: Document): void {
  requests.push(doc.session.request);
  doc.addRoot(new Slider({ name: "slider", end: 10 }));
}

/** A session asked for by a page's socket: "made", or the reason it was refused. */
async function pageSession(appUrl: string, query: string, headers: Record<string, string>): Promise<string> {
  const asked = await askSession(appUrl, { query, headers });
  if (!("token" in asked)) return asked.reason;
  asked.client.socket.terminate();
  return "made";
}

describe("headers a client writes", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    requests.length = 0;
  });

  it("an embed's aperture-headers never override the request's real headers, and reach the handler apart", async () => {
    server = await startServer({ apps: { app }, includeHeaders: true });
    const forged = encodeURIComponent(JSON.stringify({ "x-remote-user": "admin", "x-embed-note": "hi" }));
    await pageSession(server.appUrls.app!, `?aperture-headers=${forged}`, { "x-remote-user": "alice" });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers["x-remote-user"]).toBe("alice");
    expect(requests[0]!.headers["x-embed-note"]).toBeUndefined();
    expect(requests[0]!.embedHeaders).toEqual({ "x-remote-user": "admin", "x-embed-note": "hi" });
  });

  it("X-Forwarded-For does not escape the sessions-per-address bound without useXheaders", async () => {
    server = await startServer({ apps: { app }, maxSessionsPerAddress: 1 });
    expect(await pageSession(server.appUrls.app!, "", { "x-forwarded-for": "198.51.100.1" })).toBe("made");
    const refused = await pageSession(server.appUrls.app!, "", { "x-forwarded-for": "198.51.100.2" });
    expect(refused).toContain("too many open sessions from 127.0.0.1");
  });

  it("X-Forwarded-For from a loopback proxy is believed with useXheaders", async () => {
    server = await startServer({ apps: { app }, maxSessionsPerAddress: 1, useXheaders: true });
    expect(await pageSession(server.appUrls.app!, "", { "x-forwarded-for": "198.51.100.1" })).toBe("made");
    expect(await pageSession(server.appUrls.app!, "", { "x-forwarded-for": "198.51.100.2" })).toBe("made");
    expect(await pageSession(server.appUrls.app!, "", { "x-forwarded-for": "198.51.100.2" })).toContain(
      "too many open sessions from 198.51.100.2",
    );
  });
});
