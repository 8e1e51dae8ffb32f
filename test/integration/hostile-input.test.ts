import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ColumnDataSource, Div, Slider, Button, column } from "../../server/index.ts";
import { CLOSE_CODES, LIMITS, type DocState } from "../../server/protocol/index.ts";
import { startServer } from "../helpers/start-server.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";

/** `?extra=n` adds n sliders, so a session can hold model ids another session does not have. */
function app(doc: import("../../server/index.ts").Document): void {
  const source = new ColumnDataSource({ name: "source", data: { x: new Float64Array([1, 2]) } });
  const slider = new Slider({ name: "slider", start: 0, end: 10, value: 1 });
  slider.onChange("value", (_a, _o, value: number) => {
    source.data = { x: new Float64Array([value, value]) };
  });
  const extra = Array.from(
    { length: Number(doc.session.request.arguments.extra ?? 0) },
    (_, i) => new Slider({ name: `extra-${i}`, end: 10 }),
  );
  doc.addRoot(column(slider, new Button({ name: "button" }), new Div({ name: "div", text: "<b>by the app</b>" }), source, ...extra));
}

/** Own property names of the prototypes a polluted path would reach. */
const prototypeKeys = () => [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join());

const idOf = (doc: DocState, name: string) => Object.entries(doc.models).find(([, m]) => m.name === name)![0];

