/**
 * State that outlives its process: when a page's session was lost with its server process
 * (a worker killed, a restart, a redeploy), the page asks for a new session and offers the
 * values the person set (widget values, ranges, selections, tabs). The new session runs the
 * handler, then applies each one as a client write (same validation), so its callbacks run
 * and the page shows the same thing again. See docs/protocol.md, "Restoring a lost session".
 */
import type { Value } from "./json.ts";
import type { DocState, ModelId } from "./messages.ts";

/** One value the person set, as the page offers it to a new session. */
export interface RestoreEntry {
  /** The model's id in the lost session's document. */
  model: ModelId;
  /** Its type: a model of another type in the new document is not the same model. */
  type: string;
  /** Its name, when it has one: found by name in the new document (ids may differ). */
  name?: string;
  attr: string;
  value: Value;
}

/**
 * The model of the new document that `entry` is about: the one model of its type and name when
 * it is named, else the model of its id when that has its type (and no other name). A name the
 * new document does not have, or has twice, restores nothing.
 */
export function restoreTarget(state: DocState, entry: Omit<RestoreEntry, "value" | "attr">): ModelId | undefined {
  if (entry.name !== undefined) {
    const named = Object.keys(state.models).filter((id) => state.models[id]!.name === entry.name && state.models[id]!.type === entry.type);
    return named.length === 1 ? named[0] : undefined;
  }
  const model = Object.hasOwn(state.models, entry.model) ? state.models[entry.model] : undefined;
  return model && model.type === entry.type && model.name === undefined ? entry.model : undefined;
}

/** The last entry for each model and attribute, in the order of those last entries (the person's order). */
export function latestEntries(entries: readonly RestoreEntry[]): RestoreEntry[] {
  const byKey = new Map<string, RestoreEntry>();
  for (const entry of entries) {
    const key = `${entry.name === undefined ? `#${entry.model}` : `@${entry.name}`}\u0000${entry.type}\u0000${entry.attr}`;
    byKey.delete(key);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** Room a `hello` leaves for its restored values (a client frame is at most LIMITS.maxClientFrameBytes). */
export const RESTORE_BYTES = 768 * 1024;

/** Roughly the bytes a value takes on the wire (typed arrays by their size). */
function wireSize(value: Value): number {
  return JSON.stringify(value, (_key, inner: unknown) => (ArrayBuffer.isView(inner) ? inner.byteLength : inner)).length;
}

/**
 * The entries that fit in one `hello`, the person's latest first kept: a value too large to
 * offer (a selection of a million rows) starts from the handler's value instead.
 */
export function fitRestore(entries: readonly RestoreEntry[], maxBytes = RESTORE_BYTES): RestoreEntry[] {
  const kept: RestoreEntry[] = [];
  let bytes = 0;
  for (const entry of [...entries].reverse()) {
    const size = wireSize(entry.value) + entry.attr.length + entry.type.length + (entry.name?.length ?? 0) + 64;
    if (bytes + size > maxBytes) continue;
    bytes += size;
    kept.push(entry);
  }
  return kept.reverse();
}
