/**
 * Bokeh's value formats, written once for the server and the page (tooltips, table cells,
 * text): `numeral` formats such as `0.00`, `0,0`, `0.0%`, `($ 0.00 a)` (Bokeh's own numbro),
 * `datetime` strftime formats such as `%F %T` (in UTC, as Bokeh), and `printf` formats such
 * as `%5.2f`. A template names values as `@col`, `@{a col}` or `$x`, each with an optional
 * `{format}`; `{safe}` leaves the value's HTML unescaped. Pure functions, no Node or DOM API.
 */
import numbro from "@bokeh/numbro";
import { sprintf } from "sprintf-js";
import strftime from "strftime";

export const FORMATTERS = ["numeral", "datetime", "printf"] as const;
/** How a `{format}` is read, as Bokeh's `HoverTool.formatters` values. */
export type FormatterKind = (typeof FORMATTERS)[number];
/** Formatters by the placeholder they apply to, e.g. `{ "@date": "datetime", "$x": "printf" }`. */
export type Formatters = Readonly<Record<string, FormatterKind>>;

/** What Bokeh prints for a value a template names but the data lacks. */
export const MISSING = "???";

const utc = strftime.utc();

/** Bokeh's `RoundingFunction`s (NumberFormatter's `rounding`), as the function numbro rounds with. */
export const ROUNDINGS: Readonly<Record<string, (value: number) => number>> = {
  round: Math.round,
  nearest: Math.round,
  floor: Math.floor,
  rounddown: Math.floor,
  ceil: Math.ceil,
  roundup: Math.ceil,
};

/** A numeral format (`0,0.00`, `0.0%`, `$ 0.00 a`); values that are not numbers print as they are. */
export function numeralFormat(value: unknown, format: string, rounding = "round"): string {
  const number = toNumber(value);
  return number === undefined
    ? String(value)
    : numbro.format(number, format, undefined, Object.hasOwn(ROUNDINGS, rounding) ? ROUNDINGS[rounding] : Math.round);
}

/** A strftime format in UTC; the value is milliseconds since the epoch, a Date or a date string. */
export function datetimeFormat(value: unknown, format: string): string {
  const time = value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : toNumber(value);
  if (time === undefined || !Number.isFinite(time)) return String(value);
  return utc(format, new Date(time));
}

/** A printf format (`%d`, `%5.2f`, `%s`, `%e`). A format the library cannot read prints the value as it is. */
export function printfFormat(value: unknown, format: string): string {
  try {
    return sprintf(format, value);
  } catch {
    return String(value);
  }
}

/** Bokeh's format for a value without one: integers as they are, other numbers to 3 decimals, very large or small ones in exponent form. */
export function basicFormat(value: unknown): string {
  if (value === null || value === undefined) return MISSING;
  if (typeof value === "object" || typeof value === "function") return JSON.stringify(value) ?? "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value !== "number") return "";
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  return sprintf(magnitude > 0.1 && magnitude < 1000 ? "%0.3f" : "%0.3e", value);
}

const FORMATTER_FUNCTIONS: Readonly<Record<FormatterKind, (value: unknown, format: string) => string>> = {
  numeral: numeralFormat,
  datetime: datetimeFormat,
  printf: printfFormat,
};

/**
 * One value in one format. Without a formatter a format starting with `%` is a strftime format
 * and any other a numeral one; no format at all is Bokeh's basic format.
 */
export function formatValue(value: unknown, format?: string, formatter?: FormatterKind): string {
  if (value === null || value === undefined) return MISSING;
  if (format === undefined || format === "" || format === "safe") return basicFormat(value);
  const kind = formatter ?? (format.startsWith("%") ? "datetime" : "numeral");
  return FORMATTER_FUNCTIONS[kind](value, format);
}

export function isFormatterKind(value: unknown): value is FormatterKind {
  return typeof value === "string" && (FORMATTERS as readonly string[]).includes(value);
}

// Numeric entities for quotes: Plotly's text decodes `&#34;` but shows `&quot;` as typed.
const HTML_ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A piece of a template: literal text, or a placeholder (`@col`, `@{a col}` a column, `$x` a special variable). */
export type TemplatePart =
  { kind: "text"; text: string } | { kind: "column" | "special"; name: string; format?: string; safe: boolean; spec: string };

const PLACEHOLDER = /\$(\w{1,200})(?:\{([^{}]{0,200})\})?|@\{([^{}]{1,200})\}(?:\{([^{}]{0,200})\})?|@(\w{1,200})(?:\{([^{}]{0,200})\})?/g;

/** A template split into its text and placeholders, in order. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let at = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > at) parts.push({ kind: "text", text: template.slice(at, match.index) });
    const [spec, special, specialFormat, braced, bracedFormat, bare, bareFormat] = match;
    const format = special !== undefined ? specialFormat : braced !== undefined ? bracedFormat : bareFormat;
    const name = (special ?? braced ?? bare)!;
    const safe = format === "safe";
    const kind = special !== undefined ? "special" : "column";
    const placeholderSpec = kind === "special" ? `$${name}` : `@${name}`;
    parts.push({ kind, name, format: safe ? undefined : format, safe, spec: placeholderSpec });
    at = match.index + spec.length;
  }
  if (at < template.length) parts.push({ kind: "text", text: template.slice(at) });
  return parts;
}

/** The columns a parsed template reads, each once, in order. */
export function templateColumns(parts: readonly TemplatePart[]): string[] {
  const names = parts.flatMap((part) => (part.kind === "column" ? [part.name] : []));
  return [...new Set(names)];
}

/**
 * A parsed template with its placeholders filled: `lookup` gives each placeholder's value, the
 * formatters say how a placeholder's `{format}` is read (keyed `@col` or `$x`, as Bokeh's), and
 * values are HTML-escaped (`escape`, the default) unless the placeholder says `{safe}`.
 */
export function fillTemplate(
  parts: readonly TemplatePart[],
  lookup: (part: Extract<TemplatePart, { spec: string }>) => unknown,
  options: { formatters?: Formatters; escape?: boolean } = {},
): string {
  const escape = options.escape ?? true;
  let out = "";
  for (const part of parts) {
    if (part.kind === "text") {
      out += part.text;
      continue;
    }
    const text = formatValue(lookup(part), part.format, options.formatters?.[part.spec]);
    out += escape && !part.safe ? escapeHtml(text) : text;
  }
  return out;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return Number(value);
  return undefined;
}
