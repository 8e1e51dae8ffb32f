/** RFC 6901 JSON Pointers and the RFC 6902 operations built on them. */
import type { Value } from "./json.ts";

export type PathSegment = string | number;

export type JsonPatchOp =
  | { op: "add" | "replace" | "test"; path: string; value: Value }
  | { op: "remove"; path: string }
  | { op: "move" | "copy"; path: string; from: string };

/** Segments that could reach an object's prototype; never valid in a document path. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(["__proto__", "prototype", "constructor"]);

export function escapeSegment(segment: PathSegment): string {
  return String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** ["models", "a/b", 3] → "/models/a~1b/3" */
export function toPointer(path: readonly PathSegment[]): string {
  return path.map((segment) => "/" + escapeSegment(segment)).join("");
}

/**
 * "/models/a~1b/3" → ["models", "a/b", "3"]. Returns undefined for text that is not a pointer
 * (no leading slash, or a "~" not followed by 0 or 1).
 */
export function fromPointer(pointer: string): string[] | undefined {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  const segments = pointer.slice(1).split("/");
  if (segments.some((segment) => /~(?![01])/.test(segment))) return undefined;
  return segments.map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** True when `ancestor` equals `pointer` or contains it. */
export function pointerCovers(ancestor: string, pointer: string): boolean {
  return pointer === ancestor || pointer.startsWith(ancestor + "/");
}
