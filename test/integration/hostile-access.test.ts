/**
 * Who may reach a session, each hostile case by name: forged, expired, replayed and
 * cross-app tokens, wrong origins, the authorize hook refusing pages and sockets, and the
 * bound on sessions per client address.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Slider, type Document } from "../../server/index.ts";
import { CLOSE_CODES, socketProtocols } from "../../server/protocol/index.ts";
import { startServer } from "../helpers/start-server.ts";
import { TestClient, askSession, createSession } from "../helpers/ws-client.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

const users: unknown[] = [];
function app(doc: Document): void {
  users.push(doc.session.request.user);
  doc.addRoot(new Slider({ name: "slider", end: 10 }));
}

/** Fetches autoload.js with the given headers: the script (which never holds a token). */
async function autoload(appUrl: string, headers: Record<string, string> = {}): Promise<{ script: string; status: number }> {
  const response = await fetch(`${appUrl}/autoload.js`, { headers });
  return { status: response.status, script: await response.text() };
}

/** A socket that asks for a new session, as a page does: its token, or how it was closed. */
async function socketSession(
  appUrl: string,
  headers: Record<string, string> = {},
): Promise<{ token: string } | { closed: number; reason: string }> {
  const asked = await askSession(appUrl, { headers });
  if (!("token" in asked)) return asked;
  asked.client.socket.terminate();
  return { token: asked.token };
}

