/**
 * Parameter declarations (the seed's "Param approach"): each `param.x({...})` describes one
 * typed value — its default, bounds or options, label, doc and step — and knows how to check,
 * copy, compare, parse and format it. Declarations are immutable and shared by every session;
 * the values live in each session's own `Params` instance.
 */

export type ParamKind = "integer" | "number" | "boolean" | "string" | "select" | "range" | "date";

/** The widget `widgetsFor` makes for a parameter; fixed at declaration so its type is known. */
export type WidgetKind = "slider" | "range-slider" | "select" | "checkbox" | "text";

/** `[low, high]`; `null` leaves that side open. Dates keep milliseconds since the epoch. */
export type Bounds = readonly [number | null, number | null];

export type Parsed<T> = { ok: true; value: T } | { ok: false; rule: string };

export interface ParamSpec<T = unknown, W extends WidgetKind = WidgetKind> {
  readonly kind: ParamKind;
  readonly widget: W;
  readonly default: T;
  readonly label: string | undefined;
  readonly doc: string | undefined;
  /** A hint for widgets (slider steps); values off the step are still valid, as in Param. */
  readonly step: number | undefined;
  readonly bounds: Bounds | undefined;
  /** `select` only: `[value, label]` pairs in order. */
  readonly options: readonly (readonly [T, string])[] | undefined;
  /** The rule `value` breaks ("must be at most 30"), or undefined when it is valid. */
  check(value: unknown): string | undefined;
  /** The form that is stored and handed out: mutable values (dates, ranges) never leak. */
  copy(value: T): T;
  equals(a: T, b: T): boolean;
  /** From text: a text widget's value, a query argument. */
  parse(text: string): Parsed<T>;
  format(value: T): string;
}

interface Common<T> {
  default?: T;
  /** Shown on the widget; derived from the name when absent ("maxDepth" → "Max depth"). */
  label?: string;
  /** What the parameter means, for people reading the declaration or `specs` (widgets have no tooltips yet). */
  doc?: string;
}

export interface NumberParamOptions extends Common<number> {
  bounds?: Bounds;
  step?: number;
}
export type Bounded = NumberParamOptions & { bounds: readonly [number, number] };

export interface StringParamOptions extends Common<string> {
  regex?: RegExp;
  maxLength?: number;
}

export type SelectOption<T> = T | readonly [T, string];
export interface SelectParamOptions<T extends string | number> extends Common<T> {
  options: readonly SelectOption<T>[];
}

export interface RangeParamOptions extends Common<readonly [number, number]> {
  /** Required: the range slider spans them. */
  bounds: readonly [number, number];
  step?: number;
}

export interface DateParamOptions extends Common<Date> {
  bounds?: readonly [Date | null, Date | null];
}

/** A value as an error message shows it: short, and unambiguous about its type. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : value.toISOString();
  if (Array.isArray(value)) return value.length <= 4 ? `[${value.map(describeValue).join(", ")}]` : `an array of ${value.length}`;
  if (value === null || value === undefined || typeof value !== "object") return String(value);
  return "an object";
}

const identity = <T>(value: T): T => value;
const same = <T>(a: T, b: T): boolean => Object.is(a, b);

function build<T, W extends WidgetKind>(
  fields: Pick<ParamSpec<T, W>, "kind" | "widget" | "check" | "parse"> & Partial<ParamSpec<T, W>>,
  common: Common<T>,
  fallback: T,
): ParamSpec<T, W> {
  const spec: ParamSpec<T, W> = {
    label: common.label,
    doc: common.doc,
    step: undefined,
    bounds: undefined,
    options: undefined,
    copy: identity,
    equals: same,
    format: String,
    ...fields,
    default: common.default ?? fallback,
  };
  return Object.freeze({ ...spec, default: spec.copy(spec.default) });
}

function checkBounds(where: string, bounds: Bounds | undefined): Bounds | undefined {
  if (!bounds) return undefined;
  const [low, high] = bounds;
  for (const bound of bounds) {
    if (bound !== null && !Number.isFinite(bound)) throw new TypeError(`${where}: bound ${describeValue(bound)} is not a finite number`);
  }
  if (low !== null && high !== null && low > high) throw new TypeError(`${where}: bounds [${low}, ${high}] have low above high`);
  return Object.freeze([low, high] as const);
}

function checkStep(where: string, step: number | undefined): number | undefined {
  if (step !== undefined && !(Number.isFinite(step) && step > 0))
    throw new TypeError(`${where}: step must be a positive number, got ${describeValue(step)}`);
  return step;
}

/** "must be between 0 and 30" style rules for a number against open or closed bounds. */
function boundsRule(
  value: number,
  bounds: Bounds | undefined,
  show: (n: number) => string = String,
  words = ["at least", "at most"],
): string | undefined {
  const [low, high] = bounds ?? [null, null];
  const outside = (low !== null && value < low) || (high !== null && value > high);
  if (!outside) return undefined;
  if (low !== null && high !== null) return `must be between ${show(low)} and ${show(high)}`;
  return low !== null ? `must be ${words[0]} ${show(low)}` : `must be ${words[1]} ${show(high!)}`;
}

