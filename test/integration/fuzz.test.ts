/**
 * Fuzzing with a fixed seed: thousands of random and mutated frames, one at a time over a real
 * socket to a real server, and the same generator straight into `validateClientOps`.
 *
 * Each socket case is followed by a fence (an event for a model no document has): the server
 * handles one socket's messages in order, so once the fence's error arrives everything the
 * case caused has been answered, and nothing is waited for by time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DataRange1d,
  Button,
  Checkbox,
  ColumnDataSource,
  Div,
  Document,
  RangeSlider,
  Select,
  Slider,
  TextInput,
  Toggle,
  column,
  figure,
} from "../../server/index.ts";
import {
  CLOSE_CODES,
  SyncError,
  decodeClientMessage,
  type ClientMessage,
  type DocState,
  type ServerMessage,
} from "../../server/protocol/index.ts";
import { validateClientOps } from "../../server/session/client-patch.ts";
import type { Session } from "../../server/session/session.ts";
import { createRng, fuzzFrame, type FuzzCase } from "../helpers/fuzz-frames.ts";
import { UNLIMITED_BUDGET, startServer } from "../helpers/start-server.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";
import { engineOf } from "../../server/document/document.ts";

const SEED = 0x5eed_a9e7;
const SOCKET_CASES = 4_000;
const UNIT_CASES = 20_000;
const FENCE = 4_000_000_000_000_000;
const NAMES = ["slider", "range", "select", "text", "checkbox", "toggle", "button", "source", "plot", "xrange", "div"];

type Server = Awaited<ReturnType<typeof startServer>>;

/** Every writable attribute kind, a button event, server patches from sync and async callbacks. */
function fuzzApp(doc: Document): void {
  const x = new Float64Array([1, 2, 3]);
  const source = new ColumnDataSource({ name: "source", data: { x, y: [1, 2, 3] } });
  const slider = new Slider({ name: "slider", start: 0, end: 10, step: 0.5, value: 1 });
  const text = new TextInput({ name: "text", value: "" });
  const div = new Div({ name: "div", text: "" });
  const checkbox = new Checkbox({ name: "checkbox" });
  const plot = figure({ name: "plot", xRange: new DataRange1d({ name: "xrange" }) });
  plot.line("x", "y", { source });
  slider.onChange("value", (_attr, _old, value: number) => {
    source.data = { x, y: Array.from(x, (v) => v * value) };
  });
  text.onChange("value", async (_attr, _old, value: string) => {
    await Promise.resolve();
    div.text = value.slice(0, 40);
  });
  const button = new Button({ name: "button" }).onClick(() => {
    checkbox.active = !checkbox.active;
  });
  const range = new RangeSlider({ name: "range", start: -5, end: 5, value: [-1, 1] });
  const select = new Select({ name: "select", options: ["a", "b"], value: "a" });
  doc.addRoot(column(slider, range, select, text, checkbox, new Toggle({ name: "toggle" }), button, div, plot));
}

const idsOf = (doc: Document) => Object.fromEntries(NAMES.map((name) => [name, doc.getModelByName(name)!.id!]));

/** Own property names of the prototypes an attacker would pollute. */
const prototypeKeys = () => [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join());

function describeCase(index: number, { frame, from }: FuzzCase): string {
  const shown = typeof frame === "string" ? frame.slice(0, 400) : `binary ${Buffer.from(frame.subarray(0, 200)).toString("hex")}`;
  return `case ${index} (from ${JSON.stringify(from)?.slice(0, 200)}): ${shown}`;
}

interface Connected {
  client: TestClient;
  session: Session;
  token: string;
  wsUrl: string;
}

async function open(server: Server): Promise<Connected> {
  const { wsUrl, token } = await createSession(server.appUrls.fuzz!);
  const client = await TestClient.connect(wsUrl, token, { hello: false });
  client.send({ kind: "hello", protocol: 1 });
  const hello = await client.next("hello");
  await client.next("doc");
  return { client, session: server.runtime.sessions.get(hello.sessionId)!, token, wsUrl };
}

