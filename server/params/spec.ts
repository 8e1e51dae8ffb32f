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
  /** Param's `softbounds`: the range a widget spans (values may still go out to `bounds`). */
  readonly softbounds: Bounds | undefined;
  /** Param's `allow_None`: null is a valid value (implied by `default: null`). */
  readonly allowNone: boolean;
  /** Param's `constant`: set when the instance is made (`new P({ x })`), never after; its widget is disabled. */
  readonly constant: boolean;
  /** Param's `readonly`: never set, not even when the instance is made; its widget is disabled. */
  readonly readonly: boolean;
  /** Param's `precedence`: widgets are ordered by it (lowest first, none counts as 0); below 0 makes no widget. */
  readonly precedence: number | undefined;
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

export interface Common<T> {
  /** `null` makes `allowNone` true, as in Param. */
  default?: T | null;
  /** Shown on the widget; derived from the name when absent ("maxDepth" → "Max depth"). */
  label?: string;
  /** What the parameter means, for people reading the declaration or `specs` (widgets have no tooltips yet). */
  doc?: string;
  /** Null is a valid value (default: only when `default` is null). */
  allowNone?: boolean;
  /** Set only when the instance is made (Param's `constant`). */
  constant?: boolean;
  /** Never set at all (Param's `readonly`). */
  readonly?: boolean;
  /** Widget order, lowest first (none counts as 0); below 0: no widget unless asked for by name. */
  precedence?: number;
  /**
   * Param's `instantiate`: each instance gets its own copy of the default. Always so here
   * (values are immutable copies), so `true` is accepted and `false` is refused.
   */
  instantiate?: boolean;
}

export interface NumberParamOptions extends Common<number> {
  bounds?: Bounds;
  /** The range the slider spans when it is narrower than `bounds` (or there are none); values may leave it. */
  softbounds?: Bounds;
  /** Whether each bound is a valid value itself (default [true, true]). */
  inclusiveBounds?: readonly [boolean, boolean];
  step?: number;
}
export type Bounded = NumberParamOptions & ({ bounds: readonly [number, number] } | { softbounds: readonly [number, number] });

/** The value type of a declaration: null joins it when `allowNone` is true or the default is null. */
export type WithNone<O, T> = O extends { allowNone: true } ? T | null : O extends { default: null } ? T | null : T;

export interface StringParamOptions extends Common<string> {
  regex?: RegExp;
  maxLength?: number;
}

export type SelectOption<T> = T | readonly [T, string];
export interface SelectParamOptions<T extends string | number> extends Common<T> {
  options: readonly SelectOption<T>[];
  /** Param's `check_on_set`: only `true` (the options are declared once, for every session); `false` is refused. */
  checkOnSet?: boolean;
}

export interface RangeParamOptions extends Common<readonly [number, number]> {
  /** Required: the range slider spans them. */
  bounds: readonly [number, number];
  step?: number;
}

export interface DateParamOptions extends Common<Date> {
  bounds?: readonly [Date | null, Date | null];
}

const COMMON_OPTIONS = ["default", "label", "doc", "allowNone", "constant", "readonly", "precedence", "instantiate"];

