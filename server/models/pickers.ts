/**
 * Bokeh's date sliders, date-time and colour pickers, and file input. Days travel as
 * "YYYY-MM-DD" and date-times as "YYYY-MM-DDTHH:MM[:SS]" wall-clock text (as `DatePicker`:
 * no time zone to get wrong); a file travels as base64 text (Bokeh's) or as a binary buffer.
 */
import type { InitOf } from "../document/model.ts";
import { checkColor, checkIsoDate, custom, normalized, parseIsoDate } from "./checks.ts";
import { prop } from "../document/props.ts";
import { defineVisibleModel } from "./common.ts";

const writable = { clientWritable: true } as const;
const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** A day within the slider's `start..end`. */
function checkSliderDay(value: unknown, attrs: Readonly<Record<string, unknown>>): string | undefined {
  const problem = checkIsoDate(value);
  if (problem) return problem;
  const [day, start, end] = [parseIsoDate(value)!, parseIsoDate(attrs.start), parseIsoDate(attrs.end)];
  if (start !== undefined && end !== undefined && (day < Math.min(start, end) || day > Math.max(start, end))) {
    return `${String(value)} is outside ${String(attrs.start)}..${String(attrs.end)}`;
  }
  return undefined;
}

/** A day moved to the nearest `start + k·step` days (within `end`). */
function snapDay(value: string, attrs: Readonly<Record<string, unknown>>): string {
  const [day, start, end] = [parseIsoDate(value)!, parseIsoDate(attrs.start), parseIsoDate(attrs.end)];
  const step = typeof attrs.step === "number" && attrs.step >= 1 ? attrs.step * DAY : DAY;
  if (start === undefined || end === undefined) return value;
  const snapped = start + Math.round((day - start) / step) * step;
  return isoDay(Math.min(Math.max(start, end), Math.max(Math.min(start, end), snapped)));
}

const sliderDay = (def: () => string) => normalized(custom<string>(def, checkSliderDay, writable), snapDay);

const dateSliderProps = {
  title: prop.string(""),
  start: custom<string>(today, checkIsoDate),
  end: custom<string>(today, checkIsoDate),
  /** In days. */
  step: prop.number(1, { min: 1, max: 100_000, integer: true }),
  value: sliderDay(today),
  valueThrottled: sliderDay(today),
  /** How the page shows the day: a strftime format (see server/protocol/format.ts). */
  format: prop.string("%d %b %Y"),
  disabled: prop.boolean(false),
};

/**
 * A slider over days; `value` (live) and `valueThrottled` (on release) snap to `step` days.
 * @example new DateSlider({ title: "Day", start: "2024-01-01", end: "2024-12-31", value: "2024-06-01" })
 */
export class DateSlider extends defineVisibleModel("DateSlider", dateSliderProps) {
  constructor(init: InitOf<typeof dateSliderProps> = {}) {
    const value = init.value ?? init.start;
    super({ value, valueThrottled: init.valueThrottled ?? value, ...init });
  }
}

function checkDayRange(value: unknown, attrs: Readonly<Record<string, unknown>>): string | undefined {
  if (!Array.isArray(value) || value.length !== 2) return 'expected ["YYYY-MM-DD", "YYYY-MM-DD"]';
  const problem = checkSliderDay(value[0], attrs) ?? checkSliderDay(value[1], attrs);
  if (problem) return problem;
  return parseIsoDate(value[0])! > parseIsoDate(value[1])! ? `${String(value[0])} is after ${String(value[1])}` : undefined;
}

const dayRange = () =>
  normalized(
    custom<[string, string]>(() => [today(), today()], checkDayRange, writable),
    ([low, high], attrs): [string, string] => [snapDay(low, attrs), snapDay(high, attrs)],
  );

const dateRangeSliderProps = { ...dateSliderProps, value: dayRange(), valueThrottled: dayRange() };

/** A slider over a range of days. */
export class DateRangeSlider extends defineVisibleModel("DateRangeSlider", dateRangeSliderProps) {
  constructor(init: InitOf<typeof dateRangeSliderProps> = {}) {
    const value =
      init.value ?? (init.start !== undefined && init.end !== undefined ? ([init.start, init.end] as [string, string]) : undefined);
    super({ value, valueThrottled: init.valueThrottled ?? value, ...init });
  }
}

/** Wall-clock date-time text, "2024-05-31T14:30" or with seconds; a real day and time only. */
export function parseIsoDatetime(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(value)) return undefined;
  const day = parseIsoDate(value.slice(0, 10));
  const [hours, minutes, seconds = 0] = value.slice(11).split(":").map(Number) as [number, number, number?];
  if (day === undefined || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return day + ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

function checkDatetime(value: unknown, attrs: Readonly<Record<string, unknown>>): string | undefined {
  if (value === null) return undefined;
  const time = parseIsoDatetime(value);
  if (time === undefined)
    return `expected a date-time as "YYYY-MM-DDTHH:MM[:SS]", got ${typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : typeof value}`;
  const [min, max] = [parseIsoDatetime(attrs.minDate), parseIsoDatetime(attrs.maxDate)];
  if (min !== undefined && time < min) return `${value as string} is before ${attrs.minDate as string}`;
  if (max !== undefined && time > max) return `${value as string} is after ${attrs.maxDate as string}`;
  return undefined;
}

const nullableDatetime = () => custom<string | null>(null, (value) => (value === null ? undefined : checkDatetime(value, {})));

/**
 * A date and a time of day; null until picked.
 * @example new DatetimePicker({ title: "Start", value: "2024-05-01T09:00", minDate: "2024-01-01T00:00" })
 */
export class DatetimePicker extends defineVisibleModel("DatetimePicker", {
  title: prop.string(""),
  value: custom<string | null>(null, checkDatetime, writable),
  minDate: nullableDatetime(),
  maxDate: nullableDatetime(),
  enableSeconds: prop.boolean(true),
  disabled: prop.boolean(false),
}) {}

/**
 * A colour swatch that opens the browser's colour chooser; `color` is client-writable.
 * @example new ColorPicker({ title: "Line colour", color: "#1f77b4" })
 */
export class ColorPicker extends defineVisibleModel("ColorPicker", {
  title: prop.string(""),
  color: custom<string>("#000000", checkColor, writable),
  disabled: prop.boolean(false),
}) {}
