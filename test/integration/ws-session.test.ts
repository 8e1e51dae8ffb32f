import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ColumnDataSource, Slider, Button, column, type Document } from "../../server/index.ts";
import { CLOSE_CODES, PROTOCOL_VERSION, socketProtocols, type DocState } from "../../server/protocol/index.ts";
import { startServer } from "../helpers/start-server.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

const BASE = new Float64Array([1, 2, 3, 4]);
const destroyed: string[] = [];
let release: (() => void) | undefined;

function counter(doc: Document): void {
  const source = new ColumnDataSource({ name: "source", data: { x: BASE, y: new Float64Array(4) } });
  const slider = new Slider({ name: "slider", start: 0, end: 100, value: 0 });
  const button = new Button({ name: "button", label: "Go" });
  slider.onChange("value", async (_attr, _old, value: number) => {
    if (value === 13) throw new Error("unlucky thirteen");
    if (value === 50) await new Promise<void>((resolve) => (release = resolve));
    source.data = { x: BASE, y: BASE.map((x) => x * value) };
  });
  button.onClick(() => {
    slider.value = 99;
  });
  const factor = Number(doc.session.request.arguments.start ?? 0);
  slider.value = factor;
  doc.addRoot(column(slider, button, source));
}

const idOf = (doc: DocState, name: string) => Object.entries(doc.models).find(([, m]) => m.name === name)![0];

