/**
 * Issue 10, item 11: `authorize` guards everything under an app by default: its page, its own
 * HTTP routes and its consumers; a route opts out only by being listed in `publicRoutes`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { JsonWebSocketConsumer, Slider, type Document } from "../../server/index.ts";
import type { Router } from "express";
import { startServer } from "../helpers/start-server.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

const items: string[] = [];
function handler(doc: Document): void {
  doc.addRoot(new Slider({ name: "slider", end: 10 }));
}
function routes(router: Router): void {
  router.post("/items", (_request, response) => {
    items.push("posted");
    response.status(201).json({ ok: true });
  });
  router.get("/health", (_request, response) => void response.json({ ok: true }));
}
class Echo extends JsonWebSocketConsumer {
  override async connect(): Promise<void> {
    await this.accept();
  }
}

function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  const socket = new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    socket.once("open", () => {
      socket.terminate();
      resolve(101);
    });
    socket.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
    socket.once("error", reject);
  });
}

describe("authorize guards an app's routes and consumers", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({
      apps: { shop: { handler, routes, publicRoutes: ["/health"], websockets: { "/ws/shop/": Echo } } },
      authorize: (request) => (request.headers["x-user"] === "ann" ? { name: "ann" } : null),
    });
  });
  afterAll(() => server.close());

  it("refuses an app's own route (401) without a user, and changes nothing", async () => {
    const response = await fetch(`${server.appUrls.shop}/items`, { method: "POST" });
    expect(response.status).toBe(401);
    expect(items).toEqual([]);
  });

  it("serves the route to an authorized user", async () => {
    const response = await fetch(`${server.appUrls.shop}/items`, { method: "POST", headers: { "x-user": "ann" } });
    expect(response.status).toBe(201);
    expect(items).toEqual(["posted"]);
  });

  it("leaves a route listed in publicRoutes open", async () => {
    expect((await fetch(`${server.appUrls.shop}/health`)).status).toBe(200);
  });

  it("refuses the app's consumer socket (401) without a user and accepts it with one", async () => {
    const url = `${server.url.replace(/^http/, "ws")}/ws/shop/`;
    expect(await upgradeStatus(url, {})).toBe(401);
    expect(await upgradeStatus(url, { "x-user": "ann" })).toBe(101);
  });
});
