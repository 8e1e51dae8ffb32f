/**
 * Bokeh's cell editors for `TableColumn.editor`. In an editable table a person's edit of a
 * cell is a client write of that one cell, and the column's editor is what the server checks
 * it against: the value the editor can produce, or a refusal that says why.
 */
import { isTypedArray, type Value } from "../protocol/index.ts";
import { defineModel } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { checkStrings, custom, parseIsoDate } from "./checks.ts";

/** A cell value the editor accepts (as it will be stored), or why not. */
export type CellCheck = { ok: true; value: Value } | { ok: false; problem: string };

/** The column a cell belongs to, as stored (a typed array stores numbers only). */
export type StoredColumn = ArrayLike<unknown>;

const show = (value: unknown): string => {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return Array.isArray(value) ? "a list" : typeof value;
};

const refused = (problem: string): CellCheck => ({ ok: false, problem });
const accepted = (value: Value): CellCheck => ({ ok: true, value });

const strings = (max: number) =>
  custom<string[]>(
    () => [],
    (value) => checkStrings(value, { max, maxLength: 1000 }),
  );

/** Text, with optional `completions` offered while typing. */
export class StringEditor extends defineModel("StringEditor", { completions: strings(10_000) }) {
  checkCell(value: unknown): CellCheck {
    if (typeof value !== "string") return refused(`expected text, got ${show(value)}`);
    return value.length > 10_000 ? refused(`text of ${value.length} characters exceeds 10000`) : accepted(value);
  }
}

/** A finite number; `step` is the spinner's step in the page. */
export class NumberEditor extends defineModel("NumberEditor", { step: prop.number(0.01, { min: 0 }) }) {
  checkCell(value: unknown): CellCheck {
    return typeof value === "number" && Number.isFinite(value) ? accepted(value) : refused(`expected a number, got ${show(value)}`);
  }
}

/** A whole number. */
export class IntEditor extends defineModel("IntEditor", { step: prop.number(1, { min: 1, integer: true }) }) {
  checkCell(value: unknown): CellCheck {
    if (typeof value !== "number" || !Number.isFinite(value)) return refused(`expected a whole number, got ${show(value)}`);
    return Number.isSafeInteger(value) ? accepted(value) : refused(`expected a whole number, got ${value}`);
  }
}

/** One of `options`. */
export class SelectEditor extends defineModel("SelectEditor", { options: strings(10_000) }) {
  checkCell(value: unknown): CellCheck {
    if (typeof value !== "string") return refused(`expected one of the options, got ${show(value)}`);
    if (this.options.includes(value)) return accepted(value);
    const listed = this.options.slice(0, 10).map((option) => JSON.stringify(option));
    return refused(`${show(value)} is not one of the options (${listed.join(", ")}${this.options.length > 10 ? ", …" : ""})`);
  }
}

/** True or false, as a checkbox. */
export class CheckboxEditor extends defineModel("CheckboxEditor", {}) {
  checkCell(value: unknown): CellCheck {
    return typeof value === "boolean" ? accepted(value) : refused(`expected true or false, got ${show(value)}`);
  }
}

/**
 * A day, sent by the page as "YYYY-MM-DD": stored as milliseconds since the epoch (UTC
 * midnight) in a column of numbers, as the text otherwise.
 */
export class DateEditor extends defineModel("DateEditor", {}) {
  checkCell(value: unknown, column: StoredColumn): CellCheck {
    const time = parseIsoDate(value);
    if (time === undefined) return refused(`expected a date as "YYYY-MM-DD", got ${show(value)}`);
    const numeric = isTypedArray(column) || (column.length > 0 && typeof column[0] === "number");
    return accepted(numeric ? time : (value as string));
  }
}

export type CellEditor = StringEditor | NumberEditor | IntEditor | SelectEditor | CheckboxEditor | DateEditor;
