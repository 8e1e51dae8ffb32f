/**
 * What a DataTable cell shows, from its column's formatter (DOM-free, unit-tested): Bokeh's
 * StringFormatter, NumberFormatter, DateFormatter and HTMLTemplateFormatter, with the shared
 * format module's numeral and strftime formats.
 */
import { datetimeFormat, numeralFormat } from "../../../server/protocol/format.ts";
import { fillCellTemplate, parseCellTemplate, type CellTemplatePart } from "../../../server/protocol/cell-template.ts";
import type { ModelState, Value } from "../../../server/protocol/index.ts";
import { asString } from "../values.ts";

export interface CellStyle {
  fontStyle: string;
  textAlign: string;
  color: string;
}

/** A cell's content: text, or HTML (from a template, to be sanitized before it is shown). */
export type CellContent = { text: string } | { html: string };

export interface CellFormat {
  style: CellStyle;
  /** True when cells are HTML (the table needs the rich-text chunk to show them). */
  html: boolean;
  /** `row(name)` reads another column of the same row (for templates). */
  content(value: Value | undefined, row: (name: string) => Value | undefined): CellContent;
}

/** Bokeh's named date formats, as strftime formats (`TIMESTAMP` shows the raw number). */
const NAMED_DATES: Readonly<Record<string, string>> = {
  ATOM: "%Y-%m-%d",
  W3C: "%Y-%m-%d",
  "RFC-3339": "%Y-%m-%d",
  "ISO-8601": "%Y-%m-%d",
  COOKIE: "%a, %d %b %Y",
  "RFC-850": "%A, %d-%b-%y",
  "RFC-1123": "%a, %e %b %Y",
  "RFC-2822": "%a, %e %b %Y",
  RSS: "%a, %e %b %y",
  "RFC-822": "%a, %e %b %y",
  "RFC-1036": "%a, %e %b %y",
};

export function dateFormatOf(format: string): string | undefined {
  if (format === "TIMESTAMP") return undefined;
  return Object.hasOwn(NAMED_DATES, format) ? NAMED_DATES[format] : format;
}

function plain(value: Value | undefined): string {
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value);
}

/** The missing-value texts every formatter but the template shares. */
function special(value: Value | undefined, attrs: Record<string, Value>): string | undefined {
  if (value === null || value === undefined) return asString(attrs.nullFormat, "(null)");
  if (typeof value === "number" && Number.isNaN(value)) return asString(attrs.nanFormat, "NaN");
  return undefined;
}

const TEXT_FORMATS: Readonly<Record<string, (value: Value, attrs: Record<string, Value>) => string>> = {
  StringFormatter: plain,
  NumberFormatter: (value, attrs) =>
    typeof value === "number" ? numeralFormat(value, asString(attrs.format, "0,0"), asString(attrs.rounding, "round")) : plain(value),
  DateFormatter: (value, attrs) => {
    const format = dateFormatOf(asString(attrs.format, "ISO-8601"));
    return format === undefined ? plain(value) : datetimeFormat(value, format);
  },
};

function templateFormat(parts: CellTemplatePart[]): CellFormat {
  return {
    style: { fontStyle: "normal", textAlign: "", color: "" },
    html: true,
    content: (value, row) => ({ html: fillCellTemplate(parts, (name) => (name === "value" ? value : row(name))) }),
  };
}

/** How the cells of a column with this formatter show; a missing or unknown formatter shows values as text. */
export function cellFormatOf(formatter: ModelState | undefined): CellFormat {
  const attrs = formatter?.attrs ?? {};
  if (formatter?.type === "HTMLTemplateFormatter") {
    const parsed = parseCellTemplate(asString(attrs.template, "<%= value %>"));
    if (parsed.ok) return templateFormat(parsed.parts);
  }
  const text = (formatter !== undefined && Object.hasOwn(TEXT_FORMATS, formatter.type) ? TEXT_FORMATS[formatter.type] : plain)!;
  return {
    style: {
      fontStyle: asString(attrs.fontStyle, "normal"),
      textAlign: asString(attrs.textAlign, ""),
      color: asString(attrs.textColor, ""),
    },
    html: false,
    content: (value) => ({ text: special(value, attrs) ?? text(value!, attrs) }),
  };
}
