/** Decoding at the edge: frames become typed messages or a reason why not. Never throws. */
import { decodeFrame, type Decoded } from "./frame.ts";
import { isPlainObject } from "./json.ts";
import { LIMITS, type ClientMessage, type ServerMessage } from "./messages.ts";

type Shape = Record<string, (value: unknown) => boolean>;

const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const isShortString = (value: unknown) => typeof value === "string" && value.length > 0 && value.length <= 256;
const isOp = (value: unknown) =>
  isPlainObject(value) && typeof value.op === "string" && typeof value.path === "string" && value.path.length <= 1024;

const RESTORE_FIELDS: Shape = { model: isShortString, type: isShortString, attr: isShortString, value: () => true };
const isRestoreEntry = (value: unknown) =>
  isPlainObject(value) && "value" in value && checkShape(value, RESTORE_FIELDS, { name: isShortString }) === undefined;
/** At most one entry per client-writable attribute is used; more than maxClientOps is refused whole. */
const isRestoreList = (value: unknown) => Array.isArray(value) && value.length <= LIMITS.maxClientOps && value.every(isRestoreEntry);

const CLIENT_SHAPES: Record<ClientMessage["kind"], { required: Shape; optional?: Shape }> = {
  hello: { required: { protocol: isCount }, optional: { resumeFrom: isCount, restore: isRestoreList } },
  patch: {
    required: {
      reqId: isCount,
      baseSeq: isCount,
      ops: (ops) => Array.isArray(ops) && ops.length > 0 && ops.length <= LIMITS.maxClientOps && ops.every(isOp),
    },
  },
  event: { required: { reqId: isCount, model: isShortString, name: isShortString, payload: () => true } },
  "pull-doc": { required: { reqId: isCount } },
  ping: { required: { t: (t) => typeof t === "number" && Number.isFinite(t) } },
};

function checkShape(message: Record<string, unknown>, required: Shape, optional: Shape = {}): string | undefined {
  for (const [key, check] of Object.entries(required)) {
    if (!(key in message)) return `missing field "${key}"`;
    if (!check(message[key])) return `field "${key}" has a bad value`;
  }
  for (const key of Object.keys(message)) {
    // Own keys only: `in` would also find "__proto__", "constructor", "toString"… on Object.prototype.
    if (key === "kind" || Object.hasOwn(required, key)) continue;
    if (!Object.hasOwn(optional, key)) return `unexpected field "${key.slice(0, 64)}"`;
    if (!optional[key]!(message[key])) return `field "${key}" has a bad value`;
  }
  return undefined;
}

/** `maxBytes`: the server's `websocketMaxMessageSize` (default the protocol's 1 MiB). */
export function decodeClientMessage(
  frame: string | Uint8Array | ArrayBuffer,
  maxBytes: number = LIMITS.maxClientFrameBytes,
): Decoded<ClientMessage> {
  const size = typeof frame === "string" ? frame.length : frame.byteLength;
  if (size > maxBytes) return { ok: false, message: `frame of ${size} bytes exceeds the limit` };
  const decoded = decodeFrame(frame);
  if (!decoded.ok) return { ok: false, message: `unreadable frame: ${decoded.message}` };
  const message = decoded.value;
  if (!isPlainObject(message)) return { ok: false, message: "a message must be a JSON object" };
  const kind = message.kind;
  if (typeof kind !== "string" || !Object.hasOwn(CLIENT_SHAPES, kind)) {
    // Never String(kind): a deeply nested array overflows the stack, {"toString":1} throws.
    const shown =
      typeof kind === "string"
        ? JSON.stringify(kind.slice(0, 64))
        : `of type ${Array.isArray(kind) ? "array" : kind === null ? "null" : typeof kind}`;
    return { ok: false, message: `unknown message kind ${shown}` };
  }
  const shape = CLIENT_SHAPES[kind as ClientMessage["kind"]];
  const problem = checkShape(message, shape.required, shape.optional);
  if (problem) return { ok: false, message: `${kind}: ${problem}` };
  return { ok: true, value: message as unknown as ClientMessage };
}

/** The client trusts its server more, but still refuses what it cannot read. */
export function decodeServerMessage(frame: string | ArrayBuffer | Uint8Array): Decoded<ServerMessage> {
  const decoded = decodeFrame(frame);
  if (!decoded.ok) return decoded;
  const message = decoded.value;
  if (!isPlainObject(message) || typeof message.kind !== "string") {
    return { ok: false, message: "a server message must be an object with a kind" };
  }
  return { ok: true, value: message as unknown as ServerMessage };
}
