/**
 * Issue 10, items 3 and 4: what one client may make the server do is counted per session
 * (across its sockets) and per client address (across its sessions), in messages and in
 * bytes; a session's token may open only so many sockets a minute.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ColumnDataSource, type Document } from "../../server/index.ts";
import { CLOSE_CODES, PROTOCOL_VERSION } from "../../server/protocol/index.ts";
import { startServer } from "../helpers/start-server.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

const ROWS = 200_000;

function points(doc: Document): void {
  doc.addRoot(new ColumnDataSource({ name: "points", data: { x: new Float64Array(ROWS) } }));
}

/** Opens a socket, says hello, sends `count` pings and resolves, once it is closed, with how many were answered. */
async function flood(wsUrl: string, token: string, count: number): Promise<number> {
  const client = await TestClient.connect(wsUrl, token, { hello: false });
  client.send({ kind: "hello", protocol: PROTOCOL_VERSION });
  for (let t = 0; t < count; t++) client.send({ kind: "ping", t });
  await client.closed;
  return client.received.filter((m) => m.kind === "pong").length;
}

describe("a client's budget", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("is kept by the session: ten sockets of one token get no more answered than one socket would", async () => {
    server = await startServer({ apps: { points }, maxMessagesPerSecond: 50 });
    const { wsUrl, token } = await createSession(server.appUrls.points!);
    const started = Date.now();
    let answered = 0;
    for (let i = 0; i < 10; i++) answered += await flood(wsUrl, token, 150);
    const seconds = (Date.now() - started) / 1000;
    // A bucket of 100 (burst) refilled at 50 a second; ten fresh buckets would answer 1,000.
    expect(answered).toBeLessThanOrEqual(100 + 50 * seconds);
  });

  it("is shared by the sessions of one address", async () => {
    server = await startServer({ apps: { points }, maxMessagesPerSecondPerAddress: 50 });
    const started = Date.now();
    let answered = 0;
    for (let i = 0; i < 5; i++) {
      const { wsUrl, token } = await createSession(server.appUrls.points!);
      answered += await flood(wsUrl, token, 150);
    }
    const seconds = (Date.now() - started) / 1000;
    expect(answered).toBeLessThanOrEqual(100 + 50 * seconds);
  });

  it("counts bytes: 0.9 MB selection writes are refused with RATE_LIMITED and 4008 past the byte rate", async () => {
    server = await startServer({ apps: { points }, maxBytesPerSecond: 1024 * 1024 });
    const { wsUrl, token } = await createSession(server.appUrls.points!);
    const client = await TestClient.connect(wsUrl, token, { hello: false });
    client.send({ kind: "hello", protocol: PROTOCOL_VERSION });
    const { doc, seq } = await client.next("doc");
    const id = Object.keys(doc.models)[0]!;
    const started = Date.now();
    const selection = Array.from({ length: 150_000 }, (_, i) => i);
    for (let i = 0; i < 25; i++) {
      client.send({
        kind: "patch",
        reqId: client.reqId(),
        baseSeq: seq,
        ops: [{ op: "replace", path: `/models/${id}/attrs/selected`, value: selection }],
      });
    }
    const closed = await client.closed;
    const seconds = (Date.now() - started) / 1000;
    const frame = JSON.stringify(selection).length;
    expect(frame).toBeGreaterThan(900_000);
    const acked = client.received.filter((m) => m.kind === "ack").length;
    expect(acked * frame).toBeLessThanOrEqual(2 * 1024 * 1024 + frame + 1024 * 1024 * seconds);
    expect(client.received.find((m) => m.kind === "error")).toMatchObject({ code: "RATE_LIMITED" });
    expect(closed.code).toBe(CLOSE_CODES.rateLimited);
  });

  it("bounds reconnects: past maxReconnectsPerMinute a token's new socket is closed 4008 and the open one keeps the session", async () => {
    server = await startServer({ apps: { points }, maxReconnectsPerMinute: 5 });
    const { wsUrl, token } = await createSession(server.appUrls.points!);
    const sockets: TestClient[] = [];
    for (let i = 0; i < 5; i++) sockets.push(await TestClient.connect(wsUrl, token));
    const refused = await TestClient.connect(wsUrl, token, { hello: false });
    const closed = await refused.closed;
    expect(closed.code).toBe(CLOSE_CODES.rateLimited);
    expect(closed.reason).toMatch(/reconnects too often/);
    const last = sockets.at(-1)!;
    last.send({ kind: "ping", t: 7 });
    expect(await last.next("pong")).toMatchObject({ t: 7 });
    last.socket.terminate();
  });
});
