/**
 * Attribute specs the built-in `prop` builders do not cover (colors, dates, label lists,
 * choices among a model's own options). Client-writable ones are the server's only defense
 * against a hostile page, so each check is strict and says what it expected.
 */
import { isPlainObject, isTypedArray } from "../protocol/index.ts";
import type { Check, PropOptions, PropSpec } from "../document/props.ts";

/** A value attribute with its own check (the shape `prop.*` builders return). */
export function custom<T>(def: T | (() => T), check: Check, options: PropOptions = {}): PropSpec<T> {
  const defaultValue = typeof def === "function" ? (def as () => T) : () => def;
  return { kind: "value", default: defaultValue, check, clientWritable: options.clientWritable ?? false };
}

/** `spec` with one more check after its own (e.g. indices that must also exist). */
export function also<T>(spec: PropSpec<T>, extra: Check): PropSpec<T> {
  return { ...spec, check: (value, attrs) => spec.check(value, attrs) ?? extra(value, attrs) };
}

const show = (value: unknown) =>
  typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : Array.isArray(value) ? "an array" : String(value);

// Hex, rgb()/hsl() functions and CSS names: enough for every color Plotly accepts, and no
// characters that could break out of a style or a template.
const COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\(\s*[-0-9.%,\s/]{1,60}\))$/;

export function checkColor(value: unknown): string | undefined {
  return typeof value === "string" && COLOR.test(value) ? undefined : `expected a CSS color, got ${show(value)}`;
}

export function checkStrings(value: unknown, options: { max?: number; maxLength?: number } = {}): string | undefined {
  if (!Array.isArray(value)) return `expected a list of strings, got ${show(value)}`;
  if (value.length > (options.max ?? 10_000)) return `more than ${options.max ?? 10_000} items`;
  const bad: unknown = (value as unknown[]).find((item) => typeof item !== "string" || item.length > (options.maxLength ?? 10_000));
  return bad === undefined ? undefined : `expected strings, got ${show(bad)}`;
}

/** Days as ISO text, "2024-05-31": real calendar days only. */
export function parseIsoDate(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^\d{4}-\d\d-\d\d$/.test(value)) return undefined;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(value) ? time : undefined;
}

export function checkIsoDate(value: unknown): string | undefined {
  return parseIsoDate(value) === undefined ? `expected a date as "YYYY-MM-DD", got ${show(value)}` : undefined;
}

/** Rows of a column table (plain state or detached), for checks of row indices. */
export function rowCount(data: unknown): number {
  if (!isPlainObject(data)) return 0;
  const first = Object.values(data)[0];
  return Array.isArray(first) || isTypedArray(first) ? first.length : 0;
}

/** An index into a list attribute of the same model (a tab, a radio button). */
export function checkIndexInto(value: unknown, list: unknown, what: string): string | undefined {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) return `expected an integer ${what} index, got ${show(value)}`;
  const length = Array.isArray(list) ? list.length : 0;
  return value >= 0 && value < Math.max(length, 1) ? undefined : `${what} ${value} is outside 0..${Math.max(length - 1, 0)}`;
}

/** Indices into a list attribute of the same model, each once (a checkbox group's `active`). */
export function checkIndicesInto(value: unknown, list: unknown, what: string): string | undefined {
  if (!Array.isArray(value)) return `expected a list of ${what} indices, got ${show(value)}`;
  for (const index of value) {
    const problem = checkIndexInto(index, list, what);
    if (problem) return problem;
  }
  return new Set(value).size === value.length ? undefined : `a ${what} index is listed twice`;
}

/**
 * The values of `Select`-style options: strings, the first of `[value, label]` pairs, or the
 * options of each group of `{ group: options }` (grouped options).
 */
export function optionValues(options: unknown): string[] {
  if (isPlainObject(options)) return Object.values(options).flatMap(optionValues);
  if (!Array.isArray(options)) return [];
  return options.map((option) => (Array.isArray(option) ? String(option[0]) : String(option)));
}

/** The decimals a number is written with (`0.25` → 2), for rounding away float noise. */
function decimalsOf(value: number): number {
  const [, fraction = ""] = String(value).split(".");
  return Math.min(fraction.length, 15);
}

/** `value` moved to the nearest `start + k·step` within `start..end`, as a slider's handle lands. */
export function snapToStep(value: number, attrs: Readonly<Record<string, unknown>>): number {
  const { start, end, step } = attrs as { start?: unknown; end?: unknown; step?: unknown };
  if (typeof start !== "number" || typeof end !== "number" || typeof step !== "number" || !(step > 0)) return value;
  const snapped = start + Math.round((value - start) / step) * step;
  const within = Math.min(Math.max(start, end), Math.max(Math.min(start, end), snapped));
  return Number(within.toFixed(Math.max(decimalsOf(step), decimalsOf(start))));
}

/** `spec` whose values are stored normalized (snapped, trimmed); see `PropSpec.normalize`. */
export function normalized<T>(spec: PropSpec<T>, normalize: NonNullable<PropSpec<T>["normalize"]>): PropSpec<T> {
  return { ...spec, normalize };
}