function parseNumber(text: string): Parsed<number> {
  const value = text.trim() === "" ? Number.NaN : Number(text);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, rule: "must be a number" };
}

function numeric(kind: "integer" | "number", options: NumberParamOptions): ParamSpec<number, "slider" | "text"> {
  const where = `param.${kind}`;
  const bounds = checkBounds(where, options.bounds);
  const closed = bounds !== undefined && bounds[0] !== null && bounds[1] !== null;
  return build(
    {
      kind,
      widget: closed ? "slider" : "text",
      bounds,
      step: checkStep(where, options.step) ?? (kind === "integer" ? 1 : undefined),
      check: (value) => {
        if (typeof value !== "number" || !Number.isFinite(value))
          return kind === "integer" ? "must be an integer" : "must be a finite number";
        if (kind === "integer" && !Number.isInteger(value)) return "must be an integer";
        return boundsRule(value, bounds);
      },
      parse: parseNumber,
    },
    options,
    bounds?.[0] ?? 0,
  );
}

function integer(options: Bounded): ParamSpec<number, "slider">;
function integer(options?: NumberParamOptions): ParamSpec<number, "slider" | "text">;
function integer(options: NumberParamOptions = {}): ParamSpec<number, "slider" | "text"> {
  return numeric("integer", options);
}

function number(options: Bounded): ParamSpec<number, "slider">;
function number(options?: NumberParamOptions): ParamSpec<number, "slider" | "text">;
function number(options: NumberParamOptions = {}): ParamSpec<number, "slider" | "text"> {
  return numeric("number", options);
}

const TRUE_WORDS = ["true", "1", "yes", "on"];
const FALSE_WORDS = ["false", "0", "no", "off"];

function boolean(options: Common<boolean> = {}): ParamSpec<boolean, "checkbox"> {
  return build(
    {
      kind: "boolean",
      widget: "checkbox",
      check: (value) => (typeof value === "boolean" ? undefined : "must be true or false"),
      parse: (text) => {
        const word = text.trim().toLowerCase();
        if (TRUE_WORDS.includes(word)) return { ok: true, value: true };
        return FALSE_WORDS.includes(word) ? { ok: true, value: false } : { ok: false, rule: "must be true or false" };
      },
    },
    options,
    false,
  );
}

function string(options: StringParamOptions = {}): ParamSpec<string, "text"> {
  const { regex, maxLength = 100_000 } = options;
  const check = (value: unknown): string | undefined => {
    if (typeof value !== "string") return "must be a string";
    if (value.length > maxLength) return `must be at most ${maxLength} characters`;
    // A global or sticky regex keeps state between tests; test a fresh copy.
    if (regex && !new RegExp(regex.source, regex.flags.replace(/[gy]/g, "")).test(value)) return `must match ${regex}`;
    return undefined;
  };
  return build({ kind: "string", widget: "text", check, parse: (text) => ({ ok: true, value: text }) }, options, "");
}

