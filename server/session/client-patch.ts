/**
 * Checks a client's patch against the session's document before anything changes: only
 * `replace` of `/models/<id>/attrs/<attr>`, only client-writable attributes, only valid values;
 * or an `x-patch` of a source's `data`, only cells an editable DataTable's editors accept.
 */
import { FORBIDDEN_SEGMENTS, SyncError, fromPointer, pointerCovers, valuesEqual, type ClientOp, type Value } from "../protocol/index.ts";
import type { Document } from "../document/document.ts";
import type { DocumentEngine } from "../document/engine.ts";
import type { Model } from "../document/model.ts";
import type { ColumnDataSource } from "../models/source.ts";
import { checkCellEdits } from "../models/table-edits.ts";
import type { ResumeLog } from "./resume-log.ts";

export interface ClientWrite {
  model: Model;
  attr: string;
  value: unknown;
  path: string;
  /** The stored value differs from the page's (normalized), so it goes back to the page. */
  echo?: boolean;
  /** A table edit: the checked cells of the source's `data`, set as `source.patch` sets them. */
  cells?: Record<string, [number, Value][]>;
}

export function validateClientOps(doc: Document, ops: ClientOp[]): ClientWrite[] {
  return ops.map((op) => {
    const segments = fromPointer(op.path);
    if (!segments) throw new SyncError("PATCH_BAD_PATH", `"${op.path.slice(0, 80)}" is not a JSON pointer`);
    if (segments.some((segment) => FORBIDDEN_SEGMENTS.has(segment))) {
      throw new SyncError("PATCH_BAD_PATH", `path "${op.path.slice(0, 80)}" has a forbidden segment`);
    }
    const cells = op.op === "x-patch" && segments[3] === "data";
    if ((op.op !== "replace" && !cells) || segments.length !== 4 || segments[0] !== "models" || segments[2] !== "attrs") {
      throw new SyncError(
        "PATCH_BAD_PATH",
        `only "replace" of /models/<id>/attrs/<attr> or "x-patch" of /models/<id>/attrs/data is allowed, got ${String(op.op).slice(0, 20)} ${op.path.slice(0, 80)}`,
      );
    }
    const [, id, , attr] = segments as [string, string, string, string];
    const model = doc.getModelById(id);
    if (!model) throw new SyncError("PATCH_UNKNOWN_MODEL", `no model "${id.slice(0, 40)}" in this session`);
    if (cells) return { model, attr, value: undefined, path: op.path, cells: checkCellEdits(model, "value" in op ? op.value : undefined) };
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

/**
 * Applies validated writes as the page's own: callbacks run; a value the server normalized goes back.
 * Table edits go back to the page too: the stored value may differ from the typed one (a date as a number).
 */
export function applyClientWrites(engine: DocumentEngine, writes: readonly ClientWrite[]): void {
  for (const { model, attr, value, echo, cells } of writes) {
    if (cells) (model as ColumnDataSource).patch(cells);
    else engine.writeAttr(model, attr, value, { fromClient: !echo, echo });
  }
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
