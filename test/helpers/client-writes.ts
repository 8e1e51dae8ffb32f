/** A page's write of one attribute, as the session validates it: accepted (with the value stored) or refused (with its code). */
import { Document, engineOf } from "../../server/document/document.ts";
import type { Model } from "../../server/document/model.ts";
import { SyncError, type ErrorCode } from "../../server/protocol/index.ts";
import { validateClientOps } from "../../server/session/client-patch.ts";

export type WriteOutcome = { accepted: true; stored: unknown; echo: boolean } | { accepted: false; code: ErrorCode };

/** Validates a client `replace` of `model.attr` (attaching the model to a fresh document first). */
export function clientWrite(model: Model, attr: string, value: unknown): WriteOutcome {
  if (model.document === undefined) {
    const doc = new Document();
    doc.addRoot(model);
    engineOf(doc).flush();
  }
  try {
    const [write] = validateClientOps(model.document!, [{ op: "replace", path: `/models/${model.id}/attrs/${attr}`, value } as never]);
    return { accepted: true, stored: write!.value, echo: write!.echo === true };
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    return { accepted: false, code: error.code };
  }
}

/** The code of a refused write, or "accepted". */
export function outcome(model: Model, attr: string, value: unknown): ErrorCode | "accepted" {
  const result = clientWrite(model, attr, value);
  return result.accepted ? "accepted" : result.code;
}
