/**
 * Attribute specs the built-in `prop` builders do not cover (colors, dates, label lists,
 * choices among a model's own options). Client-writable ones are the server's only defense
 * against a hostile page, so each check is strict and says what it expected.
 */
import { isPlainObject, isTypedArray } from "../protocol/index.ts";
import type { Check, PropOptions, PropSpec } from "../document/props.ts";

/** A value attribute with its own check (the shape `prop.*` builders return). */
export function custom<T>(def: T | (() => T), check: Check<T>, options: PropOptions = {}): PropSpec<T> {
  const defaultValue = typeof def === "function" ? (def as () => T) : () => def;
  return { kind: "value", default: defaultValue, check, clientWritable: options.clientWritable ?? false };
}

/** `spec` with one more check after its own (e.g. indices that must also exist). */
export function also<T>(spec: PropSpec<T>, extra: Check<T>): PropSpec<T> {
  return { ...spec, check: (value, attrs) => spec.check(value, attrs) ?? extra(value, attrs) };
}

const show = (value: unknown) => (typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : Array.isArray(value) ? "an array" : String(value));

// Hex, rgb()/hsl() functions and CSS names: enough for every color Plotly accepts, and no
// characters that could break out of a style or a template.
const COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\(\s*[-0-9.%,\s/]{1,60}\))$/;

export function checkColor(value: unknown): string | undefined {
  return typeof value === "string" && COLOR.test(value) ? undefined : `expected a CSS color, got ${show(value)}`;
}

export function checkStrings(value: unknown, options: { max?: number; maxLength?: number } = {}): string | undefined {
  if (!Array.isArray(value)) return `expected a list of strings, got ${show(value)}`;
  if (value.length > (options.max ?? 10_000)) return `more than ${options.max ?? 10_000} items`;
  const bad = value.find((item) => typeof item !== "string" || item.length > (options.maxLength ?? 10_000));
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

/** The values of `Select`-style options: strings, or the first of `[value, label]` pairs. */
export function optionValues(options: unknown): string[] {
  if (!Array.isArray(options)) return [];
  return options.map((option) => (Array.isArray(option) ? String(option[0]) : String(option)));
}
