/**
 * Issue 10, item 15: what the server tells. Answers carry nosniff, a Referrer-Policy and a
 * frame-ancestors policy from the allowed embedding origins; a failing handler's text stays in
 * the log unless showErrorDetails; listening beyond loopback without authorize or a secret warns.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Slider, serve, type Document } from "../../server/index.ts";
import { CLOSE_CODES } from "../../server/protocol/index.ts";
import { captureLog, startServer } from "../helpers/start-server.ts";
import { askSession } from "../helpers/ws-client.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

function app(doc: Document): void {
  if (doc.session.request.arguments.fail) throw new Error("the database password is hunter2");
  doc.addRoot(new Slider({ name: "slider", end: 10 }));
}

describe("what the server tells", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("sends nosniff, a Referrer-Policy and frame-ancestors of the allowed embedding origins", async () => {
    server = await startServer({ apps: { app }, allowWebsocketOrigin: ["embed.example.net:8443"] });
    const response = await fetch(server.appUrls.app!);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("content-security-policy")).toBe(
      "frame-ancestors 'self' http://embed.example.net:8443 https://embed.example.net:8443",
    );
  });

  it("keeps a failing handler's error text out of the page (the socket's 4014 reason) unless showErrorDetails", async () => {
    server = await startServer({ apps: { app } });
    const refused = await askSession(server.appUrls.app!, { query: "?fail=1" });
    expect(refused).toMatchObject({
      closed: CLOSE_CODES.sessionRefused,
      reason: expect.stringMatching(/failed to start \(the server.s log/),
    });
    expect(JSON.stringify(refused)).not.toContain("hunter2");
    expect(server.log.lines.some((line) => line.includes("hunter2"))).toBe(true);
    await server.close();
    server = await startServer({ apps: { app }, showErrorDetails: true });
    expect(await askSession(server.appUrls.app!, { query: "?fail=1" })).toMatchObject({ reason: expect.stringContaining("hunter2") });
  });

  it("warns when listening beyond loopback without authorize or a secret, and not on loopback", async () => {
    const log = captureLog();
    const open = await serve({ apps: { app }, port: 0, address: "0.0.0.0", logger: log });
    await open.close();
    expect(log.lines.filter((line) => line.startsWith("warn listening on 0.0.0.0"))).toHaveLength(2);
    server = await startServer({ apps: { app } });
    expect(server.log.lines.filter((line) => line.includes("listening on"))).toEqual([]);
  });
});
