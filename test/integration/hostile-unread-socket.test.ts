/**
 * Issue 10, item 1: a page that stops reading its socket and keeps asking. The server must
 * hold a bounded backlog for it (one snapshot in flight, reading paused past a quarter of
 * `maxBufferedBytes`), answer every request once it reads again, and close it with 4009 when
 * the server's own pushes pass the bound.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Button, ColumnDataSource, column, type Document } from "../../server/index.ts";
import { CLOSE_CODES, PROTOCOL_VERSION } from "../../server/protocol/index.ts";
import type { Session } from "../../server/session/session.ts";
import { startServer } from "../helpers/start-server.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

const POINTS = 100_000;
const MiB = 1024 * 1024;
const probed: string[] = [];

/** 1.6 MB of columns (as /rolling?points=100000); `?push=1` replaces them every 5 ms. */
function big(doc: Document): void {
  const source = new ColumnDataSource({ data: { x: new Float64Array(POINTS), y: new Float64Array(POINTS) } });
  const probe = new Button({ name: "probe" });
  probe.onClick(() => void probed.push(doc.session.id));
  if (doc.session.request.arguments.push) {
    doc.addPeriodicCallback(() => (source.data = { x: new Float64Array(POINTS).fill(Math.random()), y: new Float64Array(POINTS) }), 5);
  }
  doc.addRoot(column(probe, source));
}

async function openPaused(server: Server, query = ""): Promise<{ client: TestClient; session: Session; probe: string }> {
  const { wsUrl, token } = await createSession(server.appUrls.big!, query);
  const client = await TestClient.connect(wsUrl, token, { hello: false });
  client.send({ kind: "hello", protocol: PROTOCOL_VERSION });
  const { sessionId } = await client.next("hello");
  const { doc } = await client.next("doc");
  const probe = Object.entries(doc.models).find(([, m]) => m.name === "probe")![0];
  client.received.length = 0;
  client.socket.pause();
  return { client, session: server.runtime.sessions.get(sessionId)!, probe };
}

describe("a page that does not read its socket", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("gets 150 pull-docs answered with a bounded backlog, one snapshot in flight, and every request acked", async () => {
    server = await startServer({ apps: { big } });
    const { client, session, probe } = await openPaused(server);
    const before = process.memoryUsage().arrayBuffers;
    const reqIds = Array.from({ length: 150 }, () => client.reqId());
    for (const reqId of reqIds) client.send({ kind: "pull-doc", reqId });
    client.send({ kind: "event", reqId: client.reqId(), model: probe, name: "click", payload: null });
    // Either the server read everything (the probe ran) or it stopped reading this socket.
    await vi.waitFor(() => expect(probed.includes(session.id) || session.sendStats?.readingPaused).toBeTruthy(), { timeout: 30_000 });

    expect(session.socket!.bufferedAmount).toBeLessThanOrEqual(16 * MiB);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * MiB);

    client.socket.resume();
    await Promise.all(reqIds.map((reqId) => client.next("ack", (m) => m.reqId === reqId, 30_000)));
    const snapshots = client.received.filter((m) => m.kind === "doc").length;
    expect(snapshots).toBeGreaterThanOrEqual(1);
    expect(snapshots).toBeLessThanOrEqual(20);
  });

  it("is closed with 4009 when the server's own pushes pass maxBufferedBytes, holding no more than that", async () => {
    server = await startServer({ apps: { big }, maxBufferedBytes: 4 * MiB });
    const { client, session } = await openPaused(server, "?push=1");
    await vi.waitFor(() => expect(server!.log.lines.some((line) => /reads too slowly/.test(line))).toBe(true), { timeout: 30_000 });

    // Past the bound nothing more is queued: at most the frame that crossed it (1.6 MB) on top.
    expect(session.socket?.bufferedAmount ?? 0).toBeLessThanOrEqual(4 * MiB + 2 * MiB);
    client.socket.resume();
    expect((await client.closed).code).toBe(CLOSE_CODES.slowClient);
    expect(server.log.lines.filter((line) => /reads too slowly/.test(line))).toHaveLength(1);
  });

  it("refuses a second hello on one socket without sending another snapshot", async () => {
    server = await startServer({ apps: { big } });
    const { client } = await openPaused(server);
    client.socket.resume();
    for (let i = 0; i < 50; i++) client.send({ kind: "hello", protocol: PROTOCOL_VERSION });
    const reqId = client.reqId();
    client.send({ kind: "pull-doc", reqId });
    await client.next("ack", (m) => m.reqId === reqId);
    expect(client.received.filter((m) => m.kind === "error" && /already said hello/.test(m.message))).toHaveLength(50);
    expect(client.received.filter((m) => m.kind === "doc")).toHaveLength(1);
  });
});
