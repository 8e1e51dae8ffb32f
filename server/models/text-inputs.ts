/**
 * Bokeh's number and text inputs beyond `TextInput`: `NumericInput`, `Spinner`,
 * `TextAreaInput`, `PasswordInput`, `AutocompleteInput`. Their `value` is client-writable and
 * checked against the model's own bounds, mode and completions.
 */
import type { InitOf } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { defineVisibleModel } from "./common.ts";
import { checkStrings, custom } from "./checks.ts";

const writable = { clientWritable: true } as const;
const MODES = ["int", "float"] as const;

/** A number within `low..high` (either may be null), an integer in `int` mode, or null (empty). */
function checkNumeric(value: unknown, attrs: Readonly<Record<string, unknown>>): string | undefined {
  if (value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value))
    return `expected a finite number or null, got ${typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : typeof value === "number" ? value : typeof value}`;
  if (attrs.mode === "int" && !Number.isInteger(value)) return `expected an integer, got ${value}`;
  if (typeof attrs.low === "number" && value < attrs.low) return `${value} is below low ${attrs.low}`;
  if (typeof attrs.high === "number" && value > attrs.high) return `${value} is above high ${attrs.high}`;
  return undefined;
}

const numericProps = {
  title: prop.string(""),
  value: custom<number | null>(null, checkNumeric, writable),
  low: prop.nullableNumber(null),
  high: prop.nullableNumber(null),
  mode: prop.enum(MODES, "int"),
  /** A numeral format for the shown value, e.g. "0,0.00" (see server/protocol/format.ts). */
  format: prop.nullableString(null),
  placeholder: prop.string(""),
  disabled: prop.boolean(false),
};

/**
 * A number field; `mode: "int"` (Bokeh's default) takes integers only.
 * @example new NumericInput({ title: "Price", value: 9.5, mode: "float", low: 0 })
 */
export class NumericInput extends defineVisibleModel("NumericInput", numericProps) {}

const spinnerProps = {
  ...numericProps,
  mode: prop.enum(MODES, "float"),
  step: prop.number(1, { min: Number.MIN_VALUE }),
  pageStepMultiplier: prop.number(10, { min: 0 }),
  /** Changes when the person stops spinning (arrow released, field left). */
  valueThrottled: custom<number | null>(null, checkNumeric, writable),
};

/** A number field with arrows that step by `step` (Page Up/Down by `step · pageStepMultiplier`). */
export class Spinner extends defineVisibleModel("Spinner", spinnerProps) {
  constructor(init: InitOf<typeof spinnerProps> = {}) {
    super({ valueThrottled: init.value, ...init });
  }
}

const textValue = (maxLength: number) =>
  custom<string>(
    "",
    (value, attrs) => {
      if (typeof value !== "string") return "expected a string";
      const limit = typeof attrs.maxLength === "number" ? attrs.maxLength : maxLength;
      return value.length > limit ? `${value.length} characters exceed the limit of ${limit}` : undefined;
    },
    writable,
  );

/**
 * Several lines of text; `maxLength` bounds what the page may send (Bokeh's default, 500).
 * @example new TextAreaInput({ title: "Notes", rows: 6, maxLength: 5000 })
 */
export class TextAreaInput extends defineVisibleModel("TextAreaInput", {
  title: prop.string(""),
  value: textValue(500),
  placeholder: prop.string(""),
  rows: prop.number(2, { min: 1, max: 1000, integer: true }),
  cols: prop.number(20, { min: 1, max: 1000, integer: true }),
  maxLength: prop.number(500, { min: 0, max: 1_000_000, integer: true }),
  disabled: prop.boolean(false),
}) {}

/** A text field whose characters are hidden. */
export class PasswordInput extends defineVisibleModel("PasswordInput", {
  title: prop.string(""),
  value: textValue(10_000),
  placeholder: prop.string(""),
  disabled: prop.boolean(false),
}) {}

const SEARCH_STRATEGIES = ["starts_with", "includes"] as const;

/** With `restrict` (the default), the value is empty or one of the completions. */
function checkCompletion(value: unknown, attrs: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof value !== "string" || value.length > 10_000) return "expected a string of up to 10000 characters";
  if (attrs.restrict === false || value === "") return undefined;
  const completions = Array.isArray(attrs.completions) ? attrs.completions : [];
  return completions.includes(value) ? undefined : `${JSON.stringify(value.slice(0, 40))} is not one of the completions`;
}

/**
 * A text field that offers completions as the person types (after `minCharacters`).
 * @example new AutocompleteInput({ title: "Country", completions: ["France", "Finland"], caseSensitive: false })
 */
export class AutocompleteInput extends defineVisibleModel("AutocompleteInput", {
  title: prop.string(""),
  value: custom<string>("", checkCompletion, writable),
  completions: custom<string[]>(
    () => [],
    (value) => checkStrings(value, { max: 100_000, maxLength: 1000 }),
  ),
  minCharacters: prop.number(2, { min: 0, max: 100, integer: true }),
  maxCompletions: prop.nullableNumber(null, { min: 1, max: 1000, integer: true }),
  caseSensitive: prop.boolean(true),
  restrict: prop.boolean(true),
  searchStrategy: prop.enum(SEARCH_STRATEGIES, "starts_with"),
  placeholder: prop.string(""),
  disabled: prop.boolean(false),
}) {}
