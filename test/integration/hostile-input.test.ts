import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ColumnDataSource, Slider, Button, column } from "../../server/index.ts";
import { CLOSE_CODES, LIMITS, type DocState } from "../../server/protocol/index.ts";
import { startServer } from "../helpers/start-server.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";

function app(doc: import("../../server/index.ts").Document): void {
  const source = new ColumnDataSource({ name: "source", data: { x: new Float64Array([1, 2]) } });
  const slider = new Slider({ name: "slider", start: 0, end: 10, value: 1 });
  slider.onChange("value", (_a, _o, value: number) => {
    source.data = { x: new Float64Array([value, value]) };
  });
  doc.addRoot(column(slider, new Button({ name: "button" }), source));
}

const idOf = (doc: DocState, name: string) => Object.entries(doc.models).find(([, m]) => m.name === name)![0];

function lyingBinaryFrame(): Buffer {
  const header = Buffer.from(JSON.stringify({ kind: "patch", reqId: 1, baseSeq: 0, ops: [{ op: "replace", path: "/x", value: { $buffer: 0, dtype: "float64", length: 1_000_000 } }] }));
  const frame = Buffer.alloc(8 + header.length + 16);
  frame.writeUInt32LE(header.length, 0);
  header.copy(frame, 4);
  return frame;
}

describe("hostile and malformed client messages", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let client: TestClient;
  let other: TestClient;
  let before: DocState;
  let seq: number;

  async function connect(): Promise<{ client: TestClient; doc: DocState; seq: number }> {
    const { wsUrl, token } = await createSession(server.appUrls.app!);
    const c = await TestClient.connect(wsUrl, token, { hello: false });
    c.send({ kind: "hello", protocol: 1 });
    const snapshot = await c.next("doc");
    return { client: c, doc: snapshot.doc, seq: snapshot.seq };
  }

  async function pull(c: TestClient): Promise<DocState> {
    const reqId = c.reqId();
    c.send({ kind: "pull-doc", reqId });
    return (await c.next("doc")).doc;
  }

  beforeAll(async () => {
    server = await startServer({ apps: { app } });
    ({ client, doc: before, seq } = await connect());
    ({ client: other } = await connect());
  });

  afterAll(async () => {
    client.socket.terminate();
    other.socket.terminate();
    await server.close();
  });

  const slider = () => idOf(before, "slider");
  const replace = (path: string, value: unknown) => ({ kind: "patch", reqId: 900, baseSeq: seq, ops: [{ op: "replace", path, value }] });

  const cases: [string, () => string | Buffer | object, string][] = [
    ["text that is not JSON", () => "{not json", "PROTOCOL_BAD_MESSAGE"],
    ["a JSON array", () => "[1,2,3]", "PROTOCOL_BAD_MESSAGE"],
    ["an unknown kind", () => ({ kind: "shutdown" }), "PROTOCOL_BAD_MESSAGE"],
    ["a patch with an extra field", () => ({ ...replace(`/models/${slider()}/attrs/value`, 2), admin: true }), "PROTOCOL_BAD_MESSAGE"],
    ["a write to a non-writable attribute", () => replace(`/models/${slider()}/attrs/end`, 1000), "PATCH_NOT_WRITABLE"],
    ["a __proto__ path", () => replace("/models/__proto__/attrs/polluted", 1), "PATCH_BAD_PATH"],
    ["a constructor path", () => replace(`/models/${slider()}/attrs/constructor`, 1), "PATCH_BAD_PATH"],
    ["an add op", () => ({ kind: "patch", reqId: 901, baseSeq: seq, ops: [{ op: "add", path: `/models/${slider()}/attrs/x`, value: 1 }] }), "PATCH_BAD_PATH"],
    ["a path below an attribute", () => replace(`/models/${slider()}/attrs/value/0`, 1), "PATCH_BAD_PATH"],
    ["a value of the wrong type", () => replace(`/models/${slider()}/attrs/value`, "ten"), "PATCH_BAD_VALUE"],
    ["a value out of bounds", () => replace(`/models/${slider()}/attrs/value`, 11), "PATCH_BAD_VALUE"],
    ["a model of no session", () => replace("/models/9999/attrs/value", 1), "PATCH_UNKNOWN_MODEL"],
    ["an event the model does not have", () => ({ kind: "event", reqId: 902, model: slider(), name: "click", payload: null }), "EVENT_UNKNOWN"],
    ["a binary frame whose buffer lengths lie", () => lyingBinaryFrame(), "PROTOCOL_BAD_FRAME"],
  ];

  it.each(cases)("answers %s with an error and changes nothing", async (_name, make, code) => {
    const frame = make();
    if (typeof frame === "string" || Buffer.isBuffer(frame)) client.sendRaw(frame);
    else client.send(frame);
    const error = await client.next("error");
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(0);
    expect(await pull(client)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("still serves both sessions afterwards, and the other saw nothing", async () => {
    const reply = await client.setAttr(slider(), "value", 3, seq);
    expect(reply.kind).toBe("ack");
    expect(other.received.filter((m) => m.kind !== "hello")).toEqual([]);
    expect(await pull(other)).toEqual(before);
  });

  it("closes a socket that sends a frame over the size limit (1009), and the server keeps serving", async () => {
    const { client: big } = await connect();
    big.sendRaw("x".repeat(LIMITS.maxClientFrameBytes + 1));
    expect((await big.closed).code).toBe(CLOSE_CODES.tooBig);
    expect((await client.setAttr(slider(), "value", 4, seq)).kind).toBe("ack");
  });
});
