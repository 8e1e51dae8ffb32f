/**
 * Hostile frames, each by name: binary frames whose lengths lie, invalid UTF-8 in text frames,
 * 10 MB frames, and 1,000 messages a second from one socket. Every case ends with a session
 * that is unchanged and a server that still serves.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Button, Slider, TextInput, column, type Document } from "../../server/index.ts";
import { CLOSE_CODES, type DocState } from "../../server/protocol/index.ts";
import type { Session } from "../../server/session/session.ts";
import { startServer } from "../helpers/start-server.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

function app(doc: Document): void {
  const slider = new Slider({ name: "slider", start: 0, end: 10, value: 1 });
  doc.addRoot(
    column(
      slider,
      new TextInput({ name: "text" }),
      new Button({ name: "button" }).onClick(() => void (slider.value = 2)),
    ),
  );
}

const idOf = (doc: DocState, name: string) => Object.entries(doc.models).find(([, m]) => m.name === name)![0];
const align8 = (n: number) => (n + 7) & ~7;

interface Connected {
  client: TestClient;
  session: Session;
  doc: DocState;
  wsUrl: string;
  token: string;
}

async function connect(server: Server): Promise<Connected> {
  const { wsUrl, token } = await createSession(server.appUrls.app!);
  const client = await TestClient.connect(wsUrl, token, { hello: false });
  client.send({ kind: "hello", protocol: 1 });
  const { sessionId } = await client.next("hello");
  const { doc } = await client.next("doc");
  return { client, session: server.runtime.sessions.get(sessionId)!, doc, wsUrl, token };
}

/** A binary frame by hand: a u32 header length (the true one unless told), the header, pad to 8, `body`. */
function binaryFrame(header: string | Buffer, body: Buffer, headerLength?: number): Buffer {
  const bytes = typeof header === "string" ? Buffer.from(header) : header;
  const frame = Buffer.alloc(align8(4 + bytes.length) + body.length);
  frame.writeUInt32LE(headerLength ?? bytes.length, 0);
  bytes.copy(frame, 4);
  body.copy(frame, align8(4 + bytes.length));
  return frame;
}

