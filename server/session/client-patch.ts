/**
 * Checks a client's patch against the session's document before anything changes: only
 * `replace` of `/models/<id>/attrs/<attr>`, only client-writable attributes, only valid values.
 */
import { FORBIDDEN_SEGMENTS, SyncError, fromPointer, pointerCovers, valuesEqual, type JsonPatchOp } from "../protocol/index.ts";
import type { Document } from "../document/document.ts";
import type { DocumentEngine } from "../document/engine.ts";
import type { Model } from "../document/model.ts";
import type { ResumeLog } from "./resume-log.ts";

export interface ClientWrite {
  model: Model;
  attr: string;
  value: unknown;
  path: string;
  /** The stored value differs from the page's (normalized), so it goes back to the page. */
  echo?: boolean;
}

export function validateClientOps(doc: Document, ops: JsonPatchOp[]): ClientWrite[] {
  return ops.map((op) => {
    const segments = fromPointer(op.path);
    if (!segments) throw new SyncError("PATCH_BAD_PATH", `"${op.path.slice(0, 80)}" is not a JSON pointer`);
    if (segments.some((segment) => FORBIDDEN_SEGMENTS.has(segment))) {
      throw new SyncError("PATCH_BAD_PATH", `path "${op.path.slice(0, 80)}" has a forbidden segment`);
    }
    if (op.op !== "replace" || segments.length !== 4 || segments[0] !== "models" || segments[2] !== "attrs") {
      throw new SyncError("PATCH_BAD_PATH", `only "replace" of /models/<id>/attrs/<attr> is allowed, got ${op.op} ${op.path.slice(0, 80)}`);
    }
    const [, id, , attr] = segments as [string, string, string, string];
    const model = doc.getModelById(id);
    if (!model) throw new SyncError("PATCH_UNKNOWN_MODEL", `no model "${id.slice(0, 40)}" in this session`);
    if (!Object.hasOwn(model.props, attr))
      throw new SyncError("PATCH_NOT_WRITABLE", `${model.type} has no attribute "${attr.slice(0, 40)}"`);
    const spec = model.props[attr]!;
    if (!spec.clientWritable) throw new SyncError("PATCH_NOT_WRITABLE", `${model.type}.${attr} is not client-writable`);
    if (!("value" in op)) throw new SyncError("PATCH_BAD_VALUE", "replace needs a value");
    const problem = spec.check(op.value, model.attrValues());
    if (problem) throw new SyncError("PATCH_BAD_VALUE", `${model.type}.${attr}: ${problem}`);
    const value = spec.normalize ? spec.normalize(op.value, model.attrValues()) : op.value;
    return { model, attr, value, path: op.path, ...(valuesEqual(value, op.value) ? {} : { echo: true }) };
  });
}

/** Applies validated writes as the page's own: callbacks run; a value the server normalized goes back. */
export function applyClientWrites(engine: DocumentEngine, writes: readonly ClientWrite[]): void {
  for (const { model, attr, value, echo } of writes) engine.writeAttr(model, attr, value, { fromClient: !echo, echo });
}

/**
 * A client write conflicts when the server changed the same attribute after the version the
 * client based its patch on; the server's value wins and the client converges to it.
 */
export function findConflict(log: ResumeLog, baseSeq: number, currentSeq: number, writes: ClientWrite[]): string | undefined {
  if (baseSeq === currentSeq) return undefined;
  const oldest = log.oldestSeq ?? currentSeq + 1;
  if (baseSeq < oldest - 1) return `version ${baseSeq} is too old to merge (the server is at ${currentSeq})`;
  for (const entry of log.patches()) {
    if (entry.seq <= baseSeq) continue;
    for (const op of entry.ops) {
      const write = writes.find((w) => pointerCovers(op.path, w.path) || pointerCovers(w.path, op.path));
      if (write) return `${write.model.type}.${write.attr} was changed by the server (version ${entry.seq}) after version ${baseSeq}`;
    }
  }
  return undefined;
}
