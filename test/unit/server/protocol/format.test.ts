import { describe, expect, it } from "vitest";
import { basicFormat, escapeHtml, fillTemplate, formatValue, parseTemplate, templateColumns } from "../../../../server/protocol/format.ts";

describe("formatValue with numeral formats", () => {
  it("prints fixed decimals for {0.00} (not 1e+1)", () => {
    expect(formatValue(10, "0.00")).toBe("10.00");
    expect(formatValue(-0.12345, "0.00")).toBe("-0.12");
  });

  it("groups thousands and rounds to an integer for {0,0}", () => {
    expect(formatValue(1234567.891, "0,0")).toBe("1,234,568");
  });

  it("prints percentages for {0.0%}", () => {
    expect(formatValue(0.5, "0.0%")).toBe("50.0%");
    expect(formatValue(-0.12345, "0.0%")).toBe("-12.3%");
  });

  it("prints currency with abbreviations and negative parentheses for {($ 0.00 a)}", () => {
    expect(formatValue(1234567.891, "($ 0.00 a)")).toBe("$ 1.23 m");
    expect(formatValue(-0.12345, "($ 0.00 a)").trim()).toBe("($ 0.12 )");
  });

  it("prints values that are not numbers as they are", () => {
    expect(formatValue("apple", "0.00")).toBe("apple");
  });
});

describe("formatValue with datetime formats", () => {
  const when = Date.UTC(2024, 0, 2, 3, 4, 5);

  it("prints strftime formats such as {%F %T} in UTC from epoch milliseconds", () => {
    expect(formatValue(when, "%F %T")).toBe("2024-01-02 03:04:05");
    expect(formatValue(when, "%Y-%m-%d", "datetime")).toBe("2024-01-02");
  });

  it("reads Date objects and date strings too", () => {
    expect(formatValue(new Date(when), "%H:%M")).toBe("03:04");
    expect(formatValue("2024-01-02T03:04:05Z", "%d %b %Y")).toBe("02 Jan 2024");
  });

  it("prints a value that is no time as it is", () => {
    expect(formatValue("soon", "%F")).toBe("soon");
  });
});

describe("formatValue with printf formats", () => {
  it("prints C-style conversions when the formatter is printf", () => {
    expect(formatValue(3.14159, "%5.2f", "printf")).toBe(" 3.14");
    expect(formatValue(42.9, "%d items", "printf")).toBe("42 items");
    expect(formatValue(1500, "%.1e", "printf")).toBe("1.5e+3");
  });

  it("prints the value as it is when printf cannot read the format", () => {
    expect(formatValue(1, "%y", "printf")).toBe("1");
  });
});

describe("basicFormat (no format given)", () => {
  it("keeps integers, rounds other numbers to 3 decimals, and uses exponents far from 1", () => {
    expect(basicFormat(12)).toBe("12");
    expect(basicFormat(1.23456)).toBe("1.235");
    expect(basicFormat(12345678.5)).toBe("1.235e+7");
    expect(basicFormat(0.0001234)).toBe("1.234e-4");
    expect(basicFormat("text")).toBe("text");
  });

  it("prints Bokeh's ??? for a missing value", () => {
    expect(formatValue(undefined)).toBe("???");
    expect(formatValue(null, "0.00")).toBe("???");
  });
});

describe("parseTemplate and fillTemplate", () => {
  const values: Record<string, unknown> = { price: 1234.5, "unit price": 0.5, name: "<b>Ann</b>", x: 10 };
  const fill = (template: string, formatters = {}) => fillTemplate(parseTemplate(template), (part) => values[part.name], { formatters });

  it("fills columns, braced names and special variables with their formats", () => {
    expect(fill("@price{0,0.00} at @{unit price}{0%} x=$x{0.00}")).toBe("1,234.50 at 50% x=10.00");
  });

  it("escapes HTML in values unless the placeholder says {safe}", () => {
    expect(fill("@name / @name{safe}")).toBe("&lt;b&gt;Ann&lt;/b&gt; / <b>Ann</b>");
  });

  it("reads a placeholder's format with the formatter named for it", () => {
    expect(fill("@price{%08.1f}", { "@price": "printf" })).toBe("001234.5");
    expect(fill("$x{%d}", { $x: "printf" })).toBe("10");
  });

  it("lists the columns a template reads, each once", () => {
    expect(templateColumns(parseTemplate("@a @{b c} $x @a{0.0}"))).toEqual(["a", "b c"]);
  });

  it("keeps the text around placeholders as it is", () => {
    expect(parseTemplate("no placeholders here")).toEqual([{ kind: "text", text: "no placeholders here" }]);
  });
});

describe("escapeHtml", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe("&lt;a href=&#34;x&#34;&gt;&amp;&#39;&lt;/a&gt;");
  });
});
