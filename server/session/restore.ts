/**
 * Applies the values a page offers a new session after its old one was lost (see
 * server/protocol/restore.ts): each one, in the person's order, as a client write of its own
 * turn, so it is validated exactly as the person's write was and its callbacks run. What a
 * lying page offers therefore gets it nothing it could not have had by writing.
 */
import { SyncError, latestEntries, restoreTarget, toPointer, type RestoreEntry } from "../protocol/index.ts";
import type { Document } from "../document/document.ts";
import type { DocumentEngine } from "../document/engine.ts";
import { applyClientWrites, validateClientOps } from "./client-patch.ts";

export interface RestoreSummary {
  applied: number;
  /** Models not in the new document, or marked `restorable: false`. */
  skipped: number;
  /** Why values were refused (validation), at most a few. */
  refused: string[];
}

const MAX_REASONS = 5;

export async function restoreValues(doc: Document, engine: DocumentEngine, entries: readonly RestoreEntry[]): Promise<RestoreSummary> {
  const summary: RestoreSummary = { applied: 0, skipped: 0, refused: [] };
  for (const entry of latestEntries(entries)) {
    const id = restoreTarget(engine.state, entry);
    const model = id === undefined ? undefined : doc.getModelById(id);
    if (id === undefined || !model?.restorable) {
      summary.skipped++;
      continue;
    }
    const op = { op: "replace" as const, path: toPointer(["models", id, "attrs", entry.attr]), value: entry.value };
    try {
      await engine.runTurn(() => applyClientWrites(engine, validateClientOps(doc, [op])));
      summary.applied++;
    } catch (error) {
      if (!(error instanceof SyncError)) throw error;
      if (summary.refused.length < MAX_REASONS) summary.refused.push(`${error.code} ${error.message}`);
    }
  }
  return summary;
}
