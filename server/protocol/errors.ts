/** Error codes the server reports, each documented in docs/protocol.md. */
export type ErrorCode =
  | "PROTOCOL_BAD_MESSAGE"
  | "PROTOCOL_BAD_FRAME"
  | "PATCH_BAD_PATH"
  | "PATCH_UNKNOWN_MODEL"
  | "PATCH_NOT_WRITABLE"
  | "PATCH_BAD_VALUE"
  | "DOC_VERSION_CONFLICT"
  | "EVENT_UNKNOWN"
  | "EVENT_BAD_PAYLOAD"
  | "CALLBACK_FAILED"
  | "RATE_LIMITED"
  | "SESSION_REFUSED";

/** A message or change the server refuses; the socket stays open and nothing changes. */
export class SyncError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SyncError";
    this.code = code;
  }
}
