/**
 * A seeded generator of hostile client frames: valid messages for the fuzz app's document,
 * then mutated (fields deleted, renamed, retyped; paths bent towards prototypes; numbers
 * written as JSON text no encoder would produce; deep nesting; binary headers that lie).
 * The same generator feeds the socket fuzz and the unit-level fuzz of `validateClientOps`;
 * `FuzzTarget` names the models it writes to (test/integration/fuzz.test.ts builds them).
 */
import { LIMITS, encodeFrame } from "../../server/protocol/index.ts";

export type Rng = ReturnType<typeof createRng>;

/** mulberry32: tiny, fast, and the same sequence on every machine. */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)]!, chance: (p: number) => next() < p };
}

/** What the generator needs to know of the target document. */
export interface FuzzTarget {
  /** Model ids by name. */
  ids: Record<string, string>;
  seq: number;
  /** Added to every request id, so ids of different cases never repeat (a repeat is answered from the session's write log). */
  reqIdBase?: number;
}

const FORBIDDEN = ["__proto__", "constructor", "prototype"];
const ALPHABET = 'abcz019_-~/.:"\\{}[], é€😀';
/** Numbers as JSON text: the ones JSON.parse bends (huge, tiny, -0, long) and ones it refuses. */
const RAW_NUMBERS = [
  "1e309",
  "-1e309",
  "-0",
  "1e-400",
  "123456789012345678901234567890",
  "9007199254740993",
  "-5",
  "0.5",
  "1E2",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x10",
  "01",
  ".5",
  "1.",
  "+1",
];
/** Keys an object reaches through its prototype: shadowed by JSON, they break String(value) and friends. */
const OBJECT_KEYS = [...FORBIDDEN, "toString", "valueOf", "hasOwnProperty", "toJSON", "then", "$buffer"];
const KINDS = [
  "hello",
  "patch",
  "event",
  "pull-doc",
  "ping",
  "doc",
  "ack",
  "error",
  "pong",
  "",
  "PATCH",
  "__proto__",
  "constructor",
  "toString",
];
const OPS = ["replace", "add", "remove", "test", "move", "copy", "x-stream", "x-patch", "REPLACE", "", "__proto__"];
const DTYPE_LIES = ["float64", "uint8", "int32", "float128", "__proto__", "constructor", "toString", "", 7];

const randomString = (rng: Rng, max = 12) => Array.from({ length: rng.int(max + 1) }, () => rng.pick([...ALPHABET])).join("");

function randomNumber(rng: Rng): number {
  return rng.pick([0, -1, 1, 2.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 5e-324, rng.next() * 20 - 5, rng.int(1000)]);
}

/**
 * Any value at all: every JSON type, typed arrays (which make the frame binary), and, given a
 * `raw` list to collect them in, numbers as text JSON.stringify would never write.
 */
function randomValue(rng: Rng, raw: string[] | undefined, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return randomNumber(rng);
    case 3:
      return randomString(rng, 20);
    case 4:
      return raw ? rawNumber(rng, raw) : randomNumber(rng);
    case 5:
      return rng.chance(0.5) ? new Float64Array([rng.next(), 2, 3]).subarray(0, rng.int(4)) : new Uint8Array(rng.int(9));
    case 6:
      return Array.from({ length: rng.int(4) }, () => randomValue(rng, raw, depth + 1));
    case 7:
      return Object.fromEntries(
        Array.from({ length: rng.int(4) }, () => [
          rng.chance(0.3) ? rng.pick(OBJECT_KEYS) : randomString(rng, 6),
          randomValue(rng, raw, depth + 1),
        ]),
      );
    default:
      return nested(rng, raw);
  }
}

/** A placeholder that `fill` replaces by number text JSON.stringify would never write. */
function rawNumber(rng: Rng, raw: string[]): string {
  raw.push(rng.pick(RAW_NUMBERS));
  return `§RAW${raw.length - 1}§`;
}

/**
 * Deep nesting. Past a few dozen levels it is written as text (as a hostile page would send
 * it): building it as objects would overflow the generator's own stack, not the server's.
 */
function nested(rng: Rng, raw: string[] | undefined): unknown {
  // Huge ones are costly to parse (the point, for a server), so rarer.
  const depth = rng.chance(0.03) ? rng.pick([5_000, 100_000]) : rng.pick([3, 40, 500]);
  if (depth > 40 && raw) {
    const [open, close] = rng.chance(0.5) ? ["[", "]"] : ['{"a":', "}"];
    raw.push(`${open.repeat(depth)}1${close.repeat(depth)}`);
    return `§RAW${raw.length - 1}§`;
  }
  let value: unknown = rng.chance(0.5) ? 1 : randomValue(rng, raw, 3);
  for (let n = Math.min(depth, 40); n > 0; n--) value = rng.chance(0.5) ? [value] : { a: value };
  return value;
}

