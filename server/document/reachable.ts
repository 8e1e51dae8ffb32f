/**
 * Which models a document's roots still reach, as Bokeh recomputes its `all_models`: through
 * references in attributes and the CustomJS callbacks of the models reached. A model no root
 * reaches (the plot a callback replaced with `layout.children[1] = figure()`) leaves the
 * document and the page, so a session that rebuilds its plots does not grow without bound.
 */
import { isPlainObject, type DocState, type ModelId } from "../protocol/index.ts";
import type { Model } from "./model.ts";

/** The ids of the models reached from the roots. */
export function reachableIds(state: DocState, models: ReadonlyMap<ModelId, Model>): Set<ModelId> {
  const reached = new Set<ModelId>();
  const pending = [...state.roots];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    const model = models.get(id);
    for (const [attr, value] of Object.entries(state.models[id]?.attrs ?? {})) {
      // Column tables hold values only; skipping them keeps this cheap for big sources.
      if (model?.props[attr]?.kind !== "columns") collectRefs(value, pending);
    }
    for (const callback of model?.jsCallbacks ?? []) if (callback.id !== undefined) pending.push(callback.id);
  }
  return reached;
}

function collectRefs(value: unknown, into: ModelId[]): void {
  if (Array.isArray(value)) {
    // Lists of numbers or text (ticks, a decimated column) hold no references.
    if (typeof value[0] !== "object" || value[0] === null) return;
    for (const item of value) collectRefs(item, into);
  } else if (isPlainObject(value)) {
    if (typeof value.ref === "string") into.push(value.ref);
    else for (const item of Object.values(value)) collectRefs(item, into);
  }
}
