/**
 * Attribute declarations: each model type lists its attributes with a default, a check, and
 * whether a client may write it. The server refuses every other client write.
 */
import { isPlainObject, isTypedArray, type Value } from "../protocol/index.ts";
import { isModel } from "./brand.ts";

/** The value a check sees: the attribute's new value, and the model's other attributes. */
export type Check = (value: unknown, attrs: Readonly<Record<string, unknown>>) => string | undefined;

export interface PropSpec<T> {
  readonly default: () => T;
  readonly check: Check;
  readonly clientWritable: boolean;
  /** `ref`/`refs`/`refMap` hold models; `columns` is diffed column by column on assignment. */
  readonly kind: "value" | "ref" | "refs" | "refMap" | "columns";
  /**
   * Turns a valid value into the one stored (a slider's value snapped to its step). A client
   * write that it changes is sent back, so the page shows the stored value.
   */
  normalize?(value: T, attrs: Readonly<Record<string, unknown>>): T;
}

export interface PropOptions {
  clientWritable?: boolean;
}

function spec<T>(kind: PropSpec<T>["kind"], def: T | (() => T), check: Check, options: PropOptions = {}): PropSpec<T> {
  const defaultValue = typeof def === "function" ? (def as () => T) : () => def;
  return { kind, default: defaultValue, check, clientWritable: options.clientWritable ?? false };
}

// Never String(object): a client's {"toString": 1} makes it throw.
function describe(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.slice(0, 40));
    case "function":
      return "a function";
    case "object":
      return value === null ? "null" : Array.isArray(value) ? "an array" : isTypedArray(value) ? "a typed array" : "an object";
    case "symbol":
      return value.toString();
    case "number":
    case "boolean":
    case "bigint":
    case "undefined":
      return String(value);
  }
}

interface NumberOptions extends PropOptions {
  min?: number;
  max?: number;
  integer?: boolean;
  /** Keep the value between the model's own `start` and `end` attributes (sliders). */
  withinStartEnd?: boolean;
}

function checkNumber(value: unknown, attrs: Readonly<Record<string, unknown>>, options: NumberOptions): string | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return `expected a finite number, got ${describe(value)}`;
  if (options.integer && !Number.isInteger(value)) return `expected an integer, got ${value}`;
  if (options.min !== undefined && value < options.min) return `${value} is below the minimum ${options.min}`;
  if (options.max !== undefined && value > options.max) return `${value} is above the maximum ${options.max}`;
  if (options.withinStartEnd) {
    const { start, end } = attrs as { start?: number; end?: number };
    if (start !== undefined && end !== undefined && (value < Math.min(start, end) || value > Math.max(start, end))) {
      return `${value} is outside [${start}, ${end}]`;
    }
  }
  return undefined;
}

function checkString(value: unknown, maxLength: number): string | undefined {
  if (typeof value !== "string") return `expected a string, got ${describe(value)}`;
  if (value.length > maxLength) return `string of ${value.length} characters exceeds ${maxLength}`;
  return undefined;
}

