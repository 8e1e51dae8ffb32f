/** Reading attributes defensively: a missing or mistyped attribute falls back to a default. */
import type { DocState, ModelId, ModelState, Value } from "../../server/protocol/index.ts";

export function asString(value: Value | undefined, fallback = ""): string {
  return typeof value === "string" ? value : fallback;
}

export function asNumber(value: Value | undefined, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** A number, or undefined for `null` and anything else. */
export function asOptionalNumber(value: Value | undefined): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

export function asBoolean(value: Value | undefined): boolean {
  return value === true;
}

/** The id in a `{ ref: id }` value. */
export function refId(value: Value | undefined): ModelId | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) return undefined;
  const ref = (value as Record<string, Value>).ref;
  return typeof ref === "string" ? ref : undefined;
}

/** The ids in a list of refs (a layout's `children`, a figure's `renderers`). */
export function refIds(value: Value | undefined): ModelId[] {
  if (!Array.isArray(value)) return [];
  return value.map(refId).filter((id): id is ModelId => id !== undefined);
}

/** The ids an attribute refers to: a ref, a list of refs, or refs by name (`extraYRanges`). */
export function refsIn(value: Value | undefined): ModelId[] {
  const one = refId(value);
  if (one !== undefined) return [one];
  if (typeof value === "object" && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value))
    return Object.values(value as Record<string, Value>).flatMap((item) => (refId(item) === undefined ? [] : [refId(item)!]));
  return refIds(value);
}

export function modelOf(state: DocState, id: ModelId | undefined): ModelState | undefined {
  return id !== undefined && Object.hasOwn(state.models, id) ? state.models[id] : undefined;
}

/** Shows a number with as many decimals as `step` has, as a slider's readout. */
export function formatNumber(value: number, step: number): string {
  const decimals = step > 0 && !Number.isInteger(step) ? Math.min(10, (String(step).split(".")[1] ?? "").length) : 0;
  return value.toFixed(decimals);
}
