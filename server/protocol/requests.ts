/**
 * Which server message settles which client request. Every `patch`, `event` and `pull-doc`
 * gets exactly one outcome: an `ack` (applied, or `superseded` by a newer value) or an
 * `error` naming its `reqId` (refused, nothing changed). `CALLBACK_FAILED` is not an outcome:
 * the write was applied and its `ack` follows. The client keeps a request until it is settled
 * and sends it again after a reconnect; the server answers a repeat from its record.
 */
import type { ClientMessage, ServerMessage } from "./messages.ts";

export type ClientRequest = Extract<ClientMessage, { reqId: number }>;

export type RequestOutcome = Extract<ServerMessage, { kind: "ack" }> | (Extract<ServerMessage, { kind: "error" }> & { reqId: number });

/** The outcome `message` is, or undefined when it settles no request. */
export function requestOutcome(message: ServerMessage): RequestOutcome | undefined {
  if (message.kind === "ack") return message;
  if (message.kind === "error" && message.reqId !== undefined && message.code !== "CALLBACK_FAILED") return message as RequestOutcome;
  return undefined;
}

export function isClientRequest(message: ClientMessage): message is ClientRequest {
  return "reqId" in message;
}

type PatchRequest = Extract<ClientMessage, { kind: "patch" }>;

/**
 * A newer patch supersedes an older, not yet applied one when it replaces every path the older
 * one sets: applying only the newer ends in the same document. (The server's inbox and the
 * page's offline queue both keep only the newer, and settle the older as superseded.)
 */
export function supersedes(newer: PatchRequest, older: PatchRequest): boolean {
  return older.ops.every((op) => op.op === "replace" && newer.ops.some((next) => next.op === "replace" && next.path === op.path));
}
