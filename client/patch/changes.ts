/** Which parts of the document an update touched, so that only their views re-render. */
import { valuesEqual, type DocState, type ModelId, type TypedArray, type Value } from "../../server/protocol/index.ts";

/** Rows one `x-stream` appended to a source's columns. */
export interface StreamBatch {
  rows: Record<string, TypedArray | Value[]>;
  rollover?: number;
}

export interface Changes {
  /** Models added, removed, or whose type, name or attributes changed. */
  models: Set<ModelId>;
  /** The list of roots changed. */
  roots: boolean;
  /** `doc.title` changed. */
  title?: boolean;
  /**
   * Sources whose only change was appended rows, with the rows in order: a view may append
   * them (a plot's `extendTraces`) instead of redrawing. Absent: no such knowledge.
   */
  streams?: Map<ModelId, StreamBatch[]>;
}

export function noChanges(): Changes {
  return { models: new Set(), roots: false };
}

/** Records what an operation at `segments` (a decoded pointer) touches in `state`. */
export function markPath(changes: Changes, state: DocState, segments: readonly string[]): void {
  const [top, id] = segments;
  if (top === "roots") {
    changes.roots = true;
  } else if (top === "title") {
    changes.title = true;
  } else if (top === "models" && id !== undefined) {
    changes.models.add(id);
  } else {
    // The whole model table (or more) was replaced: every model may have changed.
    changes.roots = true;
    changes.title = true;
    for (const modelId of Object.keys(state.models)) changes.models.add(modelId);
  }
}

/** The changes between two snapshots, for a `doc` that replaces a document already shown. */
export function diffStates(before: DocState, after: DocState): Changes {
  const changes = noChanges();
  changes.roots = !valuesEqual(before.roots, after.roots);
  if (before.title !== after.title) changes.title = true;
  for (const id of Object.keys(before.models)) {
    if (!Object.hasOwn(after.models, id)) changes.models.add(id);
  }
  for (const [id, model] of Object.entries(after.models)) {
    if (!Object.hasOwn(before.models, id) || !valuesEqual(before.models[id], model)) changes.models.add(id);
  }
  return changes;
}