const WRITES: [string, string, (rng: Rng) => unknown][] = [
  ["slider", "value", (rng) => rng.int(21) / 2],
  ["slider", "valueThrottled", (rng) => rng.next() * 10],
  ["range", "value", (rng) => [-rng.int(6), rng.int(6)]],
  ["select", "value", (rng) => rng.pick(["a", "b", randomString(rng)])],
  ["text", "value", (rng) => randomString(rng, 30)],
  ["checkbox", "active", (rng) => rng.chance(0.5)],
  ["toggle", "active", (rng) => rng.chance(0.5)],
  ["source", "selected", (rng) => Array.from({ length: rng.int(4) }, () => rng.int(3))],
  ["xrange", "start", (rng) => (rng.chance(0.2) ? null : rng.next())],
  ["xrange", "end", (rng) => (rng.chance(0.2) ? null : 1 + rng.next())],
];

/** A message the server accepts as it stands (an ack, a pong, a doc). */
export function validMessage(rng: Rng, target: FuzzTarget): Record<string, unknown> {
  const reqId = (target.reqIdBase ?? 0) + rng.int(1_000_000);
  switch (rng.int(10)) {
    case 0:
      return { kind: "ping", t: randomNumber(rng) };
    case 1:
      return { kind: "pull-doc", reqId };
    case 2:
      return { kind: "hello", protocol: 1, ...(rng.chance(0.5) ? { resumeFrom: Math.max(0, target.seq - rng.int(3)) } : {}) };
    case 3:
    case 4:
      return { kind: "event", reqId, model: target.ids.button!, name: "click", payload: randomValue(rng, undefined) };
    default: {
      const ops = Array.from({ length: 1 + rng.int(3) }, () => {
        const [name, attr, value] = rng.pick(WRITES);
        return { op: "replace", path: `/models/${target.ids[name]}/attrs/${attr}`, value: value(rng) };
      });
      return { kind: "patch", reqId, baseSeq: target.seq, ops };
    }
  }
}

type Container = Record<string, unknown> | unknown[];

/** Every [container, key] inside `value`, depth-first, capped (deep nests would make thousands). */
function slots(value: unknown, found: [Container, string | number][] = []): [Container, string | number][] {
  if (found.length > 200 || typeof value !== "object" || value === null || ArrayBuffer.isView(value)) return found;
  const container = value as Container;
  for (const key of Array.isArray(container) ? container.keys() : Object.keys(container)) {
    found.push([container, key]);
    slots((container as Record<string | number, unknown>)[key], found);
  }
  return found;
}

/** Sets an own property, even one named "__proto__" (plain assignment would set the prototype). */
function setOwn(container: Container, key: string | number, value: unknown): void {
  Object.defineProperty(container, key, { value, enumerable: true, configurable: true, writable: true });
}

