import { describe, expect, it } from "vitest";
import { decodeFrame, encodeFrame } from "../../../../server/protocol/frame.ts";
import { DTYPES, isTypedArray, type Dtype, type TypedArray } from "../../../../server/protocol/json.ts";

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** A binary frame built by hand: header length, header bytes, pad to 8, then `body` as given. */
function rawFrame(
  header: Uint8Array | string | object,
  body: Uint8Array = new Uint8Array(0),
  options: { headerLength?: number } = {},
): Uint8Array {
  const headerBytes =
    header instanceof Uint8Array ? header : new TextEncoder().encode(typeof header === "string" ? header : JSON.stringify(header));
  const start = align8(4 + headerBytes.length);
  const frame = new Uint8Array(start + body.length);
  new DataView(frame.buffer).setUint32(0, options.headerLength ?? headerBytes.length, true);
  frame.set(headerBytes, 4);
  frame.set(body, start);
  return frame;
}

const ref = (i: unknown, dtype: unknown, length: unknown) => ({ $buffer: i, dtype, length });

/** Recursively collects typed arrays, to prove a value has none. */
function typedArraysIn(value: unknown, found: TypedArray[] = []): TypedArray[] {
  if (isTypedArray(value)) found.push(value);
  else if (Array.isArray(value)) for (const item of value) typedArraysIn(item, found);
  else if (typeof value === "object" && value !== null) for (const item of Object.values(value)) typedArraysIn(item, found);
  return found;
}

function sample(dtype: Dtype, length: number): TypedArray {
  const array = new DTYPES[dtype](length);
  for (let i = 0; i < length; i++)
    array[i] = dtype.startsWith("float") ? i * 1.5 - 2.25 : dtype.startsWith("uint") ? i * 37 + 1 : i * 3 - 5;
  return array;
}

function decodeOk(frame: string | Uint8Array | ArrayBuffer): unknown {
  const decoded = decodeFrame(frame);
  if (!decoded.ok) throw new Error(`expected a decodable frame, got: ${decoded.message}`);
  return decoded.value;
}