/** Sends the fence and resolves with the case's replies, or with the close that ended the socket. */
async function answerTo(client: TestClient, fence: number): Promise<{ replies: ServerMessage[]; closed?: number }> {
  client.send({ kind: "event", reqId: fence, model: `fence-${fence}`, name: "fence", payload: null });
  const fenced = client
    .next("error", (m) => m.reqId === fence)
    .then(
      () => ({ fenced: true }),
      (error: unknown) => ({ error }),
    );
  const outcome = await Promise.race([fenced, client.closed.then(({ code }) => ({ closed: code }))]);
  if ("error" in outcome) throw outcome.error;
  return { replies: client.received.splice(0), ...("closed" in outcome ? { closed: outcome.closed } : {}) };
}

const PATCH_CODES = [
  "PATCH_BAD_PATH",
  "PATCH_UNKNOWN_MODEL",
  "PATCH_NOT_WRITABLE",
  "PATCH_BAD_VALUE",
  "DOC_VERSION_CONFLICT",
  "PROTOCOL_BAD_MESSAGE",
];
const EVENT_CODES = ["PATCH_UNKNOWN_MODEL", "EVENT_UNKNOWN"];

/** Checks the answer against what the frame is; returns a label for the tally. */
function checkAnswer(frame: string | Uint8Array, replies: ServerMessage[], closed: number | undefined, context: string): string {
  const decoded = decodeClientMessage(typeof frame === "string" ? Buffer.from(frame, "utf8").toString("utf8") : frame);
  if (!decoded.ok) {
    expect(replies, context).toEqual([
      { kind: "error", code: typeof frame === "string" ? "PROTOCOL_BAD_MESSAGE" : "PROTOCOL_BAD_FRAME", message: expect.any(String) },
    ]);
    return (replies[0] as { code: string }).code;
  }
  const message: ClientMessage = decoded.value;
  switch (message.kind) {
    case "ping":
      expect(
        replies.map((r) => r.kind),
        context,
      ).toEqual(["pong"]);
      expect((replies[0] as { t: number }).t === message.t || (message.t === 0 && (replies[0] as { t: number }).t === 0), context).toBe(
        true,
      );
      return "pong";
    case "pull-doc":
      // A request id the session answered before (mutated ids repeat) is answered from its write log: the ack alone.
      if (replies.length === 1) expect(replies, context).toMatchObject([{ kind: "ack", reqId: message.reqId }]);
      else expect(replies, context).toMatchObject([{ kind: "doc" }, { kind: "ack", reqId: message.reqId }]);
      return "pull-doc";
    case "hello":
      if (message.protocol !== 1) {
        expect(closed, context).toBe(CLOSE_CODES.protocolVersion);
        return "close 4001";
      }
      // The socket already said hello: a second one is refused, and sends no snapshot.
      expect(replies, context).toEqual([{ kind: "error", code: "PROTOCOL_BAD_MESSAGE", message: "this socket already said hello" }]);
      return "second hello";
    case "patch":
    case "event": {
      const last = replies.at(-1);
      if (last?.kind !== "ack" && last?.kind !== "error") throw new Error(`${context}: no ack or error, got ${JSON.stringify(replies)}`);
      expect(last.reqId, context).toBe(message.reqId);
      expect(
        replies.slice(0, -1).every((r) => r.kind === "patch" && r.origin === message.reqId),
        context,
      ).toBe(true);
      if (last.kind === "ack") return `${message.kind} ack`;
      expect(replies, context).toHaveLength(1);
      expect(message.kind === "patch" ? PATCH_CODES : EVENT_CODES, context).toContain(last.code);
      return last.code;
    }
  }
}

