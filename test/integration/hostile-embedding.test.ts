/**
 * Issue 10, item 8: a foreign page that hides its Referer (`<script referrerpolicy=
 * "no-referrer">`) made sessions in a visitor's name and got their tokens. The browser still
 * says the script is loaded cross-site (`Sec-Fetch-Site`): such a request gets no session.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Slider, type Document } from "../../server/index.ts";
import { startServer } from "../helpers/start-server.ts";

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
});