describe("binary frames whose lengths lie", () => {
  let server: Server;
  let a: Connected;

  beforeAll(async () => {
    server = await startServer({ apps: { app } });
    a = await connect(server);
  });
  afterAll(async () => {
    a.client.socket.terminate();
    await server.close();
  });

  const twoFloats = Buffer.from(new Float64Array([1.5, 2.5]).buffer);
  /** A click whose payload is a buffer: the honest form of every lying frame below. */
  const click = (ref: string, reqId = 1) =>
    `{"kind":"event","reqId":${reqId},"model":"${idOf(a.doc, "button")}","name":"click","payload":${ref}}`;
  const ref = (fields = '"$buffer":0,"dtype":"float64","length":2') => click(`{${fields}}`);
  const honest = () => ref();

  it("acks the honest frame the lies below are made from", async () => {
    a.client.sendRaw(binaryFrame(click('{"$buffer":0,"dtype":"float64","length":2}', 77), twoFloats));
    expect(await a.client.next("ack", (m) => m.reqId === 77)).toMatchObject({ kind: "ack" });
    expect(await a.client.next("patch")).toMatchObject({ origin: 77 });
  });

  const cases: [string, () => Buffer][] = [
    ["a header length past the end of the frame", () => binaryFrame(honest(), twoFloats, Buffer.byteLength(honest()) + 100)],
    ["a header length of 4 GiB - 1", () => binaryFrame(honest(), twoFloats, 0xffffffff)],
    ["a header length of zero", () => binaryFrame(honest(), twoFloats, 0)],
    ["a header length that cuts the JSON short", () => binaryFrame(honest(), twoFloats, Buffer.byteLength(honest()) - 3)],
    ["a frame shorter than its length field", () => Buffer.from([1, 0, 0])],
    ["an empty binary frame", () => Buffer.alloc(0)],
    ["a buffer length past the end of the frame", () => binaryFrame(ref('"$buffer":0,"dtype":"float64","length":3'), twoFloats)],
    ["a buffer length of a million over 16 bytes", () => binaryFrame(ref('"$buffer":0,"dtype":"float64","length":1000000'), twoFloats)],
    ["a buffer length shorter than the bytes that follow", () => binaryFrame(ref('"$buffer":0,"dtype":"float64","length":1'), twoFloats)],
    ["a negative buffer length", () => binaryFrame(ref('"$buffer":0,"dtype":"float64","length":-2'), twoFloats)],
    ["a fractional buffer length", () => binaryFrame(ref('"$buffer":0,"dtype":"float64","length":1.5'), twoFloats)],
    ["a buffer length of 2^53 + 1", () => binaryFrame(ref('"$buffer":0,"dtype":"float64","length":9007199254740993'), twoFloats)],
    ["a buffer length written as a string", () => binaryFrame(ref('"$buffer":0,"dtype":"float64","length":"2"'), twoFloats)],
    ["a ref to buffer 1 when only buffer 0 is there", () => binaryFrame(ref('"$buffer":1,"dtype":"float64","length":2'), twoFloats)],
    [
      "two refs to the same buffer",
      () => binaryFrame(click('[{"$buffer":0,"dtype":"float64","length":1},{"$buffer":0,"dtype":"float64","length":1}]'), twoFloats),
    ],
    ["a buffer index written as a string", () => binaryFrame(ref('"$buffer":"0","dtype":"float64","length":2'), twoFloats)],
    ["an unknown dtype", () => binaryFrame(ref('"$buffer":0,"dtype":"float128","length":1'), twoFloats)],
    ["a dtype named __proto__", () => binaryFrame(ref('"$buffer":0,"dtype":"__proto__","length":2'), twoFloats)],
    ["a dtype named constructor", () => binaryFrame(ref('"$buffer":0,"dtype":"constructor","length":2'), twoFloats)],
    ["a header that is not UTF-8", () => binaryFrame(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), Buffer.alloc(0))],
    ["a header that is not JSON", () => binaryFrame("{kind:event}", Buffer.alloc(0))],
  ];

  it.each(cases)("answers %s with PROTOCOL_BAD_FRAME, changes nothing, and keeps the socket", async (_name, make) => {
    const state = a.session.engine.state;
    a.client.sendRaw(make());
    const error = await a.client.next("error");
    expect(error).toMatchObject({ code: "PROTOCOL_BAD_FRAME" });
    expect(error.reqId).toBeUndefined();
    expect(a.session.engine.state).toBe(state);
    a.client.send({ kind: "ping", t: 42 });
    expect(await a.client.next("pong")).toMatchObject({ t: 42 });
    expect(a.client.received).toEqual([]);
  });
});