function lyingBinaryFrame(): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      kind: "patch",
      reqId: 1,
      baseSeq: 0,
      ops: [{ op: "replace", path: "/x", value: { $buffer: 0, dtype: "float64", length: 1_000_000 } }],
    }),
  );
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

  async function connect(query = ""): Promise<{ client: TestClient; doc: DocState; seq: number; sessionId: string }> {
    const { wsUrl, token } = await createSession(server.appUrls.app!, query);
    const c = await TestClient.connect(wsUrl, token, { hello: false });
    c.send({ kind: "hello", protocol: 1 });
    const { sessionId } = await c.next("hello");
    const snapshot = await c.next("doc");
    return { client: c, doc: snapshot.doc, seq: snapshot.seq, sessionId };
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
  const attr = (name: string, attribute: string) => `/models/${idOf(before, name)}/attrs/${attribute}`;
  const replace = (path: string, value: unknown) => ({
    kind: "patch",
    reqId: client.reqId(),
    baseSeq: seq,
    ops: [{ op: "replace", path, value }],
  });
  const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

  const cases: [string, () => string | Buffer | object, string][] = [
    ["text that is not JSON", () => "{not json", "PROTOCOL_BAD_MESSAGE"],
    ["a JSON array", () => "[1,2,3]", "PROTOCOL_BAD_MESSAGE"],
    ["an unknown kind", () => ({ kind: "shutdown" }), "PROTOCOL_BAD_MESSAGE"],
    ["a patch with an extra field", () => ({ ...replace(`/models/${slider()}/attrs/value`, 2), admin: true }), "PROTOCOL_BAD_MESSAGE"],
    ["a write to a non-writable attribute", () => replace(`/models/${slider()}/attrs/end`, 1000), "PATCH_NOT_WRITABLE"],
    ["a __proto__ path", () => replace("/models/__proto__/attrs/polluted", 1), "PATCH_BAD_PATH"],
    ["a constructor path", () => replace(`/models/${slider()}/attrs/constructor`, 1), "PATCH_BAD_PATH"],
    ["a __proto__ attribute", () => replace(attr("slider", "__proto__"), { polluted: true }), "PATCH_BAD_PATH"],
    ["a prototype model id", () => replace("/models/prototype/attrs/value", 1), "PATCH_BAD_PATH"],
    ["a __proto__ segment at the root", () => replace("/__proto__/polluted", true), "PATCH_BAD_PATH"],
    ["a __proto__ segment in place of attrs", () => replace(`/models/${slider()}/__proto__/polluted`, true), "PATCH_BAD_PATH"],
    ["a constructor.prototype chain", () => replace("/models/constructor/prototype/polluted", true), "PATCH_BAD_PATH"],
    ["a __proto__ field in the message", () => `{"kind":"ping","t":1,"__proto__":{"polluted":true}}`, "PROTOCOL_BAD_MESSAGE"],
    [
      "an event for the model __proto__",
      () => ({ kind: "event", reqId: client.reqId(), model: "__proto__", name: "click", payload: null }),
      "PATCH_UNKNOWN_MODEL",
    ],
    [
      "an event named constructor",
      () => ({ kind: "event", reqId: client.reqId(), model: idOf(before, "button"), name: "constructor", payload: null }),
      "EVENT_UNKNOWN",
    ],
    ["a write to a Div's HTML", () => replace(attr("div", "text"), "<img src=x onerror=alert(1)>"), "PATCH_NOT_WRITABLE"],
    ["a write to a button's label", () => replace(attr("button", "label"), "Pay now"), "PATCH_NOT_WRITABLE"],
    ["a write to a source's data", () => replace(attr("source", "data"), { x: [6, 6] }), "PATCH_NOT_WRITABLE"],
    ["a write to a layout's children", () => replace(`/models/${before.roots[0]}/attrs/children`, []), "PATCH_NOT_WRITABLE"],
    ["a write to a slider's title", () => replace(attr("slider", "title"), "hacked"), "PATCH_NOT_WRITABLE"],
    [
      "a write to an attribute the model inherits (hasOwnProperty)",
      () => replace(attr("slider", "hasOwnProperty"), 1),
      "PATCH_NOT_WRITABLE",
    ],
    ["a write to a model's type", () => replace(`/models/${slider()}/type`, "Div"), "PATCH_BAD_PATH"],
    ["a kind that is a 100,000-deep array (once stopped the server)", () => `{"kind":${deep(100_000)}}`, "PROTOCOL_BAD_MESSAGE"],
    ["a kind whose own toString is no function (once stopped the server)", () => '{"kind":{"toString":1}}', "PROTOCOL_BAD_MESSAGE"],
    ["a value whose own toString is no function", () => replace(attr("slider", "value"), { toString: 1 }), "PATCH_BAD_VALUE"],
    [
      "a value nested 100,000 deep",
      () =>
        `{"kind":"patch","reqId":${client.reqId()},"baseSeq":${seq},"ops":[{"op":"replace","path":"${attr("slider", "value")}","value":${deep(100_000)}}]}`,
      "PATCH_BAD_VALUE",
    ],
    [
      "an add op",
      () => ({ kind: "patch", reqId: client.reqId(), baseSeq: seq, ops: [{ op: "add", path: `/models/${slider()}/attrs/x`, value: 1 }] }),
      "PATCH_BAD_PATH",
    ],
    ["a path below an attribute", () => replace(`/models/${slider()}/attrs/value/0`, 1), "PATCH_BAD_PATH"],
    ["a value of the wrong type", () => replace(`/models/${slider()}/attrs/value`, "ten"), "PATCH_BAD_VALUE"],
    ["a value out of bounds", () => replace(`/models/${slider()}/attrs/value`, 11), "PATCH_BAD_VALUE"],
    ["a model of no session", () => replace("/models/9999/attrs/value", 1), "PATCH_UNKNOWN_MODEL"],
    [
      "an event the model does not have",
      () => ({ kind: "event", reqId: client.reqId(), model: slider(), name: "click", payload: null }),
      "EVENT_UNKNOWN",
    ],
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

  it("answers a write to a model id that exists only in another session with PATCH_UNKNOWN_MODEL, and that session is untouched", async () => {
    const b = await connect("?extra=3");
    const onlyInB = idOf(b.doc, "extra-2");
    expect(before.models[onlyInB]).toBeUndefined();
    const session = server.runtime.sessions.get(b.sessionId)!;
    const state = session.engine.state;
    const write = await client.setAttr(onlyInB, "value", 5, seq);
    expect(write).toMatchObject({ kind: "error", code: "PATCH_UNKNOWN_MODEL" });
    const reqId = client.reqId();
    client.send({ kind: "event", reqId, model: onlyInB, name: "click", payload: null });
    expect(await client.next("error", (m) => m.reqId === reqId)).toMatchObject({ code: "PATCH_UNKNOWN_MODEL" });
    expect(session.engine.state).toBe(state);
    expect(b.client.received.filter((m) => m.kind !== "hello")).toEqual([]);
    expect(await pull(client)).toEqual(before);
    b.client.socket.terminate();
  });

  it("leaves the prototypes and the document clean after pollution attempts that pass validation, text or binary", async () => {
    const prototypes = prototypeKeys();
    const button = idOf(before, "button");
    const value = attr("slider", "value");
    const attempts: (string | object)[] = [
      // An op with an own "__proto__" key is still a valid op: the write (to the current value) is acked.
      `{"kind":"patch","reqId":910,"baseSeq":${seq},"ops":[{"op":"replace","path":"${value}","value":1,"__proto__":{"polluted":true}}]}`,
      `{"kind":"event","reqId":911,"model":"${button}","name":"click","payload":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}`,
      // A binary frame whose header puts a buffer under "__proto__".
      {
        kind: "event",
        reqId: 912,
        model: button,
        name: "click",
        payload: Object.defineProperty({}, "__proto__", { value: new Float64Array([1]), enumerable: true }),
      },
      // In a text frame a buffer ref is only JSON.
      `{"kind":"event","reqId":913,"model":"${button}","name":"click","payload":{"__proto__":{"$buffer":0,"dtype":"float64","length":1}}}`,
    ];
    for (const attempt of attempts) {
      if (typeof attempt === "string") client.sendRaw(attempt);
      else client.send(attempt);
    }
    for (const reqId of [910, 911, 912, 913])
      await Promise.race([client.next("ack", (m) => m.reqId === reqId), client.next("error", (m) => m.reqId === reqId)]);
    expect(prototypeKeys()).toEqual(prototypes);
    for (const empty of [{}, [], () => undefined] as unknown as Record<string, unknown>[]) expect(empty.polluted).toBeUndefined();
    const after = await pull(client);
    expect(after).toEqual(before);
    expect(Object.getPrototypeOf(after.models)).toBe(Object.prototype);
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