describe("a session over a real WebSocket", () => {
  let server: Server;
  const clients: TestClient[] = [];

  /** As a page does: a socket that presents no token asks for a new session with its query's arguments. */
  async function open(query = ""): Promise<{ client: TestClient; doc: DocState; seq: number; token: string }> {
    const wsUrl = `${server.appUrls.counter!.replace("http", "ws")}/ws${query}`;
    const client = new TestClient(new (await import("ws")).default(wsUrl, socketProtocols()));
    clients.push(client);
    await new Promise((resolve) => client.socket.once("open", resolve));
    client.send({ kind: "hello", protocol: PROTOCOL_VERSION });
    const hello = await client.next("hello");
    expect(hello.app).toBe("counter");
    const snapshot = await client.next("doc");
    return { client, doc: snapshot.doc, seq: snapshot.seq, token: hello.token };
  }

  beforeEach(async () => {
    destroyed.length = 0;
    server = await startServer({
      apps: { counter: { handler: counter, onSessionDestroyed: (session) => void destroyed.push(session.id) } },
      allowWebsocketOrigin: ["allowed.example:8080"],
    });
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.socket.terminate();
    await server.close();
  });

  it("sends a snapshot whose numeric columns arrive as typed arrays", async () => {
    const { doc } = await open();
    const source = doc.models[idOf(doc, "source")]!;
    expect(source.type).toBe("ColumnDataSource");
    const data = source.attrs.data as Record<string, unknown>;
    expect(data.x).toBeInstanceOf(Float64Array);
    expect(Array.from(data.x as Float64Array)).toEqual([1, 2, 3, 4]);
    expect(doc.roots).toHaveLength(1);
  });

  it("passes the page's query arguments to the handler", async () => {
    const { doc } = await open("?start=7");
    expect(doc.models[idOf(doc, "slider")]!.attrs.value).toBe(7);
  });

  it("runs the callback for a client patch and sends back only what it changed, then acks", async () => {
    const { client, doc, seq } = await open();
    const reply = await client.setAttr(idOf(doc, "slider"), "value", 3, seq);
    expect(reply.kind).toBe("ack");
    const patch = await client.next("patch");
    expect(patch.origin).toBe(reply.reqId);
    expect(patch.seq).toBe(seq + 1);
    expect(patch.ops).toHaveLength(1);
    const op = patch.ops[0]!;
    expect(op).toMatchObject({ op: "replace", path: `/models/${idOf(doc, "source")}/attrs/data/y` });
    expect(Array.from((op as { value: Float64Array }).value)).toEqual([3, 6, 9, 12]);
  });

  it("runs button click callbacks sent as events", async () => {
    const { client, doc } = await open();
    const reqId = client.reqId();
    client.send({ kind: "event", reqId, model: idOf(doc, "button"), name: "click", payload: null });
    await client.next("ack", (m) => m.reqId === reqId);
    const patches = [await client.next("patch")];
    const paths = patches.flatMap((p) => p.ops.map((o) => o.path));
    expect(paths).toContain(`/models/${idOf(doc, "slider")}/attrs/value`);
  });

  it("reports a throwing callback to the page and keeps the session alive", async () => {
    const { client, doc, seq } = await open();
    const slider = idOf(doc, "slider");
    const reqId = client.reqId();
    client.send({ kind: "patch", reqId, baseSeq: seq, ops: [{ op: "replace", path: `/models/${slider}/attrs/value`, value: 13 }] });
    const error = await client.next("error");
    expect(error).toMatchObject({ code: "CALLBACK_FAILED", reqId });
    // The page gets a generic message (its text could tell a visitor about the server); the log has it.
    expect(error.message).toMatch(/failed \(the server's log has the details\)$/);
    expect(error.message).not.toContain("unlucky thirteen");
    expect(server.log.lines.some((line) => line.includes("unlucky thirteen") && line.includes("session"))).toBe(true);
    await client.next("ack", (m) => m.reqId === reqId);
    expect((await client.setAttr(slider, "value", 2, seq)).kind).toBe("ack");
  });

  it("keeps two sessions independent", async () => {
    const a = await open();
    const b = await open();
    expect(a.client).not.toBe(b.client);
    await a.client.setAttr(idOf(a.doc, "slider"), "value", 5, a.seq);
    const reqId = b.client.reqId();
    b.client.send({ kind: "pull-doc", reqId });
    const snapshot = await b.client.next("doc");
    expect(snapshot.doc.models[idOf(snapshot.doc, "slider")]!.attrs.value).toBe(0);
    expect(b.client.received.filter((m) => m.kind === "patch")).toEqual([]);
  });

  it("supersedes a queued patch of the same attribute while a callback runs (latest wins)", async () => {
    const { client, doc, seq } = await open();
    const slider = idOf(doc, "slider");
    const set = (value: number) => {
      const reqId = client.reqId();
      client.send({ kind: "patch", reqId, baseSeq: seq, ops: [{ op: "replace", path: `/models/${slider}/attrs/value`, value }] });
      return reqId;
    };
    const slow = set(50);
    await expect.poll(() => release).toBeDefined();
    const middle = set(60);
    const last = set(70);
    await expect(client.next("ack", (m) => m.reqId === middle)).resolves.toMatchObject({ superseded: true });
    release!();
    await client.next("ack", (m) => m.reqId === slow);
    await client.next("ack", (m) => m.reqId === last);
    const pull = client.reqId();
    client.send({ kind: "pull-doc", reqId: pull });
    const { doc: after } = await client.next("doc");
    expect(after.models[slider]!.attrs.value).toBe(70);
  });

  it("refuses a patch to an attribute the server changed after the client's version", async () => {
    const { client, doc, seq } = await open();
    const slider = idOf(doc, "slider");
    const button = idOf(doc, "button");
    const reqId = client.reqId();
    client.send({ kind: "event", reqId, model: button, name: "click", payload: null });
    await client.next("ack", (m) => m.reqId === reqId);
    const reply = await client.setAttr(slider, "value", 4, seq);
    expect(reply).toMatchObject({ kind: "error", code: "DOC_VERSION_CONFLICT" });
  });

  it("resumes a session on a new socket, replaying only the patches the page missed", async () => {
    const { client, doc, seq, token } = await open();
    const wsUrl = `${server.appUrls.counter!.replace("http", "ws")}/ws`;
    await client.setAttr(idOf(doc, "slider"), "value", 2, seq);
    await client.close();
    const again = await TestClient.connect(wsUrl, token, { hello: false });
    clients.push(again);
    again.send({ kind: "hello", protocol: PROTOCOL_VERSION, resumeFrom: seq });
    const replay = await again.next("patch");
    expect(replay.seq).toBe(seq + 1);
    expect(again.received.some((m) => m.kind === "doc")).toBe(false);
  });

  it("destroys unused sessions, runs onSessionDestroyed and closes their socket with 4000", async () => {
    const { client } = await open();
    const [session] = server.runtime.sessions.all();
    client.socket.close();
    await client.closed;
    await expect.poll(() => session!.idleSince).toBeDefined();
    server.runtime.sessions.destroyUnused(Date.now() + 120_000);
    await expect.poll(() => destroyed).toEqual([session!.id]);
    expect(server.runtime.sessions.size).toBe(0);
    expect(session!.engine.callbacks.size).toBe(0);
  });
});

describe("connections the server refuses", () => {
  let server: Server;

  beforeEach(async () => {
    server = await startServer({ apps: { counter }, allowWebsocketOrigin: ["allowed.example:8080"] });
  });
  afterEach(() => server.close());

  it("closes with 4002 for a forged token", async () => {
    const { wsUrl, token } = await createSession(server.appUrls.counter!);
    const forged = token.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    const client = await TestClient.connect(wsUrl, forged, { hello: false });
    expect(await client.closed).toMatchObject({ code: CLOSE_CODES.badToken });
  });

  it("closes with 4001 when the page speaks another protocol version", async () => {
    const { wsUrl, token } = await createSession(server.appUrls.counter!);
    const client = await TestClient.connect(wsUrl, token, { hello: false });
    client.send({ kind: "hello", protocol: PROTOCOL_VERSION + 1 });
    const closed = await client.closed;
    expect(closed.code).toBe(CLOSE_CODES.protocolVersion);
    expect(closed.reason).toContain("reload");
  });

  it("closes with 1002 when the first message is not hello", async () => {
    const { wsUrl, token } = await createSession(server.appUrls.counter!);
    const client = await TestClient.connect(wsUrl, token, { hello: false });
    client.send({ kind: "ping", t: 1 });
    expect((await client.closed).code).toBe(CLOSE_CODES.protocolError);
  });

  it("refuses the handshake from an origin not in allowWebsocketOrigin, and accepts a listed one", async () => {
    const { wsUrl, token } = await createSession(server.appUrls.counter!);
    await expect(TestClient.connect(wsUrl, token, { origin: "http://evil.example:8080" })).rejects.toThrow("HTTP 403");
    const allowed = await TestClient.connect(wsUrl, token, { origin: "http://allowed.example:8080" });
    await allowed.close();
  });

  it("makes no session for an autoload request from a page of a disallowed origin", async () => {
    const response = await fetch(`${server.appUrls.counter}/autoload.js`, { headers: { referer: "http://evil.example:9999/page" } });
    expect(await response.text()).toContain("may not embed");
    expect(server.runtime.sessions.size).toBe(0);
  });
});
