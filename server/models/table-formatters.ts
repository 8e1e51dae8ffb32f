/**
 * Bokeh's cell formatters for `TableColumn.formatter`: how the page shows a column's values.
 * The numeral and strftime formats are the shared format module's (server/protocol/format.ts),
 * the same ones tooltips read.
 */
import { defineModel } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { parseCellTemplate } from "../protocol/cell-template.ts";
import { checkColor, custom } from "./checks.ts";

const FONT_STYLES = ["normal", "italic", "bold", "bold italic"] as const;
const TEXT_ALIGNS = ["left", "center", "right"] as const;
/** Bokeh's `RoundingFunction`. */
const ROUNDINGS = ["round", "nearest", "floor", "rounddown", "ceil", "roundup"] as const;

const textProps = {
  fontStyle: prop.enum(FONT_STYLES, "normal"),
  textAlign: prop.enum(TEXT_ALIGNS, "left"),
  textColor: custom<string | null>(null, (value) => (value === null ? undefined : checkColor(value))),
  /** What a NaN shows as. */
  nanFormat: prop.string("NaN", { maxLength: 100 }),
  /** What a missing value (null) shows as. */
  nullFormat: prop.string("(null)", { maxLength: 100 }),
};

/** Values as text (numbers in Bokeh's basic format), in a font style, alignment and colour. */
export class StringFormatter extends defineModel("StringFormatter", textProps) {}

/**
 * Numbers in a numeral format (`0,0`, `0.00`, `0.0%`, `($ 0.00 a)`).
 * @example new NumberFormatter({ format: "0.0", textAlign: "right" })
 */
export class NumberFormatter extends defineModel("NumberFormatter", {
  ...textProps,
  format: prop.string("0,0", { maxLength: 200 }),
  rounding: prop.enum(ROUNDINGS, "round"),
}) {}

/**
 * Dates (milliseconds since the epoch, or date text) in a strftime format, in UTC, or one of
 * Bokeh's named formats: `ISO-8601` (the default), `ATOM`, `W3C`, `RFC-3339`, `COOKIE`,
 * `RFC-822`, `RFC-850`, `RFC-1036`, `RFC-1123`, `RFC-2822`, `RSS`, `TIMESTAMP` (the raw number).
 * @example new DateFormatter({ format: "%d %b %Y" })
 */
export class DateFormatter extends defineModel("DateFormatter", {
  ...textProps,
  format: prop.string("ISO-8601", { maxLength: 200 }),
}) {}

/**
 * Each cell as HTML from a template: `<%= value %>` is the cell, `<%= name %>` another column
 * of the row, both HTML-escaped. No code runs (templates with `<% … %>` blocks are refused),
 * and the page sanitizes the HTML with DOMPurify.
 * @example new HTMLTemplateFormatter({ template: '<a href="/cars/<%= id %>"><%= value %></a>' })
 */
export class HTMLTemplateFormatter extends defineModel("HTMLTemplateFormatter", {
  template: custom<string>("<%= value %>", (value) => {
    if (typeof value !== "string" || value.length > 10_000) return "expected a template of up to 10,000 characters";
    const parsed = parseCellTemplate(value);
    return parsed.ok ? undefined : parsed.message;
  }),
}) {}

export type CellFormatter = StringFormatter | NumberFormatter | DateFormatter | HTMLTemplateFormatter;
