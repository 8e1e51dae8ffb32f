/**
 * Issue 10, item 7: DNS rebinding. A page of a foreign site whose name points at this server
 * sends that name as Host: it gets 403 (pages, autoload, sockets), and no session is made.
 * IP addresses, localhost, allowWebsocketOrigin hosts and allowHost names are served.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Slider, type Document } from "../../server/index.ts";
import { socketProtocols } from "../../server/protocol/index.ts";
import { startServer } from "../helpers/start-server.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

function app(doc: Document): void {
  doc.addRoot(new Slider({ name: "slider", end: 10 }));
}

/** GET `path` with this Host header; resolves with the status. */
function getWithHost(server: Server, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port: server.port, path, headers: { host, connection: "close" } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once("error", reject);
    request.end();
  });
}

function upgradeWithHost(server: Server, host: string): Promise<number> {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/app/ws`, socketProtocols("x"), { headers: { host } });
  return new Promise((resolve) => {
    socket.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
    socket.once("open", () => resolve(101));
    socket.once("error", () => {});
  });
}

describe("the Host allow-list", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({
      apps: { app },
      allowHost: ["apps.example.com", ".example.org"],
      allowWebsocketOrigin: ["embed.example.net:443"],
    });
  });
  afterAll(() => server.close());

  it.each(["rebind.attacker.test", "example.com", "apps.example.com.attacker.test"])(
    "refuses Host %s with 403 and makes no session",
    async (name) => {
      const before = server.runtime.sessions.size;
      expect(await getWithHost(server, "/app", `${name}:${server.port}`)).toBe(403);
      expect(await getWithHost(server, "/app/autoload.js", `${name}:${server.port}`)).toBe(403);
      expect(await upgradeWithHost(server, `${name}:${server.port}`)).toBe(403);
      expect(server.runtime.sessions.size).toBe(before);
    },
  );

  it.each(["127.0.0.1", "localhost", "dev.localhost", "apps.example.com", "a.b.example.org", "example.org", "embed.example.net", "[::1]"])(
    "serves Host %s",
    async (name) => {
      expect(await getWithHost(server, "/app", `${name}:${server.port}`)).toBe(200);
    },
  );

  it("logs one line per refused name", async () => {
    for (let i = 0; i < 5; i++) await getWithHost(server, "/", "many.attacker.test");
    expect(server.log.lines.filter((line) => line.includes("Host many.attacker.test"))).toHaveLength(1);
  });
});
