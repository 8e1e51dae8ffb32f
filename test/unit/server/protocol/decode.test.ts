import { describe, expect, it } from "vitest";
import { decodeClientMessage, decodeServerMessage } from "../../../../server/protocol/decode.ts";
import { encodeFrame } from "../../../../server/protocol/frame.ts";
import { LIMITS } from "../../../../server/protocol/messages.ts";

const replace = (value: unknown = 1) => ({ op: "replace", path: "/models/1/attrs/value", value });

/** One valid message per kind; each refusal below is a variation of one of these. */
const valid = {
  hello: () => ({ kind: "hello", protocol: 1 }),
  helloResume: () => ({ kind: "hello", protocol: 1, resumeFrom: 12 }),
  patch: () => ({ kind: "patch", reqId: 1, baseSeq: 0, ops: [replace()] }),
  event: () => ({ kind: "event", reqId: 2, model: "4", name: "click", payload: null }),
  pullDoc: () => ({ kind: "pull-doc", reqId: 3 }),
  ping: () => ({ kind: "ping", t: 1234.5 }),
};

const text = (message: unknown) => JSON.stringify(message);

describe("decode", () => {
  describe("#decodeClientMessage", () => {
    it.each(Object.entries(valid))("accepts a valid %s message unchanged", (_name, make) => {
      const decoded = decodeClientMessage(text(make()));
      expect(decoded).toEqual({ ok: true, value: make() });
    });

    it.each([
      ["an event with an object payload", { ...valid.event(), payload: { x: [1, 2], y: "z" } }],
      ["a patch with the most ops allowed", { ...valid.patch(), ops: Array.from({ length: LIMITS.maxClientOps }, () => replace()) }],
      ["a patch whose op has extra fields (checked later, by the session)", { ...valid.patch(), ops: [{ ...replace(), from: "/x" }] }],
      ["a ping at t = 0", { kind: "ping", t: 0 }],
      ["a hello resuming from 0", { kind: "hello", protocol: 1, resumeFrom: 0 }],
    ])("accepts %s", (_name, message) => {
      expect(decodeClientMessage(text(message)).ok).toBe(true);
    });

    it("accepts a binary frame and restores its typed arrays", () => {
      const frame = encodeFrame({ kind: "event", reqId: 1, model: "1", name: "click", payload: { xs: new Float64Array([1, 2]) } });
      expect(frame).toBeInstanceOf(Uint8Array);
      const decoded = decodeClientMessage(frame);
      expect(decoded.ok).toBe(true);
      if (decoded.ok && decoded.value.kind === "event") {
        expect((decoded.value.payload as unknown as { xs: Float64Array }).xs).toEqual(new Float64Array([1, 2]));
      }
    });

    const refusals: [string, string | Uint8Array][] = [
      ["text that is not JSON", "{kind: 'ping'}"],
      ["an empty frame", ""],
      ["an array", text([valid.ping()])],
      ["null", "null"],
      ["a number", "42"],
      ["a string", text("ping")],
      ["a message without kind", text({ t: 1 })],
      ["an unknown kind", text({ kind: "shutdown" })],
      ["a server-only kind", text({ kind: "ack", reqId: 1, seq: 1 })],
      ["a non-string kind", text({ kind: 1, t: 1 })],
      ["a kind inherited from Object.prototype", text({ kind: "toString" })],
      ["kind __proto__", text({ kind: "__proto__" })],
      ["a hello without protocol", text({ kind: "hello" })],
      ["a hello with a string protocol", text({ kind: "hello", protocol: "1" })],
      ["a hello with a negative resumeFrom", text({ ...valid.hello(), resumeFrom: -1 })],
      ["a hello with a fractional resumeFrom", text({ ...valid.hello(), resumeFrom: 1.5 })],
      ["a hello with a null resumeFrom", text({ ...valid.hello(), resumeFrom: null })],
      ["a hello with an extra field", text({ ...valid.hello(), token: "x" })],
      ["a patch without reqId", text({ kind: "patch", baseSeq: 0, ops: [replace()] })],
      ["a patch without baseSeq", text({ kind: "patch", reqId: 1, ops: [replace()] })],
      ["a patch without ops", text({ kind: "patch", reqId: 1, baseSeq: 0 })],
      ["a patch with a string reqId", text({ ...valid.patch(), reqId: "1" })],
      ["a patch with a negative baseSeq", text({ ...valid.patch(), baseSeq: -1 })],
      ["a patch with a reqId beyond safe integers", text({ ...valid.patch(), reqId: 2 ** 53 })],
      ["a patch with no ops", text({ ...valid.patch(), ops: [] })],
      ["a patch with ops as an object", text({ ...valid.patch(), ops: { 0: replace() } })],
      ["a patch with too many ops", text({ ...valid.patch(), ops: Array.from({ length: LIMITS.maxClientOps + 1 }, () => replace()) })],
      ["a patch with an op that is not an object", text({ ...valid.patch(), ops: ["replace"] })],
      ["a patch with an op without op", text({ ...valid.patch(), ops: [{ path: "/a", value: 1 }] })],
      ["a patch with an op without path", text({ ...valid.patch(), ops: [{ op: "replace", value: 1 }] })],
      ["a patch with a numeric path", text({ ...valid.patch(), ops: [{ op: "replace", path: 1, value: 1 }] })],
      ["a patch with an overlong path", text({ ...valid.patch(), ops: [{ op: "replace", path: "/" + "a".repeat(1024), value: 1 }] })],
      ["a patch with an extra field", text({ ...valid.patch(), origin: 1 })],
      ["an event without payload", text({ kind: "event", reqId: 1, model: "1", name: "click" })],
      ["an event with an empty model id", text({ ...valid.event(), model: "" })],
      ["an event with a numeric model id", text({ ...valid.event(), model: 4 })],
      ["an event with an overlong name", text({ ...valid.event(), name: "c".repeat(257) })],
      ["a pull-doc without reqId", text({ kind: "pull-doc" })],
      ["a pull-doc with an extra field", text({ ...valid.pullDoc(), seq: 1 })],
      ["a ping without t", text({ kind: "ping" })],
      ["a ping with a string t", text({ kind: "ping", t: "now" })],
      ["a ping with an infinite t (1e400)", '{"kind":"ping","t":1e400}'],
      ["a __proto__ extra field", '{"kind":"ping","t":1,"__proto__":{"polluted":true}}'],
      ["a constructor extra field", '{"kind":"ping","t":1,"constructor":{"prototype":{}}}'],
      ["a prototype extra field", '{"kind":"pull-doc","reqId":1,"prototype":1}'],
      ["a toString extra field", '{"kind":"hello","protocol":1,"toString":1}'],
      ["a hasOwnProperty extra field", '{"kind":"patch","reqId":1,"baseSeq":0,"ops":[{"op":"replace","path":"/a"}],"hasOwnProperty":1}'],
      ["a binary frame with lying lengths", new Uint8Array([200, 0, 0, 0, 0x7b, 0x7d, 0, 0])],
      ["a binary frame that is an array", encodeFrame([new Uint8Array([1])])],
      [
        "a text frame longer than maxClientFrameBytes",
        text({ kind: "event", reqId: 1, model: "1", name: "click", payload: "x".repeat(LIMITS.maxClientFrameBytes) }),
      ],
      [
        "a binary frame longer than maxClientFrameBytes",
        encodeFrame({ kind: "event", reqId: 1, model: "1", name: "x", payload: new Uint8Array(LIMITS.maxClientFrameBytes) }),
      ],
    ];

    it.each(refusals)("refuses %s with ok:false and a reason", (_name, frame) => {
      const decoded = decodeClientMessage(frame);
      expect(decoded).toMatchObject({ ok: false, message: expect.any(String) });
    });

    it("refuses an oversized frame before parsing it, naming its size", () => {
      const frame = "x".repeat(LIMITS.maxClientFrameBytes + 1);
      expect(decodeClientMessage(frame)).toEqual({
        ok: false,
        message: `frame of ${LIMITS.maxClientFrameBytes + 1} bytes exceeds the limit`,
      });
    });

    it("names the unexpected field", () => {
      const decoded = decodeClientMessage('{"kind":"ping","t":1,"__proto__":{}}');
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.message).toContain('unexpected field "__proto__"');
    });

    it("never changes Object.prototype, whatever it refuses", () => {
      decodeClientMessage('{"kind":"ping","t":1,"__proto__":{"polluted":true}}');
      decodeClientMessage('{"__proto__":{"polluted":true}}');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe("#decodeServerMessage", () => {
    it("accepts any object with a string kind", () => {
      expect(decodeServerMessage(text({ kind: "pong", t: 1 }))).toEqual({ ok: true, value: { kind: "pong", t: 1 } });
    });

    it.each([
      ["null", "null"],
      ["an array", "[]"],
      ["an object without kind", "{}"],
      ["not JSON", "nope"],
    ])("refuses %s", (_name, frame) => {
      expect(decodeServerMessage(frame).ok).toBe(false);
    });
  });
});