function bendPath(rng: Rng, path: string, target: FuzzTarget): string {
  const segments = path.split("/");
  const at = 1 + rng.int(Math.max(1, segments.length - 1));
  switch (rng.int(8)) {
    case 0:
      segments[at] = rng.pick(FORBIDDEN);
      break;
    case 1:
      segments[at] = rng.pick([...Object.values(target.ids), "0", "999", "-1", "1.0", ""]);
      break;
    case 2:
      segments.splice(at, 0, rng.pick([...FORBIDDEN, "0", "attrs"]));
      break;
    case 3:
      segments.splice(at, 1);
      break;
    case 4:
      segments[at] = `${segments[at] ?? ""}${rng.pick(["~", "~2", "~01", "~1", "%2F", "\u0000"])}`;
      break;
    case 5:
      return path.replace(/^\//, "");
    case 6:
      return `${path}/${"x".repeat(rng.pick([10, 1100]))}`;
    default:
      segments[at] = rng.pick(["models", "attrs", "roots", "type", "name", "data", "end", "title", "text", "label", "children"]);
  }
  return segments.join("/");
}

const ATTRS = [
  "value",
  "valueThrottled",
  "active",
  "selected",
  "xRange",
  "start",
  "end",
  "step",
  "title",
  "text",
  "label",
  "data",
  "children",
  "renderers",
  "disabled",
  "options",
  "hasOwnProperty",
  "toString",
  "valueOf",
  "nope",
];
const EVENTS = ["click", "change", "", "__proto__", "constructor", "toString", "hasOwnProperty"];

/**
 * A change that keeps the message's shape, so it reaches the patch validator or the event
 * dispatcher: a bent path, another model or attribute (writable or not), another op or value.
 */
function mutateMeaning(rng: Rng, message: Record<string, unknown>, target: FuzzTarget, raw: string[]): void {
  const ops = (Array.isArray(message.ops) ? message.ops : []) as Record<string, unknown>[];
  const model = () => rng.pick([...Object.values(target.ids), ...FORBIDDEN, "0", "999", "1e0", " 1", "source\u0000"]);
  if (message.kind === "hello") {
    if (rng.chance(0.3)) message.protocol = rng.pick([0, 2, 1000]);
    else message.resumeFrom = rng.pick([0, target.seq, target.seq + 1, target.seq + 1000, Number.MAX_SAFE_INTEGER]);
    return;
  }
  if (message.kind === "event") {
    if (rng.chance(0.5)) message.model = model();
    else message.name = rng.pick(EVENTS);
    return;
  }
  const op = ops.length > 0 ? rng.pick(ops) : undefined;
  if (!op || typeof op !== "object") return;
  switch (rng.int(4)) {
    case 0:
      op.path = bendPath(rng, String(op.path), target);
      break;
    case 1:
      op.path = `/models/${model()}/attrs/${rng.pick([...ATTRS, ...FORBIDDEN])}`;
      break;
    case 2:
      op.op = rng.pick(OPS);
      break;
    default:
      setOwn(op, "value", randomValue(rng, raw));
  }
}

/** One structural change of the message (in place). */
function mutateMessage(rng: Rng, message: Record<string, unknown>, target: FuzzTarget, raw: string[]): void {
  const all = slots(message);
  if (all.length === 0) return;
  const [container, key] = rng.pick(all);
  const current = (container as Record<string | number, unknown>)[key];
  const rename = () => {
    if (Array.isArray(container)) return;
    delete container[key];
    setOwn(container, rng.pick([...FORBIDDEN, "kind", "reqId", "value", "paths", "", randomString(rng, 5)]), current);
  };
  switch (rng.int(10)) {
    case 0:
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key];
      break;
    case 1:
      rename();
      break;
    case 2:
      setOwn(container, key, randomValue(rng, raw));
      break;
    case 3:
      if (typeof current === "string" && (key === "path" || key === "from")) setOwn(container, key, bendPath(rng, String(current), target));
      else setOwn(container, key, randomValue(rng, raw));
      break;
    case 4:
      message.kind = rng.pick(KINDS);
      break;
    case 5:
      for (const [c, k] of all) if (k === "op") setOwn(c, k, rng.pick(OPS));
      break;
    case 6:
      message.baseSeq = rng.pick([target.seq + 1, target.seq + 1000, 0, -1, 0.5, rawNumber(rng, raw)]);
      break;
    case 7:
      message.reqId = rng.pick([-1, 1.5, "1", null, 2 ** 53, Number.MAX_SAFE_INTEGER, rawNumber(rng, raw)]);
      break;
    case 8:
      if (Array.isArray(message.ops))
        message.ops = rng.pick([
          [],
          Array(1001).fill({ op: "replace", path: "/models/1/attrs/value", value: 1 }),
          [...message.ops, ...message.ops],
          [1],
          ["replace"],
        ]);
      break;
    default:
      setOwn(container, key, nested(rng, raw));
  }
}

const PLACEHOLDER = /"§RAW(\d+)§"/g;

/** `text` with the placeholders put back as the text they stand for; undefined when that is over the limit. */
function fill(text: string, raw: string[]): string | undefined {
  let size = text.length;
  for (const [match, i] of text.matchAll(PLACEHOLDER)) size += raw[Number(i)]!.length - match.length;
  return size > LIMITS.maxClientFrameBytes ? undefined : text.replace(PLACEHOLDER, (_m, i: string) => raw[Number(i)]!);
}

function mutateText(rng: Rng, text: string): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(5)) {
    case 0:
      return text.slice(0, at) + rng.pick([...ALPHABET]) + text.slice(at + 1);
    case 1:
      return text.slice(0, at);
    case 2:
      return text.slice(0, at) + randomString(rng, 8) + text.slice(at);
    case 3:
      return text.slice(0, at) + text.slice(at + 1 + rng.int(20));
    default:
      return text.slice(0, at) + text.slice(rng.int(text.length + 1)) + text.slice(at);
  }
}