/** Opens a socket (presenting `token`) with headers: the HTTP status that refused the handshake, or the open client. */
function handshake(url: string, token: string, headers: Record<string, string> = {}): Promise<{ status: number } | { client: TestClient }> {
  const socket = new WebSocket(url, socketProtocols(token), { headers });
  return new Promise((resolve, reject) => {
    socket.once("open", () => resolve({ client: new TestClient(socket) }));
    socket.once("unexpected-response", (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    socket.once("error", reject);
  });
}

/** Opens a socket for `token` and resolves with how the server closed it. */
async function closeFor(wsUrl: string, token: string): Promise<{ code: number; reason: string }> {
  const client = await TestClient.connect(wsUrl, token, { hello: false });
  return client.closed;
}

describe("tokens", () => {
  let server: Server;
  let stranger: Server;
  const open: TestClient[] = [];

  beforeAll(async () => {
    server = await startServer({ apps: { app, other: app } });
    stranger = await startServer({ apps: { app }, secret: "another server's secret" });
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.socket.terminate();
  });
  afterAll(async () => {
    await server.close();
    await stranger.close();
  });

  it.each<[string, (token: string, other: string) => string | Promise<string>]>([
    ["another session's id under this token's signature", (token, other) => [other.split(".")[0], ...token.split(".").slice(1)].join(".")],
    [
      "a later expiry under this token's signature",
      (token) => token.replace(/\.(\d+)\./, (_m, expiry: string) => `.${Number(expiry) + 86_400_000}.`),
    ],
    ["a token of another app on this server", async () => (await createSession(server.appUrls.other!)).token],
    ["a token signed with another server's secret", async () => (await createSession(stranger.appUrls.app!)).token],
    ["a token without a signature", (token) => token.split(".").slice(0, 2).join(".")],
    ["a token with a fourth part", (token) => `${token}.x`],
    ["an empty token", () => ""],
    ["a __proto__ session id", (token) => ["__proto__", ...token.split(".").slice(1)].join(".")],
    ["an expiry that is no number", (token) => token.replace(/\.(\d+)\./, ".Infinity.")],
    ["8 KB of garbage", () => "A".repeat(8192)],
  ])("closes a socket with 4002 for %s", async (_name, forge) => {
    const { wsUrl, token } = await createSession(server.appUrls.app!);
    const { token: other } = await createSession(server.appUrls.app!);
    const closed = await closeFor(wsUrl, await forge(token, other));
    expect(closed.code).toBe(CLOSE_CODES.badToken);
    expect(closed.reason).toMatch(/malformed token|bad token signature/);
  });

  it("closes with 4002 'token expired' for a token past its lifetime (tokenLifetime: 1 ms), though its session lives", async () => {
    const expiring = await startServer({ apps: { app }, tokenLifetime: 1 });
    try {
      const { wsUrl, token } = await createSession(expiring.appUrls.app!);
      // The token says when it expires (<session>.<ms>.<signature>): wait until that has passed.
      const expiresAt = Number(token.split(".")[1]);
      await expect.poll(() => Date.now()).toBeGreaterThan(expiresAt);
      expect(await closeFor(wsUrl, token)).toEqual({ code: CLOSE_CODES.badToken, reason: "token expired" });
      expect(expiring.runtime.sessions.size).toBe(1);
    } finally {
      await expiring.close();
    }
  });

  it("closes with 4000 for a replayed token of a destroyed session", async () => {
    const { wsUrl, token } = await createSession(server.appUrls.app!);
    const first = await TestClient.connect(wsUrl, token, { hello: false });
    first.send({ kind: "hello", protocol: 1 });
    const { sessionId } = await first.next("hello");
    await server.runtime.sessions.destroy(server.runtime.sessions.get(sessionId)!, "test over");
    expect((await first.closed).code).toBe(CLOSE_CODES.sessionNotFound);
    expect(await closeFor(wsUrl, token)).toEqual({
      code: CLOSE_CODES.sessionNotFound,
      reason: "session expired or unknown; reload the page",
    });
  });

  it("lets a second socket with the same live token take the session over and closes the first with 4003 (the token is the key)", async () => {
    const { wsUrl, token } = await createSession(server.appUrls.app!);
    const first = await TestClient.connect(wsUrl, token);
    const second = await TestClient.connect(wsUrl, token);
    open.push(second);
    expect((await first.closed).code).toBe(CLOSE_CODES.sessionTaken);
  });
});

describe("origins", () => {
  let server: Server;

  beforeAll(async () => {
    server = await startServer({ apps: { app }, allowWebsocketOrigin: ["allowed.example:8080"] });
  });
  afterAll(() => server.close());

  it.each<[string, () => string]>([
    ["null (a sandboxed frame or a file: page)", () => "null"],
    ["the allowed host on another port", () => "http://allowed.example:8081"],
    ["the allowed host over https (port 443)", () => "https://allowed.example"],
    ["a host that only starts like the allowed one", () => "http://allowed.example.evil.example:8080"],
    ["a host that only starts like the server's own", () => `http://127.0.0.1:${server.port}.evil.example`],
    ["the server's own host on another port", () => "http://127.0.0.1:1"],
    ["text that is no origin", () => "allowed.example:8080"],
  ])("refuses the handshake (403) from the origin %s, and POST /<app>/session from it makes no session", async (_name, origin) => {
    const { wsUrl, token } = await createSession(server.appUrls.app!);
    const before = server.runtime.sessions.size;
    expect(await handshake(wsUrl, token, { origin: origin() })).toEqual({ status: 403 });
    const response = await fetch(`${server.appUrls.app}/session`, { method: "POST", headers: { origin: origin() } });
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(server.runtime.sessions.size).toBe(before);
  });
});

describe("the authorize hook", () => {
  let server: Server;

  beforeAll(async () => {
    server = await startServer({
      apps: { app },
      authorize: (request) => {
        if (request.headers["x-user"] === "boom") throw new Error("the user store is down");
        return request.headers["x-user"] === "ann" ? { name: "ann" } : null;
      },
    });
  });
  afterAll(() => server.close());

  it("refuses the app page (401), autoload.js (no session, says why) and POST /<app>/session (401) without a user", async () => {
    const before = server.runtime.sessions.size;
    const page = await fetch(server.appUrls.app!);
    expect(page.status).toBe(401);
    expect(await page.text()).not.toContain("autoload.js");
    const script = await autoload(server.appUrls.app!);
    expect(script.script).toContain("not signed in");
    const post = await fetch(`${server.appUrls.app}/session`, { method: "POST" });
    expect(post.status).toBe(401);
    expect(server.runtime.sessions.size).toBe(before);
  });

  it("refuses a socket without a user at the handshake (401), even with a valid token", async () => {
    const { token } = await createSession(server.appUrls.app!, "", { headers: { "x-user": "ann" } });
    const wsUrl = `${server.appUrls.app!.replace("http", "ws")}/ws`;
    expect(await handshake(wsUrl, token)).toEqual({ status: 401 });
    expect(await handshake(wsUrl, token, { "x-user": "mallory" })).toEqual({ status: 401 });
    const accepted = await handshake(wsUrl, token, { "x-user": "ann" });
    expect("client" in accepted).toBe(true);
    if ("client" in accepted) accepted.client.socket.terminate();
  });

  it("serves a user the page and a session (made by the page's socket) whose handler sees the user", async () => {
    users.length = 0;
    expect((await fetch(server.appUrls.app!, { headers: { "x-user": "ann" } })).status).toBe(200);
    expect(await socketSession(server.appUrls.app!, { "x-user": "ann" })).toMatchObject({ token: expect.any(String) });
    expect(users).toEqual([{ name: "ann" }]);
  });

  it("answers 500 for pages and sockets when the hook throws, and makes no session", async () => {
    const { token } = await createSession(server.appUrls.app!, "", { headers: { "x-user": "ann" } });
    const before = server.runtime.sessions.size;
    const headers = { "x-user": "boom" };
    expect((await fetch(server.appUrls.app!, { headers })).status).toBe(500);
    expect((await fetch(`${server.appUrls.app}/autoload.js`, { headers })).status).toBe(500);
    expect(await handshake(`${server.appUrls.app!.replace("http", "ws")}/ws`, token, headers)).toEqual({ status: 500 });
    expect(server.runtime.sessions.size).toBe(before);
    expect(server.log.lines.some((line) => line.startsWith("error") && line.includes("the user store is down"))).toBe(true);
  });
});

describe("sessions per client address", () => {
  let server: Server;

  beforeAll(async () => {
    server = await startServer({ apps: { app }, maxSessionsPerAddress: 2 });
  });
  afterAll(() => server.close());

  it("refuses a third session from one address with a clear close (4014, socket) and 429 (POST), not sessions made ahead, and allows one again when a session ends", async () => {
    const first = await socketSession(server.appUrls.app!);
    expect(await socketSession(server.appUrls.app!)).toMatchObject({ token: expect.any(String) });
    expect(await socketSession(server.appUrls.app!)).toEqual({
      closed: CLOSE_CODES.sessionRefused,
      reason: "too many open sessions from 127.0.0.1; close some pages",
    });
    const post = await fetch(`${server.appUrls.app}/session`, { method: "POST" });
    expect(post.status).toBe(429);
    expect(await post.json()).toEqual({ error: "too many open sessions from 127.0.0.1; close some pages" });
    expect(server.runtime.sessions.size).toBe(2);
    await expect(server.runtime.createSession("app")).resolves.toMatchObject({ token: expect.any(String) });

    const id = ("token" in first ? first.token : "").split(".")[0]!;
    await server.runtime.sessions.destroy(server.runtime.sessions.get(id)!, "page closed");
    expect(await socketSession(server.appUrls.app!)).toMatchObject({ token: expect.any(String) });
  });
});