describe("frame", () => {
  describe("#encodeFrame", () => {
    it("writes a message without typed arrays as a JSON text frame", () => {
      const message = { kind: "patch", seq: 3, ops: [{ op: "replace", path: "/models/1/attrs/value", value: [1, 2] }] };
      const frame = encodeFrame(message);
      expect(typeof frame).toBe("string");
      expect(JSON.parse(frame as string)).toEqual(message);
      expect(typedArraysIn(decodeOk(frame))).toEqual([]);
    });

    it("writes a message with a typed array as a binary frame with a header ref", () => {
      const frame = encodeFrame({ kind: "x", data: new Float64Array([1, 2, 3]) });
      expect(frame).toBeInstanceOf(Uint8Array);
      const bytes = frame as Uint8Array;
      const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
      const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength)));
      expect(header).toEqual({ kind: "x", data: { $buffer: 0, dtype: "float64", length: 3 } });
      expect(bytes.byteLength).toBe(align8(4 + headerLength) + 24);
      expect(bytes.byteLength % 8).toBe(0);
    });

    it("leaves the message it encodes unchanged", () => {
      const column = new Int32Array([1, 2]);
      const message = { kind: "x", nested: { column }, list: [column] };
      encodeFrame(message);
      expect(message.nested.column).toBe(column);
      expect(message.list[0]).toBe(column);
    });
  });

  describe("round trip", () => {
    const dtypes = Object.keys(DTYPES) as Dtype[];

    it.each(dtypes.flatMap((dtype) => [1, 3, 5, 7].map((length) => [dtype, length] as const)))(
      "restores a %s array of odd length %i with its dtype and values",
      (dtype, length) => {
        const column = sample(dtype, length);
        const value = decodeOk(encodeFrame({ kind: "doc", column })) as { column: TypedArray };
        expect(value.column).toBeInstanceOf(DTYPES[dtype]);
        expect(Array.from(value.column)).toEqual(Array.from(column));
      },
    );

    it("restores every dtype from one message, each buffer after odd-length padding", () => {
      const columns = Object.fromEntries(dtypes.map((dtype, i) => [dtype, sample(dtype, 2 * i + 1)]));
      const value = decodeOk(encodeFrame({ kind: "doc", columns })) as { kind: string; columns: Record<string, TypedArray> };
      expect(value.kind).toBe("doc");
      for (const dtype of dtypes) {
        expect(value.columns[dtype]).toBeInstanceOf(DTYPES[dtype]);
        expect(Array.from(value.columns[dtype]!)).toEqual(Array.from(columns[dtype]!));
      }
    });

    it("restores typed arrays nested in arrays and objects, next to plain values", () => {
      const message = {
        kind: "patch",
        seq: 9,
        ops: [
          { op: "x-stream", path: "/models/1/attrs/data", value: { t: new Float64Array([0.5]), label: ["a"] }, rollover: 10 },
          { op: "replace", path: "/models/2/attrs/data", value: { deep: [[new Uint16Array([65535, 0, 1])]], n: null } },
        ],
      };
      const value = decodeOk(encodeFrame(message));
      expect(value).toEqual(message);
      expect(typedArraysIn(value).map((a) => a.constructor)).toEqual([Float64Array, Uint16Array]);
    });

    it("restores one typed array used twice as two buffers", () => {
      const shared = new Int8Array([-1, 2, -3]);
      const value = decodeOk(encodeFrame({ a: shared, b: shared })) as { a: Int8Array; b: Int8Array };
      expect(Array.from(value.a)).toEqual([-1, 2, -3]);
      expect(Array.from(value.b)).toEqual([-1, 2, -3]);
    });

    it("encodes a subarray's own elements, not its whole buffer", () => {
      const whole = new Float32Array([1, 2, 3, 4, 5]);
      const value = decodeOk(encodeFrame({ part: whole.subarray(1, 4) })) as { part: Float32Array };
      expect(Array.from(value.part)).toEqual([2, 3, 4]);
    });

    it("restores empty typed arrays", () => {
      const value = decodeOk(encodeFrame({ empty: new Float64Array(0), one: new Uint8Array([7]) })) as Record<string, TypedArray>;
      expect(value.empty).toBeInstanceOf(Float64Array);
      expect(value.empty!.length).toBe(0);
      expect(Array.from(value.one!)).toEqual([7]);
    });

    it("decodes an ArrayBuffer as well as a Uint8Array", () => {
      const frame = encodeFrame({ x: new Int16Array([-300, 300]) }) as Uint8Array;
      const copy = new ArrayBuffer(frame.byteLength);
      new Uint8Array(copy).set(frame);
      expect(Array.from((decodeOk(copy) as { x: Int16Array }).x)).toEqual([-300, 300]);
    });
  });

  describe("misaligned input", () => {
    const message = {
      kind: "doc",
      f64: new Float64Array([1.25, -2.5, 3.75]),
      i32: new Int32Array([-7, 8, 9]),
      u16: new Uint16Array([1, 2, 3]),
    };

    function atOffset(frame: Uint8Array, shift: number): Uint8Array {
      const backing = new Uint8Array(frame.byteLength + shift + 8);
      backing.fill(0xee);
      backing.set(frame, shift);
      return backing.subarray(shift, shift + frame.byteLength);
    }

    it.each([1, 2, 3, 5])("decodes a Uint8Array view starting %i bytes into its buffer (copy path)", (shift) => {
      const view = atOffset(encodeFrame(message) as Uint8Array, shift);
      expect(view.byteOffset % 8).not.toBe(0);
      const value = decodeOk(view) as typeof message;
      expect(Array.from(value.f64)).toEqual([1.25, -2.5, 3.75]);
      expect(Array.from(value.i32)).toEqual([-7, 8, 9]);
      expect(Array.from(value.u16)).toEqual([1, 2, 3]);
    });

    it.each([1, 3])("decodes a Node Buffer view starting %i bytes into its buffer (ws hands the server Buffers)", (shift) => {
      const frame = encodeFrame(message) as Uint8Array;
      const view = atOffset(frame, shift);
      const buffer = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
      const value = decodeOk(buffer) as typeof message;
      expect(Array.from(value.f64)).toEqual([1.25, -2.5, 3.75]);
      expect(Array.from(value.i32)).toEqual([-7, 8, 9]);
    });
  });

  describe("#decodeFrame refuses hostile frames", () => {
    const eight = new Uint8Array(8);
    const cases: [string, () => Uint8Array | string][] = [
      ["an empty binary frame", () => new Uint8Array(0)],
      ["a frame shorter than 4 bytes", () => new Uint8Array([1, 0, 0])],
      ["a header length beyond the frame", () => rawFrame({ a: 1 }, new Uint8Array(0), { headerLength: 1000 })],
      ["a header length of 2^32-1", () => rawFrame({ a: 1 }, new Uint8Array(0), { headerLength: 0xffffffff })],
      ["a buffer length that overruns the frame", () => rawFrame({ x: ref(0, "float64", 2) }, eight)],
      ["a second buffer that overruns the frame", () => rawFrame({ x: ref(0, "uint8", 1), y: ref(1, "float64", 1) }, eight)],
      ["a huge buffer length", () => rawFrame({ x: ref(0, "float64", 2 ** 50) }, eight)],
      ["the largest safe length", () => rawFrame({ x: ref(0, "uint8", Number.MAX_SAFE_INTEGER) }, eight)],
      ["a negative length", () => rawFrame({ x: ref(0, "float64", -1) }, eight)],
      ["a fractional length", () => rawFrame({ x: ref(0, "uint8", 1.5) }, eight)],
      ["a string length", () => rawFrame({ x: ref(0, "uint8", "8") }, eight)],
      ["a NaN length (written as a non-JSON token)", () => rawFrame('{"x":{"$buffer":0,"dtype":"uint8","length":NaN}}', eight)],
      ["a missing length", () => rawFrame({ x: { $buffer: 0, dtype: "uint8" } }, eight)],
      ["an unknown dtype", () => rawFrame({ x: ref(0, "float16", 1) }, eight)],
      ["a dtype inherited from Object.prototype", () => rawFrame({ x: ref(0, "constructor", 1) }, eight)],
      ["a non-string dtype", () => rawFrame({ x: ref(0, 8, 1) }, eight)],
      ["extra trailing bytes after the last buffer", () => rawFrame({ x: ref(0, "float64", 1) }, new Uint8Array(16))],
      ["bytes no buffer accounts for in a frame without refs", () => rawFrame({ a: 1 }, new Uint8Array(8))],
      ["buffer refs not starting at 0", () => rawFrame({ x: ref(1, "uint8", 8) }, eight)],
      ["buffer refs with a gap", () => rawFrame({ x: ref(0, "uint8", 1), y: ref(2, "uint8", 1) }, new Uint8Array(16))],
      ["a duplicated buffer ref", () => rawFrame({ x: ref(0, "uint8", 1), y: ref(0, "uint8", 1) }, new Uint8Array(16))],
      ["a negative buffer ref", () => rawFrame({ x: ref(-1, "uint8", 8) }, eight)],
      ["a fractional buffer ref", () => rawFrame({ x: ref(0.5, "uint8", 8) }, eight)],
      ["a string buffer ref", () => rawFrame({ x: ref("0", "uint8", 8) }, eight)],
      ["a null buffer ref", () => rawFrame({ x: ref(null, "uint8", 8) }, eight)],
      ["an invalid UTF-8 header", () => rawFrame(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), new Uint8Array(0))],
      ["a header that is not JSON", () => rawFrame("{kind: hello}", new Uint8Array(0))],
      ["an empty header", () => rawFrame("", new Uint8Array(0))],
      ["a text frame that is not JSON", () => "{not json"],
      ["an empty text frame", () => ""],
    ];

    it.each(cases)("refuses %s with ok:false and a message", (_name, make) => {
      const frame = make();
      let decoded: ReturnType<typeof decodeFrame> | undefined;
      expect(() => {
        decoded = decodeFrame(frame);
      }).not.toThrow();
      expect(decoded).toMatchObject({ ok: false, message: expect.any(String) });
    });

    it("accepts the hand-built frame the refusals are variations of", () => {
      const body = new Uint8Array(16);
      new Float64Array(body.buffer, 0, 2).set([1.5, -1]);
      const value = decodeOk(rawFrame({ x: ref(0, "float64", 2) }, body));
      expect(Array.from((value as { x: Float64Array }).x)).toEqual([1.5, -1]);
    });

    it("accepts buffer refs numbered out of order in the header, laid out by number", () => {
      const body = new Uint8Array(16);
      body[0] = 1;
      body[8] = 2;
      const value = decodeOk(rawFrame({ late: ref(1, "uint8", 1), early: ref(0, "uint8", 1) }, body)) as Record<string, Uint8Array>;
      expect(Array.from(value.early!)).toEqual([1]);
      expect(Array.from(value.late!)).toEqual([2]);
    });

    it("accepts a frame whose last buffer's zero padding was left off", () => {
      const value = decodeOk(rawFrame({ x: ref(0, "uint8", 3) }, new Uint8Array([4, 5, 6])));
      expect(Array.from((value as { x: Uint8Array }).x)).toEqual([4, 5, 6]);
    });
  });
});