const align8 = (n: number) => (n + 7) & ~7;

/** Rebuilds a binary frame around a new header text, keeping its buffer bytes as they were. */
function withHeader(frame: Uint8Array, header: string): Uint8Array {
  const oldLength = new DataView(frame.buffer, frame.byteOffset).getUint32(0, true);
  const body = frame.subarray(align8(4 + oldLength));
  const bytes = new TextEncoder().encode(header);
  const out = new Uint8Array(align8(4 + bytes.length) + body.length);
  new DataView(out.buffer).setUint32(0, bytes.length, true);
  out.set(bytes, 4);
  out.set(body, align8(4 + bytes.length));
  return out;
}

/** Lies in a binary frame: header length, buffer refs, bytes flipped, cut or added. */
function mutateBinary(rng: Rng, frame: Uint8Array): Uint8Array {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const headerLength = view.getUint32(0, true);
  switch (rng.int(6)) {
    case 0:
      view.setUint32(
        0,
        rng.pick([headerLength + 1 + rng.int(8), Math.max(0, headerLength - 1 - rng.int(8)), 0, 0xffffffff, frame.byteLength]),
        true,
      );
      return frame;
    case 1: {
      const header = new TextDecoder().decode(frame.subarray(4, 4 + headerLength));
      const lie = rng.pick([
        (h: string) =>
          h.replace(/"length":\d+/, `"length":${rng.pick(["1000000", "-1", "1.5", "1e20", '"3"', "null", "9007199254740993"])}`),
        (h: string) => h.replace(/"\$buffer":\d+/, `"$buffer":${rng.pick(["1", "-1", '"0"', "99", "0.5", "null"])}`),
        (h: string) => h.replace(/"dtype":"\w+"/, `"dtype":${JSON.stringify(rng.pick(DTYPE_LIES))}`),
        (h: string) => h.replace(/("\$buffer":\d+,"dtype":"\w+","length":\d+)/, '$1,"extra":1'),
        (h: string) => h.replace(/\{"\$buffer":\d+,/, '{"$buffer":0,'),
      ]);
      return withHeader(frame, lie(header));
    }
    case 2: {
      const out = frame.slice();
      for (let n = 1 + rng.int(8); n > 0 && out.length > 0; n--) {
        const at = rng.int(out.length);
        out[at] = out[at]! ^ (1 << rng.int(8));
      }
      return out;
    }
    case 3:
      return frame.slice(0, rng.int(frame.length));
    case 4:
      return Uint8Array.from([...frame, ...Array.from({ length: 1 + rng.int(16) }, () => rng.int(256))]);
    default:
      return Uint8Array.from({ length: rng.int(12) }, () => rng.int(256));
  }
}

export interface FuzzCase {
  frame: string | Uint8Array;
  /** The message before mutation, for failure reports. */
  from: Record<string, unknown>;
}

/**
 * One frame: a valid message, mutated (most of the time), encoded as text or binary. Never
 * over the frame size limit (frames over it are closed with 1009 before they are read).
 */
export function fuzzFrame(rng: Rng, target: FuzzTarget): FuzzCase {
  for (;;) {
    const made = makeFrame(rng, target);
    const size = made === undefined ? Infinity : typeof made.frame === "string" ? Buffer.byteLength(made.frame) : made.frame.byteLength;
    if (size <= LIMITS.maxClientFrameBytes) return made!;
  }
}

function makeFrame(rng: Rng, target: FuzzTarget): FuzzCase | undefined {
  const from = validMessage(rng, target);
  const message = structuredClone(from);
  const raw: string[] = [];
  if (rng.chance(0.45)) mutateMeaning(rng, message, target, raw);
  else if (rng.chance(0.75)) for (let n = 1 + rng.int(2); n > 0; n--) mutateMessage(rng, message, target, raw);
  const encoded = encodeFrame(message);
  if (typeof encoded === "string") {
    const text = fill(encoded, raw);
    return text === undefined ? undefined : { from, frame: rng.chance(0.15) ? mutateText(rng, text) : text };
  }
  const header = fill(new TextDecoder().decode(encoded.subarray(4, 4 + new DataView(encoded.buffer).getUint32(0, true))), raw);
  if (header === undefined) return undefined;
  const frame = raw.length > 0 ? withHeader(encoded, header) : encoded;
  return { from, frame: rng.chance(0.5) ? mutateBinary(rng, frame) : frame };
}
