/** Applies a server patch to the client's mirror of the document, in place. */
import { applyOperation, type Operation } from "fast-json-patch";
import {
  FORBIDDEN_SEGMENTS,
  appendRows,
  fromPointer,
  isPlainObject,
  type DocOp,
  type DocState,
  type ModelId,
  type Value,
} from "../../server/protocol/index.ts";
import { setCells } from "./columns.ts";
import { markPath, noChanges, type Changes, type StreamBatch } from "./changes.ts";

export type ApplyResult = { ok: true; changes: Changes } | { ok: false; changes: Changes; message: string };

/** Decodes a pointer, refusing the whole document and any segment that could reach a prototype. */
function segmentsOf(pointer: unknown): string[] {
  const segments = typeof pointer === "string" ? fromPointer(pointer) : undefined;
  if (segments === undefined) throw new Error(`bad pointer ${JSON.stringify(pointer)}`);
  if (segments.length === 0) throw new Error("a patch may not replace the whole document");
  const bad = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment));
  if (bad !== undefined) throw new Error(`forbidden path segment "${bad}"`);
  return segments;
}

/** The data object an `x-stream`/`x-patch` op addresses; every step must be an own property. */
function resolveData(state: DocState, segments: readonly string[]): Record<string, Value> {
  let node: unknown = state;
  for (const segment of segments) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, segment)) {
      throw new Error(`no value at /${segments.join("/")}`);
    }
    node = (node as Record<string, unknown>)[segment];
  }
  if (!isPlainObject(node)) throw new Error(`/${segments.join("/")} is not a data object`);
  return node as Record<string, Value>;
}

/** Records the rows of an `x-stream` of `/models/<id>/attrs/data` for views that can append them. */
function recordStream(changes: Changes, segments: readonly string[], batch: StreamBatch): void {
  const [top, id, attrs, attr] = segments;
  if (top !== "models" || id === undefined || attrs !== "attrs" || attr !== "data" || segments.length !== 4) return;
  changes.streams ??= new Map();
  const batches = changes.streams.get(id) ?? [];
  batches.push(batch);
  changes.streams.set(id, batches);
}

/** Models an operation other than `x-stream` touched (their streams alone cannot be appended). */
function otherwiseTouched(segments: readonly string[], state: DocState): ModelId[] {
  const [top, id] = segments;
  if (top === "models" && id !== undefined) return [id];
  return top === "roots" || top === "title" ? [] : Object.keys(state.models);
}

function applyOne(state: DocState, op: DocOp, index: number, changes: Changes, touched: Set<ModelId>): void {
  const segments = segmentsOf(op.path);
  switch (op.op) {
    case "x-stream": {
      const data = resolveData(state, segments);
      for (const [name, rows] of Object.entries(op.value)) {
        if (FORBIDDEN_SEGMENTS.has(name)) throw new Error(`forbidden column name "${name}"`);
        data[name] = appendRows(Object.hasOwn(data, name) ? data[name] : undefined, rows, op.rollover);
      }
      recordStream(changes, segments, { rows: op.value, ...(op.rollover === undefined ? {} : { rollover: op.rollover }) });
      markPath(changes, state, segments);
      return;
    }
    case "x-patch":
      setCells(resolveData(state, segments), op.value);
      break;
    case "move":
    case "copy":
      markPath(changes, state, segmentsOf(op.from));
      for (const id of otherwiseTouched(segmentsOf(op.from), state)) touched.add(id);
      applyOperation(state, op as Operation, false, true, true, index);
      break;
    default:
      applyOperation(state, op as Operation, false, true, true, index);
  }
  markPath(changes, state, segments);
  for (const id of otherwiseTouched(segments, state)) touched.add(id);
}

/**
 * Applies `ops` in order, mutating `state`. Stops at the first op that fails and says why;
 * the ops before it stay applied (the caller then re-pulls the document to converge).
 */
export function applyOps(state: DocState, ops: readonly DocOp[]): ApplyResult {
  const changes = noChanges();
  const touched = new Set<ModelId>();
  for (const [index, op] of ops.entries()) {
    try {
      applyOne(state, op, index, changes, touched);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The document is re-pulled; views redraw in full rather than append part of a patch.
      delete changes.streams;
      return { ok: false, changes, message: `op ${index} (${String(op.op)} ${String(op.path)}): ${message}` };
    }
  }
  for (const id of touched) changes.streams?.delete(id);
  if (changes.streams?.size === 0) delete changes.streams;
  return { ok: true, changes };
}