function checkPlainValue(value: unknown, depth = 0): string | undefined {
  if (depth > 32) return "value nested too deeply";
  if (value === null || typeof value === "boolean" || typeof value === "string" || isTypedArray(value)) return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : "numbers must be finite";
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = checkPlainValue(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const item of Object.values(value)) {
      const problem = checkPlainValue(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  return `${describe(value)} is not a JSON value or typed array`;
}

const nullable =
  (check: Check): Check =>
  (value, attrs) =>
    value === null ? undefined : check(value, attrs);

export const prop = {
  number: (def: number, options: NumberOptions = {}) =>
    spec<number>("value", def, (value, attrs) => checkNumber(value, attrs, options), options),

  nullableNumber: (def: number | null, options: NumberOptions = {}) =>
    spec<number | null>(
      "value",
      def,
      nullable((value, attrs) => checkNumber(value, attrs, options)),
      options,
    ),

  string: (def: string, options: PropOptions & { maxLength?: number } = {}) =>
    spec<string>("value", def, (value) => checkString(value, options.maxLength ?? 1_000_000), options),

  nullableString: (def: string | null, options: PropOptions = {}) =>
    spec<string | null>(
      "value",
      def,
      nullable((value) => checkString(value, 1_000_000)),
      options,
    ),

  boolean: (def: boolean, options: PropOptions = {}) =>
    spec<boolean>(
      "value",
      def,
      (value) => (typeof value === "boolean" ? undefined : `expected true or false, got ${describe(value)}`),
      options,
    ),

  enum: <const E extends string>(values: readonly E[], def: E, options: PropOptions = {}) =>
    spec<E>(
      "value",
      def,
      (value) => (values.includes(value as E) ? undefined : `expected one of ${values.join(", ")}, got ${describe(value)}`),
      options,
    ),

  /** `[low, high]` within the model's start/end (range sliders), or `null` when nullable. */
  interval: <N extends boolean = false>(
    def: [number, number] | (N extends true ? null : never),
    options: NumberOptions & { nullable?: N } = {},
  ) =>
    spec<[number, number] | (N extends true ? null : never)>(
      "value",
      def,
      (value, attrs) => {
        if (value === null && options.nullable) return undefined;
        if (!Array.isArray(value) || value.length !== 2) return `expected [low, high], got ${describe(value)}`;
        for (const bound of value) {
          const problem = checkNumber(bound, attrs, options);
          if (problem) return problem;
        }
        return options.withinStartEnd && value[0] > value[1] ? `low ${value[0]} is above high ${value[1]}` : undefined;
      },
      options,
    ),

  /** Row indices, e.g. a plot selection. */
  indices: (options: PropOptions & { max?: number } = {}) =>
    spec<number[]>(
      "value",
      () => [],
      (value) => {
        if (!Array.isArray(value)) return `expected an array of row indices, got ${describe(value)}`;
        if (value.length > (options.max ?? 10_000_000)) return "too many indices";
        return value.every((i) => Number.isSafeInteger(i) && i >= 0) ? undefined : "indices must be non-negative integers";
      },
      options,
    ),

  /** `Select` options: values, or `[value, label]` pairs. */
  options: (options: PropOptions = {}) =>
    spec<(string | [string, string])[]>(
      "value",
      () => [],
      (value) =>
        Array.isArray(value) &&
        value.every((o) => typeof o === "string" || (Array.isArray(o) && o.length === 2 && o.every((s) => typeof s === "string")))
          ? undefined
          : "expected strings or [value, label] pairs",
      options,
    ),

  /** A column table: `{ column: TypedArray | Value[] }`, every column of the same length. */
  columns: () =>
    spec<Record<string, Value>>(
      "columns",
      () => ({}),
      (value) => {
        if (!isPlainObject(value)) return `expected an object of columns, got ${describe(value)}`;
        let length: number | undefined;
        for (const [name, column] of Object.entries(value)) {
          if (!isTypedArray(column) && !Array.isArray(column)) return `column "${name}" must be an array or typed array`;
          if (length !== undefined && column.length !== length) return `column "${name}" has ${column.length} rows, others ${length}`;
          length = column.length;
          const problem = isTypedArray(column) ? undefined : checkPlainValue(column);
          if (problem) return `column "${name}": ${problem}`;
        }
        return undefined;
      },
    ),

  ref: <M>(options: { nullable?: boolean } = {}) =>
    spec<M | null>("ref", null, (value) => (value === null && !options.nullable ? "a model is required" : undefined)),

  refs: <M>() =>
    spec<M[]>(
      "refs",
      () => [],
      (value) => (Array.isArray(value) ? undefined : "expected a list of models"),
    ),

  /** Models by name (a figure's `extraYRanges`). */
  refMap: <M>() =>
    spec<Record<string, M>>(
      "refMap",
      () => ({}),
      (value) => (isPlainObject(value) && Object.values(value).every(isModel) ? undefined : "expected an object of models by name"),
    ),

  /** Any JSON value or typed array (free-form attributes). */
  json: <T extends Value>(def: T | (() => T)) => spec<T>("value", def, (value) => checkPlainValue(value)),
};
