/**
 * One message, one frame. A message without typed arrays is a JSON text frame. A message with
 * typed arrays is one binary frame:
 *
 *   [u32 LE header length][header JSON, UTF-8][pad to 8][buffer 0][pad to 8][buffer 1]…
 *
 * where each typed array in the header is replaced by `{ "$buffer": i, "dtype": d, "length": n }`.
 */
import { DTYPES, dtypeOf, isTypedArray, type Dtype, type TypedArray } from "./json.ts";

export type Frame = string | Uint8Array;

export type Decoded<T> = { ok: true; value: T } | { ok: false; message: string };

interface BufferRef {
  $buffer: number;
  dtype: Dtype;
  length: number;
}

const align8 = (n: number) => (n + 7) & ~7;

/** Replaces typed arrays by buffer refs, collecting the arrays in order. Shares, never copies, input. */
function extractBuffers(value: unknown, buffers: TypedArray[]): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (isTypedArray(value)) {
    const ref: BufferRef = { $buffer: buffers.length, dtype: dtypeOf(value)!, length: value.length };
    buffers.push(value);
    return ref;
  }
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== "object" || item === null) continue;
      const replaced = extractBuffers(item, buffers);
      if (replaced !== item) (out ??= value.slice())[i] = replaced;
    }
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "object" || item === null) continue;
    const replaced = extractBuffers(item, buffers);
    if (replaced !== item) (out ??= { ...value })[key] = replaced;
  }
  return out ?? value;
}

export function encodeFrame(message: object): Frame {
  const buffers: TypedArray[] = [];
  const header = extractBuffers(message, buffers);
  const json = JSON.stringify(header);
  if (buffers.length === 0) return json;
  const headerBytes = new TextEncoder().encode(json);
  let size = align8(4 + headerBytes.length);
  for (const buffer of buffers) size = align8(size + buffer.byteLength);
  const frame = new Uint8Array(size);
  new DataView(frame.buffer).setUint32(0, headerBytes.length, true);
  frame.set(headerBytes, 4);
  let offset = align8(4 + headerBytes.length);
  for (const buffer of buffers) {
    frame.set(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), offset);
    offset = align8(offset + buffer.byteLength);
  }
  return frame;
}

function isBufferRef(value: Record<string, unknown>): boolean {
  return "$buffer" in value;
}

/** Views `byteLength` bytes of `bytes` at `offset` as a typed array, copying only when misaligned. */
function viewAs(bytes: Uint8Array, offset: number, dtype: Dtype, length: number): TypedArray {
  const Ctor = DTYPES[dtype];
  const start = bytes.byteOffset + offset;
  if (start % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(bytes.buffer as ArrayBuffer, start, length);
  // A copy (Node's Buffer#slice would be a view): the new buffer starts aligned.
  const copy = new Uint8Array(bytes.subarray(offset, offset + length * Ctor.BYTES_PER_ELEMENT));
  return new Ctor(copy.buffer, 0, length);
}

function restoreBuffers(value: unknown, buffers: TypedArray[]): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreBuffers(value[i], buffers);
    return value;
  }
  const record = value as Record<string, unknown>;
  if (isBufferRef(record)) {
    const index = record.$buffer;
    if (typeof index !== "number" || buffers[index] === undefined) throw new Error("buffer ref points nowhere");
    return buffers[index];
  }
  for (const key of Object.keys(record)) record[key] = restoreBuffers(record[key], buffers);
  return record;
}

function collectRefs(value: unknown, refs: BufferRef[]): void {
  if (typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, refs);
    return;
  }
  const record = value as Record<string, unknown>;
  if (isBufferRef(record)) {
    const { $buffer, dtype, length } = record;
    if (typeof $buffer !== "number" || typeof length !== "number" || typeof dtype !== "string" || !Object.hasOwn(DTYPES, dtype)) {
      throw new Error("malformed buffer ref");
    }
    if (!Number.isSafeInteger(length) || length < 0) throw new Error("buffer ref has a bad length");
    refs.push({ $buffer, dtype: dtype as Dtype, length });
    return;
  }
  for (const item of Object.values(record)) collectRefs(item, refs);
}

function decodeBinary(bytes: Uint8Array): unknown {
  if (bytes.byteLength < 4) throw new Error("binary frame shorter than its header length");
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  if (4 + headerLength > bytes.byteLength) throw new Error("header length exceeds the frame");
  const header: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(4, 4 + headerLength)));
  const refs: BufferRef[] = [];
  collectRefs(header, refs);
  refs.sort((a, b) => a.$buffer - b.$buffer);
  const buffers: TypedArray[] = [];
  let offset = align8(4 + headerLength);
  for (const [i, ref] of refs.entries()) {
    if (ref.$buffer !== i) throw new Error("buffer refs must number 0, 1, 2… once each");
    const byteLength = ref.length * DTYPES[ref.dtype].BYTES_PER_ELEMENT;
    if (offset + byteLength > bytes.byteLength) throw new Error("buffer lengths exceed the frame");
    buffers.push(viewAs(bytes, offset, ref.dtype, ref.length));
    offset = align8(offset + byteLength);
  }
  if (offset !== align8(bytes.byteLength)) throw new Error("frame has bytes no buffer accounts for");
  return restoreBuffers(header, buffers);
}

/** Parses a text or binary frame into a plain value with typed arrays restored. Never throws. */
export function decodeFrame(frame: string | Uint8Array | ArrayBuffer): Decoded<unknown> {
  try {
    if (typeof frame === "string") return { ok: true, value: JSON.parse(frame) };
    const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
    return { ok: true, value: decodeBinary(bytes) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
