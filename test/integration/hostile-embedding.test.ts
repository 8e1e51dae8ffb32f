/**
 * Issue 10, item 8: a foreign page that hides its Referer (`<script referrerpolicy=
 * "no-referrer">`) made sessions in a visitor's name and got their tokens. Now autoload.js
 * makes no session and holds no token for any page; only an origin-checked socket or POST
 * makes one, so the foreign page gets neither. (The browser still says the script is loaded
 * cross-site, `Sec-Fetch-Site`: such a page is told it may not embed the app.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Slider, type Document } from "../../server/index.ts";
import { startServer } from "../helpers/start-server.ts";
import { askSession } from "../helpers/ws-client.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

function app(doc: Document): void {
  doc.addRoot(new Slider({ name: "slider", end: 10 }));
}

async function autoload(server: Server, headers: Record<string, string>): Promise<string> {
  return (await fetch(`${server.appUrls.app}/autoload.js`, { headers })).text();
}

describe("autoload.js asked for by pages of other sites", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ apps: { app }, allowWebsocketOrigin: ["allowed.example:8080"] });
  });
  afterAll(() => server.close());

  it.each(["cross-site", "same-site"])("makes no session for a %s script request without a Referer (200 tries)", async (site) => {
    const before = server.runtime.sessions.size;
    for (let i = 0; i < 200; i++) {
      const script = await autoload(server, { "sec-fetch-site": site, "sec-fetch-dest": "script" });
      expect(script).not.toContain("var config");
      expect(script).toContain("may not embed");
    }
    expect(server.runtime.sessions.size).toBe(before);
  });

  it("still serves the app's own page, an allowed embedder, and a script that is no browser's", async () => {
    expect(await autoload(server, { "sec-fetch-site": "same-origin" })).toContain("var config");
    expect(await autoload(server, { "sec-fetch-site": "cross-site", referer: "http://allowed.example:8080/page" })).toContain("var config");
    expect(await autoload(server, {})).toContain("var config");
  });

  it("makes no session and hands out no token for any page, its own included; the socket that asks for one is origin-checked", async () => {
    const before = server.runtime.sessions.size;
    const pages: Record<string, string>[] = [{}, { "sec-fetch-site": "same-origin" }, { referer: "http://allowed.example:8080/page" }];
    for (const headers of pages) {
      const script = await autoload(server, headers);
      expect(script).toContain("var config");
      expect(script).not.toMatch(/"token"/);
    }
    expect(server.runtime.sessions.size).toBe(before);
    const foreign = askSession(server.appUrls.app!, { headers: { origin: "http://foreign.example" } });
    await expect(foreign).rejects.toThrow("handshake refused: HTTP 403");
    expect(server.runtime.sessions.size).toBe(before);
    const allowed = await askSession(server.appUrls.app!, { headers: { origin: "http://allowed.example:8080" } });
    expect(allowed).toMatchObject({ token: expect.any(String) });
    if ("client" in allowed) allowed.client.socket.terminate();
  });
});
