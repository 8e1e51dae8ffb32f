/** Widgets rendered with plain DOM elements; their `value`/`active` are client-writable. */
import { defineModel, type InitOf } from "../document/model.ts";
import { prop } from "../document/props.ts";

const writable = { clientWritable: true } as const;
const BUTTON_TYPES = ["default", "primary", "success", "warning", "danger"] as const;

const sliderProps = {
  title: prop.string(""),
  start: prop.number(0),
  end: prop.number(1),
  step: prop.number(1, { min: Number.MIN_VALUE }),
  value: prop.number(0, { ...writable, withinStartEnd: true }),
  valueThrottled: prop.number(0, { ...writable, withinStartEnd: true }),
  disabled: prop.boolean(false),
};

/**
 * `value` follows the handle live; `valueThrottled` changes when the handle is released
 * (for callbacks too slow to run on every step).
 * @example new Slider({ start: 0, end: 30, value: 0, step: 1, title: "Smoothing by N Days" })
 */
export class Slider extends defineModel("Slider", sliderProps) {
  constructor(init: InitOf<typeof sliderProps> = {}) {
    super({ valueThrottled: init.value, ...init });
  }
}

const rangeSliderProps = {
  title: prop.string(""),
  start: prop.number(0),
  end: prop.number(1),
  step: prop.number(1, { min: Number.MIN_VALUE }),
  value: prop.interval([0, 1], { ...writable, withinStartEnd: true }),
  valueThrottled: prop.interval([0, 1], { ...writable, withinStartEnd: true }),
  disabled: prop.boolean(false),
};

export class RangeSlider extends defineModel("RangeSlider", rangeSliderProps) {
  constructor(init: InitOf<typeof rangeSliderProps> = {}) {
    super({ valueThrottled: init.value, ...init });
  }
}

export class Select extends defineModel("Select", {
  title: prop.string(""),
  options: prop.options(),
  value: prop.string("", { ...writable, maxLength: 10_000 }),
  disabled: prop.boolean(false),
}) {}

export class TextInput extends defineModel("TextInput", {
  title: prop.string(""),
  value: prop.string("", { ...writable, maxLength: 100_000 }),
  placeholder: prop.string(""),
  disabled: prop.boolean(false),
}) {}

export class Button extends defineModel("Button", {
  label: prop.string("Button"),
  buttonType: prop.enum(BUTTON_TYPES, "default"),
  disabled: prop.boolean(false),
}, { events: ["click"] }) {
  /** Calls `callback()` each time the button is clicked in the page. */
  onClick(callback: () => void | Promise<void>): this {
    return this.onEvent("click", () => callback());
  }
}

export class Checkbox extends defineModel("Checkbox", {
  label: prop.string(""),
  active: prop.boolean(false, writable),
  disabled: prop.boolean(false),
}) {}

export class Toggle extends defineModel("Toggle", {
  label: prop.string("Toggle"),
  active: prop.boolean(false, writable),
  buttonType: prop.enum(BUTTON_TYPES, "default"),
  disabled: prop.boolean(false),
}) {}

/** HTML written by the app's author (never put unescaped user input here). */
export class Div extends defineModel("Div", {
  text: prop.string(""),
}) {}
