/** More input widgets: dates, several choices, one of a group. Their choices are client-writable. */
import { prop } from "../document/props.ts";
import { defineVisibleModel } from "./common.ts";
import { checkIndexInto, checkIsoDate, checkStrings, custom, optionValues, parseIsoDate } from "./checks.ts";

const writable = { clientWritable: true } as const;
const nullableDate = custom<string | null>(null, (value) => (value === null ? undefined : checkIsoDate(value)));

/** The day is a real one and within `minDate`..`maxDate` when they are set. */
function checkDay(value: unknown, attrs: Readonly<Record<string, unknown>>): string | undefined {
  const problem = checkIsoDate(value);
  if (problem) return problem;
  const day = parseIsoDate(value)!;
  const min = parseIsoDate(attrs.minDate);
  const max = parseIsoDate(attrs.maxDate);
  if (min !== undefined && day < min) return `${String(value)} is before ${String(attrs.minDate)}`;
  if (max !== undefined && day > max) return `${String(value)} is after ${String(attrs.maxDate)}`;
  return undefined;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A date input; `value` is the day as "YYYY-MM-DD" (no time zone to get wrong).
 * @example new DatePicker({ title: "From", value: "2024-05-01", minDate: "2024-01-01" })
 */
export class DatePicker extends defineVisibleModel("DatePicker", {
  title: prop.string(""),
  value: custom<string>(today, checkDay, writable),
  minDate: nullableDate,
  maxDate: nullableDate,
  disabled: prop.boolean(false),
}) {}

/** Each chosen value must be one of the options. */
function checkChosen(value: unknown, attrs: Readonly<Record<string, unknown>>): string | undefined {
  const problem = checkStrings(value, { max: 10_000 });
  if (problem) return problem;
  const allowed = new Set(optionValues(attrs.options));
  const stranger = (value as string[]).find((item) => !allowed.has(item));
  return stranger === undefined ? undefined : `${JSON.stringify(stranger.slice(0, 40))} is not one of the options`;
}

/**
 * A list where several options can be chosen (Ctrl/Shift-click).
 * @example new MultiSelect({ title: "Origin", options: ["US", "Europe", "Asia"], value: ["US"] })
 */
export class MultiSelect extends defineVisibleModel("MultiSelect", {
  title: prop.string(""),
  options: prop.options(),
  value: custom<string[]>(() => [], checkChosen, writable),
  /** Rows visible without scrolling. */
  size: prop.number(4, { min: 1, max: 100, integer: true }),
  disabled: prop.boolean(false),
}) {}

/**
 * Radio buttons; `active` is the index of the chosen label, or null before any is chosen.
 * @example new RadioGroup({ labels: ["Linear", "Log"], active: 0, inline: true })
 */
export class RadioGroup extends defineVisibleModel("RadioGroup", {
  labels: custom<string[]>(
    () => [],
    (value) => checkStrings(value, { max: 1000 }),
  ),
  active: custom<number | null>(
    null,
    (value, attrs) => (value === null ? undefined : checkIndexInto(value, attrs.labels, "label")),
    writable,
  ),
  inline: prop.boolean(false),
  disabled: prop.boolean(false),
}) {}

/** At most `maxItems` chosen values (when it is set), each one of the options. */
function checkChoices(value: unknown, attrs: Readonly<Record<string, unknown>>): string | undefined {
  const problem = checkChosen(value, attrs);
  if (problem) return problem;
  const max = attrs.maxItems;
  return typeof max === "number" && (value as string[]).length > max ? `more than maxItems ${max} chosen` : undefined;
}

/**
 * Chosen values shown as removable tags, with a searchable list of the others.
 * @example new MultiChoice({ title: "Tags", options: ["a", "b", "c"], value: ["a"], maxItems: 2 })
 */
export class MultiChoice extends defineVisibleModel("MultiChoice", {
  title: prop.string(""),
  options: prop.options(),
  value: custom<string[]>(() => [], checkChoices, writable),
  maxItems: prop.nullableNumber(null, { min: 1, max: 10_000, integer: true }),
  placeholder: prop.string(""),
  disabled: prop.boolean(false),
}) {}