describe("frames that break the WebSocket itself", () => {
  let server: Server;
  const open: TestClient[] = [];

  beforeAll(async () => {
    server = await startServer({ apps: { app } });
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.socket.terminate();
  });
  afterAll(() => server.close());

  async function connectTracked(): Promise<Connected> {
    const connected = await connect(server);
    open.push(connected.client);
    return connected;
  }

  const invalidUtf8: [string, number[]][] = [
    ["a lone continuation byte", [0x7b, 0x80, 0x7d]],
    ["bytes that never occur in UTF-8 (0xFF 0xFE)", [0x7b, 0xff, 0xfe, 0x7d]],
    ["an overlong encoding of '/'", [0x22, 0xc0, 0xaf, 0x22]],
    ["an encoded UTF-16 surrogate", [0x22, 0xed, 0xa0, 0x80, 0x22]],
    ["a sequence cut short", [0x22, 0xe2, 0x82]],
  ];

  it.each(invalidUtf8)("closes a text frame holding %s with 1007; the session is unchanged and can be resumed", async (_name, bytes) => {
    const a = await connectTracked();
    const state = a.session.engine.state;
    a.client.socket.send(Buffer.from(bytes), { binary: false });
    expect((await a.client.closed).code).toBe(1007);
    expect(a.session.engine.state).toBe(state);
    const again = await TestClient.connect(a.wsUrl, a.token);
    open.push(again);
    expect((await again.setAttr(idOf(a.doc, "slider"), "value", 3, a.session.engine.seq)).kind).toBe("ack");
  });

  it.each([
    ["text", () => "x".repeat(10 * 1024 * 1024)],
    ["binary", () => Buffer.alloc(10 * 1024 * 1024, 1)],
  ])(
    "closes a socket that sends a 10 MB %s frame with 1009 without changing its session; other sessions and new ones are served",
    async (_kind, make) => {
      const a = await connectTracked();
      const b = await connectTracked();
      const state = a.session.engine.state;
      a.client.sendRaw(make());
      expect((await a.client.closed).code).toBe(CLOSE_CODES.tooBig);
      expect(a.session.engine.state).toBe(state);
      expect(a.session.destroyed).toBe(false);
      expect((await b.client.setAttr(idOf(b.doc, "slider"), "value", 4, b.session.engine.seq)).kind).toBe("ack");
      const c = await connectTracked();
      expect((await c.client.setAttr(idOf(c.doc, "slider"), "value", 5, c.session.engine.seq)).kind).toBe("ack");
    },
  );
});

describe("1,000 messages a second from one socket", () => {
  let server: Server;

  beforeAll(async () => {
    server = await startServer({ apps: { app } });
  });
  afterAll(() => server.close());

  it("answers the burst the default limit allows (100 a second, bursts of 200), then RATE_LIMITED once and closes 4008; nothing after it is applied and other sessions are fine", async () => {
    const a = await connect(server);
    const b = await connect(server);
    const text = idOf(a.doc, "text");
    const bState = b.session.engine.state;
    const baseSeq = a.session.engine.seq;
    // 500 pings and 500 writes, interleaved and sent at once: ping i is answered only if write i-1 was let in too.
    const started = Date.now();
    for (let i = 1; i <= 500; i++) {
      a.client.send({ kind: "ping", t: i });
      a.client.send({ kind: "patch", reqId: i, baseSeq, ops: [{ op: "replace", path: `/models/${text}/attrs/value`, value: String(i) }] });
    }
    const closed = await a.client.closed;
    // The bucket refills while a loaded machine takes its time over the burst: bound by the time it took.
    const seconds = (Date.now() - started) / 1000;
    expect(closed).toMatchObject({ code: CLOSE_CODES.rateLimited, reason: "too many messages" });
    const pongs = a.client.received.filter((m) => m.kind === "pong").map((m) => m.t);
    const errors = a.client.received.filter((m) => m.kind === "error");
    expect(errors).toEqual([{ kind: "error", code: "RATE_LIMITED", message: "more than 100 messages a second from one session" }]);
    expect(pongs.length).toBeGreaterThanOrEqual(100);
    expect(pongs.length).toBeLessThanOrEqual(200 + 100 * seconds);
    expect(pongs).toEqual(Array.from({ length: pongs.length }, (_, i) => i + 1));
    expect(a.client.received.indexOf(errors[0]!)).toBeGreaterThan(
      a.client.received.findIndex((m) => m.kind === "pong" && m.t === pongs.at(-1)),
    );
    // Once the server refused a message it reads nothing more from that socket.
    await expect.poll(() => a.session.socket).toBeUndefined();
    const applied = Number(a.session.doc.getModelById(text)!.getAttr("value"));
    expect(applied).toBeGreaterThanOrEqual(pongs.length - 1);
    expect(applied).toBeLessThanOrEqual(pongs.length);
    expect(server.log.lines.filter((line) => line.includes("messages a second"))).toHaveLength(1);
    expect(b.session.engine.state).toBe(bState);
    expect(b.client.received.filter((m) => m.kind !== "hello")).toEqual([]);
    expect((await b.client.setAttr(idOf(b.doc, "slider"), "value", 6, b.session.engine.seq)).kind).toBe("ack");
    b.client.socket.terminate();
  });
});