function select<const T extends string | number>(options: SelectParamOptions<T>): ParamSpec<T, "select"> {
  const pairs = options.options.map(
    (option) => Object.freeze(Array.isArray(option) ? [option[0], option[1]] : [option, String(option)]) as readonly [T, string],
  );
  if (pairs.length === 0) throw new TypeError("param.select: give at least one option");
  // The select widget carries values as text, so two options must never print alike.
  const texts = new Set(pairs.map(([value]) => String(value)));
  if (texts.size !== pairs.length) throw new TypeError('param.select: options must be distinct as text (1 and "1" cannot both be options)');
  const listed =
    pairs
      .slice(0, 10)
      .map(([value]) => describeValue(value))
      .join(", ") + (pairs.length > 10 ? ", …" : "");
  const rule = `must be one of ${listed}`;
  return build(
    {
      kind: "select",
      widget: "select",
      options: Object.freeze(pairs),
      check: (value) => (pairs.some(([option]) => Object.is(option, value)) ? undefined : rule),
      parse: (text) => {
        const found = pairs.find(([value, label]) => String(value) === text || label === text);
        return found ? { ok: true, value: found[0] } : { ok: false, rule };
      },
    },
    options,
    pairs[0]![0],
  );
}

function range(options: RangeParamOptions): ParamSpec<readonly [number, number], "range-slider"> {
  if (!options.bounds) throw new TypeError("param.range: bounds are required (the range slider spans them)");
  const bounds = checkBounds("param.range", options.bounds) as readonly [number, number];
  const check = (value: unknown): string | undefined => {
    if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === "number" && Number.isFinite(v))) {
      return "must be [low, high], two finite numbers";
    }
    if (value[0] > value[1]) return "must have low at or below high";
    return value[0] < bounds[0] || value[1] > bounds[1] ? `must lie within [${bounds[0]}, ${bounds[1]}]` : undefined;
  };
  return build(
    {
      kind: "range",
      widget: "range-slider",
      bounds,
      step: checkStep("param.range", options.step),
      check,
      copy: (value) => Object.freeze([value[0], value[1]] as const),
      equals: (a, b) => a[0] === b[0] && a[1] === b[1],
      format: (value) => `${value[0]},${value[1]}`,
      parse: (text) => {
        const [low, high, ...rest] = text.split(",").map(parseNumber);
        return low?.ok && high?.ok && rest.length === 0
          ? { ok: true, value: [low.value, high.value] }
          : { ok: false, rule: "must be two numbers, low,high" };
      },
    },
    options,
    bounds,
  );
}

const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const dayText = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Dates as days (`2016-01-31`, midnight UTC) or full ISO instants in text. */
function date(options: DateParamOptions): ParamSpec<Date, "text"> {
  if (options.default === undefined) throw new TypeError('param.date: give a default (a moving "now" would differ between sessions)');
  const [first = null, last = null] = options.bounds ?? [];
  const bounds = options.bounds && checkBounds("param.date", [first && first.getTime(), last && last.getTime()]);
  const format = (value: Date) => (value.getTime() % 86_400_000 === 0 ? dayText(value.getTime()) : value.toISOString());
  return build(
    {
      kind: "date",
      widget: "text",
      bounds,
      check: (value) =>
        value instanceof Date && !Number.isNaN(value.getTime())
          ? boundsRule(value.getTime(), bounds, (time) => format(new Date(time)), ["on or after", "on or before"])
          : "must be a valid Date",
      copy: (value) => new Date(value.getTime()),
      equals: (a, b) => a.getTime() === b.getTime(),
      format,
      parse: (text) => {
        const trimmed = text.trim();
        const time = DAY_TEXT.test(trimmed) || ISO_TEXT.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
        return Number.isNaN(time) ? { ok: false, rule: "must be a date like 2016-01-31" } : { ok: true, value: new Date(time) };
      },
    },
    options,
    new Date(0),
  );
}

/**
 * Parameter declarations, one per kind.
 * @example param.integer({ default: 0, bounds: [0, 30], label: "Smoothing by N Days" })
 */
export const param = { integer, number, boolean, string, select, range, date };