/** An option this kind does not take (Param's `softbounds` on a string, a typo) is refused, never ignored. */
function assertOptions(where: string, options: object, extra: readonly string[]): void {
  const unknown = Object.keys(options).find((key) => !COMMON_OPTIONS.includes(key) && !extra.includes(key));
  if (unknown !== undefined) throw new TypeError(`${where}: no option "${unknown}" (it takes ${[...extra, ...COMMON_OPTIONS].join(", ")})`);
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

type KindFields<T, W extends WidgetKind> = Pick<ParamSpec<T, W>, "kind" | "widget" | "check" | "parse"> &
  Partial<Pick<ParamSpec<T, W>, "step" | "bounds" | "softbounds" | "options" | "copy" | "equals" | "format">>;

/** The options every kind shares, checked: a misspelt intent fails at declaration, never silently. */
function commonFlags(where: string, common: Common<unknown>): Pick<ParamSpec, "allowNone" | "constant" | "readonly" | "precedence"> {
  if (common.instantiate === false)
    throw new TypeError(
      `${where}: instantiate: false is not supported: every instance gets its own copy of the default (values are immutable)`,
    );
  if (common.default === null && common.allowNone === false)
    throw new TypeError(`${where}: default null needs allowNone (it cannot be false)`);
  if (common.precedence !== undefined && !Number.isFinite(common.precedence))
    throw new TypeError(`${where}: precedence must be a finite number, got ${describeValue(common.precedence)}`);
  return {
    allowNone: common.allowNone ?? common.default === null,
    constant: common.constant ?? false,
    readonly: common.readonly ?? false,
    precedence: common.precedence,
  };
}

/** The kind's value rules, with null let through (and kept, compared, shown as "") when `allowNone`. */
function withNone<T, W extends WidgetKind>(fields: KindFields<T, W>, allowNone: boolean): KindFields<T, W> {
  const { check, copy = identity, equals = same, format = String, parse } = fields;
  if (!allowNone) return { ...fields, copy, equals, format };
  return {
    ...fields,
    check: (value) => (value === null ? undefined : check(value)),
    copy: (value) => (value === null ? value : copy(value)),
    equals: (a, b) => (a === null || b === null ? a === b : equals(a, b)),
    format: (value) => (value === null ? "" : format(value)),
    // Empty text is null, except for a string, where it is the empty string.
    parse: (text) => (text.trim() === "" && fields.kind !== "string" ? { ok: true, value: null as T } : parse(text)),
  };
}

function build<T, W extends WidgetKind>(where: string, fields: KindFields<T, W>, common: Common<T>, fallback: T): ParamSpec<T, W> {
  const flags = commonFlags(where, common);
  const rules = withNone(fields, flags.allowNone);
  const nullRule = rules.check;
  const spec: ParamSpec<T, W> = {
    label: common.label,
    doc: common.doc,
    step: undefined,
    bounds: undefined,
    softbounds: undefined,
    options: undefined,
    copy: identity,
    equals: same,
    format: String,
    ...rules,
    check: (value) => (value === null && !flags.allowNone ? "must not be null (the parameter has no allowNone)" : nullRule(value)),
    ...flags,
    default: (common.default === null ? null : (common.default ?? fallback)) as T,
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

/**
 * "must be between 0 and 30" style rules for a number against open or closed bounds; a bound
 * `inclusive` says false for is not a valid value itself ("must be greater than 0").
 */
function boundsRule(
  value: number,
  bounds: Bounds | undefined,
  show: (n: number) => string = String,
  words = ["at least", "at most"],
  inclusive: readonly [boolean, boolean] = [true, true],
): string | undefined {
  const [low, high] = bounds ?? [null, null];
  const belowLow = low !== null && (inclusive[0] ? value < low : value <= low);
  const aboveHigh = high !== null && (inclusive[1] ? value > high : value >= high);
  if (!belowLow && !aboveHigh) return undefined;
  const lowText = (bound: number) => (inclusive[0] ? `${words[0]} ${show(bound)}` : `greater than ${show(bound)}`);
  const highText = (bound: number) => (inclusive[1] ? `${words[1]} ${show(bound)}` : `less than ${show(bound)}`);
  if (low !== null && high !== null) {
    if (inclusive[0] && inclusive[1]) return `must be between ${show(low)} and ${show(high)}`;
    return `must be ${lowText(low)} and ${highText(high)}`;
  }
  return low !== null ? `must be ${lowText(low)}` : `must be ${highText(high!)}`;
}

function checkInclusive(where: string, inclusive: readonly [boolean, boolean] | undefined): readonly [boolean, boolean] {
  if (inclusive === undefined) return [true, true];
  if (!Array.isArray(inclusive) || inclusive.length !== 2 || !inclusive.every((side) => typeof side === "boolean"))
    throw new TypeError(`${where}: inclusiveBounds must be [boolean, boolean], got ${describeValue(inclusive)}`);
  return Object.freeze([inclusive[0], inclusive[1]] as const);
}

/** Softbounds are checked like bounds, and must lie within them. */
function checkSoftbounds(where: string, softbounds: Bounds | undefined, bounds: Bounds | undefined): Bounds | undefined {
  const soft = checkBounds(`${where} softbounds`, softbounds);
  if (!soft || !bounds) return soft;
  const [low, high] = bounds;
  const outside = (soft[0] !== null && low !== null && soft[0] < low) || (soft[1] !== null && high !== null && soft[1] > high);
  if (outside) throw new TypeError(`${where}: softbounds [${soft.join(", ")}] must lie within bounds [${bounds.join(", ")}]`);
  return soft;
}

const isClosed = (bounds: Bounds | undefined): boolean => bounds !== undefined && bounds[0] !== null && bounds[1] !== null;

function parseNumber(text: string): Parsed<number> {
  const value = text.trim() === "" ? Number.NaN : Number(text);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, rule: "must be a number" };
}

function numeric(kind: "integer" | "number", options: NumberParamOptions): ParamSpec<number, "slider" | "text"> {
  const where = `param.${kind}`;
  assertOptions(where, options, ["bounds", "softbounds", "inclusiveBounds", "step"]);
  const bounds = checkBounds(where, options.bounds);
  const softbounds = checkSoftbounds(where, options.softbounds, bounds);
  const inclusive = checkInclusive(where, options.inclusiveBounds);
  return build(
    where,
    {
      kind,
      // The slider spans the softbounds where they are given, else the bounds.
      widget: isClosed(softbounds) || isClosed(bounds) ? "slider" : "text",
      bounds,
      softbounds,
      step: checkStep(where, options.step) ?? (kind === "integer" ? 1 : undefined),
      check: (value) => {
        if (typeof value !== "number" || !Number.isFinite(value))
          return kind === "integer" ? "must be an integer" : "must be a finite number";
        if (kind === "integer" && !Number.isInteger(value)) return "must be an integer";
        return boundsRule(value, bounds, String, undefined, inclusive);
      },
      parse: parseNumber,
    },
    options,
    softbounds?.[0] ?? bounds?.[0] ?? 0,
  );
}

function integer<const O extends Bounded>(options: O): ParamSpec<WithNone<O, number>, "slider">;
function integer<const O extends NumberParamOptions>(options?: O): ParamSpec<WithNone<O, number>, "slider" | "text">;
function integer(options: NumberParamOptions = {}): ParamSpec<number | null, "slider" | "text"> {
  return numeric("integer", options);
}

function number<const O extends Bounded>(options: O): ParamSpec<WithNone<O, number>, "slider">;
function number<const O extends NumberParamOptions>(options?: O): ParamSpec<WithNone<O, number>, "slider" | "text">;
function number(options: NumberParamOptions = {}): ParamSpec<number | null, "slider" | "text"> {
  return numeric("number", options);
}

/** Kinds whose widgets have no "nothing" state refuse null at declaration, saying what to do instead. */
function refuseNone(where: string, common: Common<unknown>, instead: string): void {
  if (common.allowNone || common.default === null)
    throw new TypeError(`${where}: allowNone (or default null) is not supported: ${instead}`);
}

const TRUE_WORDS = ["true", "1", "yes", "on"];
const FALSE_WORDS = ["false", "0", "no", "off"];

function boolean(options: Common<boolean> = {}): ParamSpec<boolean, "checkbox"> {
  assertOptions("param.boolean", options, []);
  refuseNone("param.boolean", options, 'a checkbox is on or off; use param.select({ options: ["yes", "no", "unknown"] })');
  return build(
    "param.boolean",
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

function string<const O extends StringParamOptions>(options?: O): ParamSpec<WithNone<O, string>, "text">;
function string(options: StringParamOptions = {}): ParamSpec<string | null, "text"> {
  assertOptions("param.string", options, ["regex", "maxLength"]);
  const { regex, maxLength = 100_000 } = options;
  const check = (value: unknown): string | undefined => {
    if (typeof value !== "string") return "must be a string";
    if (value.length > maxLength) return `must be at most ${maxLength} characters`;
    // A global or sticky regex keeps state between tests; test a fresh copy.
    if (regex && !new RegExp(regex.source, regex.flags.replace(/[gy]/g, "")).test(value)) return `must match ${regex}`;
    return undefined;
  };
  return build<string | null, "text">(
    "param.string",
    { kind: "string", widget: "text", check, parse: (text) => ({ ok: true, value: text }) },
    options,
    "",
  );
}

function select<const T extends string | number>(options: SelectParamOptions<T>): ParamSpec<T, "select"> {
  assertOptions("param.select", options, ["options", "checkOnSet"]);
  refuseNone("param.select", options, 'add an option that stands for none (e.g. "")');
  if (options.checkOnSet === false)
    throw new TypeError(
      "param.select: checkOnSet: false is not supported: the options are declared once for every session; list every option",
    );
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
    "param.select",
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
  assertOptions("param.range", options, ["bounds", "step"]);
  refuseNone("param.range", options, "a range slider always has two ends; use the bounds as the whole range");
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
    "param.range",
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
function date<const O extends DateParamOptions>(options: O): ParamSpec<WithNone<O, Date>, "text">;
function date(options: DateParamOptions): ParamSpec<Date, "text"> {
  assertOptions("param.date", options, ["bounds"]);
  if (options.default === undefined) throw new TypeError('param.date: give a default (a moving "now" would differ between sessions)');
  const [first = null, last = null] = options.bounds ?? [];
  const bounds = options.bounds && checkBounds("param.date", [first && first.getTime(), last && last.getTime()]);
  const format = (value: Date) => (value.getTime() % 86_400_000 === 0 ? dayText(value.getTime()) : value.toISOString());
  return build(
    "param.date",
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