describe("fuzzing", () => {
  let server: Server;
  const prototypesBefore = prototypeKeys();

  beforeAll(async () => {
    server = await startServer({ apps: { fuzz: fuzzApp }, ...UNLIMITED_BUDGET });
  });
  afterAll(() => server.close());

  it(`answers ${SOCKET_CASES} seeded hostile frames over a real socket, changes nothing when it refuses, and leaves another session alone`, async () => {
    const rng = createRng(SEED);
    let a = await open(server);
    const b = await open(server);
    const bState = b.session.engine.state;
    const bReceived = b.client.received.length;
    const ids = idsOf(a.session.doc);
    const tally: Record<string, number> = {};
    for (let i = 0; i < SOCKET_CASES; i++) {
      const fuzz = fuzzFrame(rng, { ids, seq: a.session.engine.seq, reqIdBase: i * 1_000_000 });
      const context = describeCase(i, fuzz);
      const before: DocState = a.session.engine.state;
      a.client.sendRaw(typeof fuzz.frame === "string" ? fuzz.frame : Buffer.from(fuzz.frame));
      const { replies, closed } = await answerTo(a.client, FENCE + i);
      const label = checkAnswer(fuzz.frame, replies, closed, context);
      tally[label] = (tally[label] ?? 0) + 1;
      if (!label.endsWith("ack")) expect(a.session.engine.state, context).toBe(before);
      if (closed !== undefined) {
        a = { ...a, client: await TestClient.connect(a.wsUrl, a.token) };
        a.client.received.splice(0);
      }
      expect(b.session.engine.state, context).toBe(bState);
      expect(b.client.received, context).toHaveLength(bReceived);
    }
    if (process.env.FUZZ_TALLY) console.log(tally);
    expect(Object.keys(tally).sort()).toEqual(
      expect.arrayContaining([
        ...["PROTOCOL_BAD_FRAME", "PROTOCOL_BAD_MESSAGE", "PATCH_BAD_PATH", "PATCH_UNKNOWN_MODEL", "PATCH_NOT_WRITABLE", "PATCH_BAD_VALUE"],
        ...["DOC_VERSION_CONFLICT", "EVENT_UNKNOWN", "patch ack", "event ack", "pong", "pull-doc", "second hello", "close 4001"],
      ]),
    );
    expect(server.log.lines.filter((line) => line.startsWith("error"))).toEqual([]);
    expect(prototypeKeys()).toEqual(prototypesBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const reply = await a.client.setAttr(ids.slider!, "value", 7, a.session.engine.seq);
    expect(reply.kind).toBe("ack");
    const fresh = await open(server);
    expect((await fresh.client.setAttr(idsOf(fresh.session.doc).slider!, "value", 3, fresh.session.engine.seq)).kind).toBe("ack");
    for (const c of [a, b, fresh]) c.client.socket.terminate();
  }, 60_000);

  it(`decodes ${UNIT_CASES} seeded frames without throwing, and validateClientOps accepts only writable, valid values and changes nothing`, () => {
    const rng = createRng(SEED ^ 0x0bad_cafe);
    const doc = new Document();
    fuzzApp(doc);
    engineOf(doc).flush();
    const ids = idsOf(doc);
    const before = engineOf(doc).state;
    const tally: Record<string, number> = {};
    for (let i = 0; i < UNIT_CASES; i++) {
      const fuzz = fuzzFrame(rng, { ids, seq: engineOf(doc).seq });
      const decoded = decodeClientMessage(fuzz.frame);
      if (!decoded.ok || decoded.value.kind !== "patch") continue;
      try {
        for (const write of validateClientOps(doc, decoded.value.ops)) {
          const spec = write.model.props[write.attr]!;
          expect(spec.clientWritable, describeCase(i, fuzz)).toBe(true);
          expect(spec.check(write.value, write.model.attrValues()), describeCase(i, fuzz)).toBeUndefined();
          expect(doc.getModelById(write.model.id!)).toBe(write.model);
          expect(write.path).toBe(`/models/${write.model.id}/attrs/${write.attr}`);
        }
        tally.accepted = (tally.accepted ?? 0) + 1;
      } catch (error) {
        if (!(error instanceof SyncError)) throw new Error(`${describeCase(i, fuzz)} threw ${String(error)}`);
        tally[error.code] = (tally[error.code] ?? 0) + 1;
      }
      expect(engineOf(doc).state).toBe(before);
    }
    if (process.env.FUZZ_TALLY) console.log(tally);
    expect(Object.keys(tally).sort()).toEqual([
      "PATCH_BAD_PATH",
      "PATCH_BAD_VALUE",
      "PATCH_NOT_WRITABLE",
      "PATCH_UNKNOWN_MODEL",
      "accepted",
    ]);
    expect(Object.values(tally).reduce((sum, n) => sum + n)).toBeGreaterThan(UNIT_CASES / 10);
    expect(prototypeKeys()).toEqual(prototypesBefore);
  }, 30_000);
});
