/** Widgets rendered with plain DOM elements; their `value`/`active` are client-writable. */
import type { InitOf } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { defineVisibleModel } from "./common.ts";
import { custom, normalized, optionValues, snapToStep } from "./checks.ts";
import { BUTTON_TYPES } from "./groups.ts";

const writable = { clientWritable: true } as const;

const sliderProps = {
  title: prop.string(""),
  start: prop.number(0),
  end: prop.number(1),
  step: prop.number(1, { min: Number.MIN_VALUE }),
  value: normalized(prop.number(0, { ...writable, withinStartEnd: true }), snapToStep),
  valueThrottled: normalized(prop.number(0, { ...writable, withinStartEnd: true }), snapToStep),
  disabled: prop.boolean(false),
  /** How the readout shows the value, a numeral format as Bokeh's (`"0,0"`, `"0.0%"`); null: the step's decimals. */
  format: prop.nullableString(null),
};

function snapBoth([low, high]: [number, number], attrs: Readonly<Record<string, unknown>>): [number, number] {
  return [snapToStep(low, attrs), snapToStep(high, attrs)];
}

/**
 * Values snap to `start + k·step` (a page or a callback writing 3.7 with step 1 stores 4).
 * `value` follows the handle live; `valueThrottled` changes when the handle is released
 * (for callbacks too slow to run on every step).
 * @example new Slider({ start: 0, end: 30, value: 0, step: 1, title: "Smoothing by N Days" })
 */
export class Slider extends defineVisibleModel("Slider", sliderProps) {
  constructor(init: InitOf<typeof sliderProps> = {}) {
    super({ valueThrottled: init.value, ...init });
  }
}

const rangeSliderProps = {
  title: prop.string(""),
  start: prop.number(0),
  end: prop.number(1),
  step: prop.number(1, { min: Number.MIN_VALUE }),
  value: normalized(prop.interval([0, 1], { ...writable, withinStartEnd: true }), snapBoth),
  valueThrottled: normalized(prop.interval([0, 1], { ...writable, withinStartEnd: true }), snapBoth),
  disabled: prop.boolean(false),
  format: prop.nullableString(null),
};

export class RangeSlider extends defineVisibleModel("RangeSlider", rangeSliderProps) {
  constructor(init: InitOf<typeof rangeSliderProps> = {}) {
    super({ valueThrottled: init.value, ...init });
  }
}

/** Options: values, `[value, label]` pairs, or `{ group: options }` for grouped options. */
export type SelectOptions = (string | [string, string])[] | Record<string, (string | [string, string])[]>;

const isOptionList = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.length <= 10_000 &&
  value.every((o) => typeof o === "string" || (Array.isArray(o) && o.length === 2 && o.every((s) => typeof s === "string")));

function checkSelectOptions(value: unknown): string | undefined {
  if (isOptionList(value)) return undefined;
  const groups = typeof value === "object" && value !== null && !Array.isArray(value) ? Object.values(value) : undefined;
  return groups !== undefined && groups.length <= 1000 && groups.every(isOptionList)
    ? undefined
    : "expected strings, [value, label] pairs, or { group: options }";
}

function checkOption(value: unknown, attrs: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof value !== "string") return `expected one of the options, got ${value === null ? "null" : typeof value}`;
  const values = optionValues(attrs.options);
  if (values.length === 0 && value === "") return undefined;
  return values.includes(value) ? undefined : `${JSON.stringify(value.slice(0, 40))} is not one of the options`;
}

const selectProps = {
  title: prop.string(""),
  options: custom<SelectOptions>(() => [], checkSelectOptions),
  /** One of the options' values (the first when not given). */
  value: custom<string>("", checkOption, writable),
  disabled: prop.boolean(false),
};

/**
 * @example new Select({ title: "Origin", options: ["US", "Europe"], value: "US" })
 * @example new Select({ options: { Fruit: ["apple", "pear"], Vegetables: [["leek", "Leek"]] } })
 */
export class Select extends defineVisibleModel("Select", selectProps) {
  constructor(init: InitOf<typeof selectProps> = {}) {
    super({ value: optionValues(init.options)[0] ?? "", ...init });
  }
}

export class TextInput extends defineVisibleModel("TextInput", {
  title: prop.string(""),
  value: prop.string("", { ...writable, maxLength: 100_000 }),
  placeholder: prop.string(""),
  disabled: prop.boolean(false),
}) {}

export class Button extends defineVisibleModel(
  "Button",
  {
    label: prop.string("Button"),
    buttonType: prop.enum(BUTTON_TYPES, "default"),
    disabled: prop.boolean(false),
  },
  { events: ["click"] },
) {
  /** Calls `callback()` each time the button is clicked in the page. */
  onClick(callback: () => void | Promise<void>): this {
    return this.onEvent("click", () => callback());
  }
}

export class Checkbox extends defineVisibleModel("Checkbox", {
  label: prop.string(""),
  active: prop.boolean(false, writable),
  disabled: prop.boolean(false),
}) {}

export class Toggle extends defineVisibleModel("Toggle", {
  label: prop.string("Toggle"),
  active: prop.boolean(false, writable),
  buttonType: prop.enum(BUTTON_TYPES, "default"),
  disabled: prop.boolean(false),
}) {}

/** HTML written by the app's author (never put unescaped user input here). */
export class Div extends defineVisibleModel("Div", {
  text: prop.string(""),
}) {}
