/**
 * Marks models across copies of this module: an app that imports Aperture through another
 * path (a symlink, an absolute path) gets other classes, and `instanceof` would fail.
 */
import type { DocumentEngine } from "./engine.ts";
import type { Model } from "./model.ts";

export const MODEL_BRAND = Symbol.for("aperture.model");

export function isModel(value: unknown): value is Model {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[MODEL_BRAND] === true;
}

/** A model's hook, called once it has joined a document, with the document's engine (a figure registers its downsampling). */
export const ATTACHED = Symbol("aperture.attached");

export interface AttachHook {
  [ATTACHED]?(engine: DocumentEngine): void;
}
