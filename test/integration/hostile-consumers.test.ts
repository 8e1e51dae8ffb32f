/**
 * Issue 10, item 6: consumer sockets get the limits sessions have. A burst past the message
 * or byte rate is refused (4008) and not handled; frames waiting for a busy consumer are
 * bounded (the socket is not read meanwhile); a route sets its own limits.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { WebSocketConsumer } from "../../server/index.ts";
import { CLOSE_CODES } from "../../server/protocol/index.ts";
import { startServer } from "../helpers/start-server.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

let handled = 0;
let gate: Promise<void> = Promise.resolve();

class Counter extends WebSocketConsumer {
  override async receive(): Promise<void> {
    await gate;
    handled++;
  }
}

class Roomy extends Counter {
  static override limits = { maxMessagesPerSecond: 1_000_000 };
}

function open(server: Server, path: string): Promise<WebSocket> {
  const socket = new WebSocket(`${server.url.replace(/^http/, "ws")}${path}`);
  return new Promise((resolve, reject) => {
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

const closeOf = (socket: WebSocket) => new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));

describe("consumer sockets", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    handled = 0;
    gate = Promise.resolve();
  });

  it("a 20,000-frame burst is refused with 4008 past the budget, and no more than the budget is handled", async () => {
    server = await startServer({ apps: {}, websockets: { "/ws/count/": Counter }, maxMessagesPerSecond: 50 });
    const socket = await open(server, "/ws/count/");
    const closed = closeOf(socket);
    const started = Date.now();
    for (let i = 0; i < 20_000; i++) socket.send("x");
    expect(await closed).toBe(CLOSE_CODES.rateLimited);
    const seconds = (Date.now() - started) / 1000;
    expect(handled).toBeLessThanOrEqual(100 + 50 * seconds);
    expect(server.runtime.consumers.stats.closedRateLimited).toBe(1);
  });

  it("1 MiB frames are refused with 4008 past the byte rate", async () => {
    server = await startServer({ apps: {}, websockets: { "/ws/count/": Counter }, maxBytesPerSecond: 1024 * 1024 });
    const socket = await open(server, "/ws/count/");
    const closed = closeOf(socket);
    const started = Date.now();
    const frame = Buffer.alloc(1024 * 1024 - 64);
    for (let i = 0; i < 20; i++) socket.send(frame);
    expect(await closed).toBe(CLOSE_CODES.rateLimited);
    const seconds = (Date.now() - started) / 1000;
    expect(handled * frame.length).toBeLessThanOrEqual(2 * 1024 * 1024 + frame.length + 1024 * 1024 * seconds);
  });

  it("holds about 100 frames for a busy consumer (route limits raised), then handles every one in order", async () => {
    server = await startServer({ apps: {}, websockets: { "/ws/roomy/": Roomy } });
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const socket = await open(server, "/ws/roomy/");
    for (let i = 0; i < 1_000; i++) socket.send("y".repeat(1000));
    const stats = server.runtime.consumers.stats;
    await vi.waitFor(() => expect(stats.queuedMessages).toBeGreaterThanOrEqual(100), { timeout: 20_000 });
    // A full round trip on another socket: the server has had its turns to read more.
    const other = await open(server, "/ws/roomy/");
    other.close();
    await closeOf(other);
    // 100, plus the frames of the one read (64 KiB) that crossed the bound; 1,000 unbounded.
    expect(stats.queuedMessages).toBeLessThanOrEqual(100 + Math.ceil(65_536 / 1_000));
    release();
    await vi.waitFor(() => expect(handled).toBe(1_000), { timeout: 20_000 });
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });
});
