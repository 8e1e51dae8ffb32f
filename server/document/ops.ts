/** Immer patches → RFC 6902 operations, and the outbox that coalesces them within a batch. */
import type { Patch } from "immer";
import { pointerCovers, toPointer, type DocOp, type Value } from "../protocol/index.ts";

export function fromImmerPatch(patch: Patch): DocOp {
  const path = toPointer(patch.path);
  if (patch.op === "remove") return { op: "remove", path };
  // The document holds only Values, so immer's patch values are Values.
  return { op: patch.op, path, value: patch.value as Value };
}

/**
 * Pending operations of one batch. A `replace` makes earlier operations on the same path or
 * below it pointless, so they are dropped: repeated sets of one attribute send only the last
 * value. The scan stops at an operation on an ancestor (it may have created the path) and at
 * any other `add` or `remove` (in an array it shifts indexes, so an older op on the "same"
 * path may have meant another element).
 */
export class Outbox {
  private ops: DocOp[] = [];
  /** False under `doc.hold("collect")`: every operation is kept, in order. */
  coalesce = true;

  push(op: DocOp): void {
    if (this.coalesce && op.op === "replace" && this.dropCovered(op.path)) {
      // The path did not exist before this batch: it must still be created.
      this.ops.push({ op: "add", path: op.path, value: op.value });
      return;
    }
    this.ops.push(op);
  }

  /** Drops operations the replace at `path` overwrites; true when one of them created `path`. */
  private dropCovered(path: string): boolean {
    let created = false;
    for (let i = this.ops.length - 1; i >= 0; i--) {
      const earlier = this.ops[i]!;
      if (earlier.op === "remove" && earlier.path === path) break;
      if (pointerCovers(path, earlier.path)) {
        created ||= earlier.path === path && earlier.op === "add";
        this.ops.splice(i, 1);
      } else if (pointerCovers(earlier.path, path) || earlier.op === "add" || earlier.op === "remove") {
        break;
      }
    }
    return created;
  }

  get size(): number {
    return this.ops.length;
  }

  take(): DocOp[] {
    const ops = this.ops;
    this.ops = [];
    return ops;
  }
}
