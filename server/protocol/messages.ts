/**
 * The wire contract between server and client. Types and constants only: the client imports
 * this file, so it must not use Node or DOM APIs. The full description is docs/protocol.md.
 */
import type { Json, TypedArray, Value } from "./json.ts";
import type { JsonPatchOp } from "./json-pointer.ts";
import type { ErrorCode } from "./errors.ts";
import type { RestoreEntry } from "./restore.ts";

export const PROTOCOL_VERSION = 1;

export type ModelId = string;

export interface ModelState {
  type: string;
  name?: string;
  attrs: Record<string, Value>;
}

/** The whole document: one plain tree. References between models are `{ ref: id }`. */
export interface DocState {
  roots: ModelId[];
  models: Record<ModelId, ModelState>;
  /** `doc.title`: the app page's `<title>`, live. */
  title?: string;
}

export interface Ref {
  ref: ModelId;
}

/** Appends rows to the columns of a data object (a ColumnDataSource's `data`), keeping the last `rollover`. */
export interface StreamOp {
  op: "x-stream";
  path: string;
  value: Record<string, TypedArray | Value[]>;
  rollover?: number;
}

/** Sets single cells of the columns of a data object: `{ column: [[index, value], …] }`. */
export interface CellPatchOp {
  op: "x-patch";
  path: string;
  value: Record<string, [number, Value][]>;
}

/** RFC 6902 operations plus Aperture's two column extensions. */
export type DocOp = JsonPatchOp | StreamOp | CellPatchOp;

/** What a page may send: attribute replaces, and cell edits of an editable DataTable's source. */
export type ClientOp = JsonPatchOp | CellPatchOp;

export type ClientMessage =
  /** `restore`: on a socket that makes a new session (no token), the values the person set in a lost one. */
  | { kind: "hello"; protocol: number; resumeFrom?: number; restore?: RestoreEntry[] }
  | { kind: "patch"; reqId: number; baseSeq: number; ops: ClientOp[] }
  | { kind: "event"; reqId: number; model: ModelId; name: string; payload: Json }
  | { kind: "pull-doc"; reqId: number }
  | { kind: "ping"; t: number };

export type ServerMessage =
  /** `token`: a fresh one for this session, which the page presents to resume it on its next socket. */
  | { kind: "hello"; protocol: number; sessionId: string; app: string; token: string }
  | { kind: "doc"; seq: number; doc: DocState }
  | { kind: "patch"; seq: number; ops: DocOp[]; origin?: number }
  | { kind: "ack"; reqId: number; seq: number; superseded?: boolean }
  | { kind: "error"; reqId?: number; code: ErrorCode; message: string }
  | { kind: "pong"; t: number }
  | { kind: "notify"; level: NotificationLevel; message: string; duration: number };

/** Panel's notification levels, for `doc.notify(message, { level })`. */
export const NOTIFICATION_LEVELS = ["info", "success", "warning", "error"] as const;
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number];

/** WebSocket close codes (4000–4999 are the application's). */
export const CLOSE_CODES = {
  protocolError: 1002,
  tooBig: 1009,
  sessionNotFound: 4000,
  protocolVersion: 4001,
  badToken: 4002,
  sessionTaken: 4003,
  rateLimited: 4008,
  slowClient: 4009,
  shuttingDown: 4010,
  /** No session could be made (the handler failed, too many sessions from the address): the reason says why. */
  sessionRefused: 4014,
  sessionLost: 4012,
  /** The app's code changed (`aperture serve --dev`): the page reloads itself. */
  reload: 4013,
} as const;

/** A close that says the server is restarting and wants its pages back: they retry briskly, and say so. */
export const isRestartClose = (code: number): boolean => code === CLOSE_CODES.shuttingDown;

/** What a page shows while it reconnects, by whether the server said it is restarting (`isRestartClose`). */
export function reconnectingText(restarting: boolean): string {
  return restarting ? "Server restarting, reconnecting…" : "Connection lost, reconnecting…";
}

/** Limits both sides agree on. */
export const LIMITS = {
  /** Largest frame a client may send. */
  maxClientFrameBytes: 1 << 20,
  /** Most ops in one client patch. */
  maxClientOps: 1000,
  /** Requests a page has on one socket without their outcome; more wait their turn. */
  maxInFlight: 256,
  /** Outcomes a session keeps to answer requests sent again (well above `maxInFlight`). */
  keptOutcomes: 1024,
} as const;
