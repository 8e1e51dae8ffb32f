/**
 * Marks models across copies of this module: an app that imports Aperture through another
 * path (a symlink, an absolute path) gets other classes, and `instanceof` would fail.
 */
import type { Model } from "./model.ts";

export const MODEL_BRAND = Symbol.for("aperture.model");

export function isModel(value: unknown): value is Model {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[MODEL_BRAND] === true;
}
