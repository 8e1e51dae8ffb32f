import { describe, expect, it } from "vitest";
import { AttributeError } from "../../../../server/document/model.ts";
import {
  DateFormatter,
  HTMLTemplateFormatter,
  NumberFormatter,
  StringEditor,
  StringFormatter,
  TableColumn,
} from "../../../../server/models/index.ts";

describe("cell formatters", () => {
  it("take Bokeh's defaults", () => {
    expect(new NumberFormatter().format).toBe("0,0");
    expect(new NumberFormatter().rounding).toBe("round");
    expect(new DateFormatter().format).toBe("ISO-8601");
    expect(new HTMLTemplateFormatter().template).toBe("<%= value %>");
    expect(new StringFormatter().fontStyle).toBe("normal");
  });

  it.each([
    ["a font style Bokeh does not have", () => new StringFormatter({ fontStyle: "oblique" as never })],
    ["a text colour with markup", () => new StringFormatter({ textColor: "red;}<script>" })],
    ["an unknown rounding", () => new NumberFormatter({ rounding: "half" as never })],
    ["a template that runs code", () => new HTMLTemplateFormatter({ template: "<% if (value > 1) { %>big<% } %>" })],
    ["a template with an expression", () => new HTMLTemplateFormatter({ template: "<%= value.toFixed(2) %>" })],
  ])("refuses %s", (_name, make) => {
    expect(make).toThrow(AttributeError);
  });

  it("accepts templates of interpolations, escaped or not", () => {
    const template = '<a href="/cars/<%= id %>"><%- value %></a>';
    expect(new HTMLTemplateFormatter({ template }).template).toBe(template);
  });

  it("says why a template with code is refused", () => {
    expect(() => new HTMLTemplateFormatter({ template: "<% alert(1) %>" })).toThrow(/no code runs in the page/);
  });
});

describe("TableColumn", () => {
  it("gets a StringFormatter and a StringEditor when none is given, as Bokeh's", () => {
    const column = new TableColumn({ field: "name" });
    expect(column.formatter).toBeInstanceOf(StringFormatter);
    expect(column.editor).toBeInstanceOf(StringEditor);
    expect(column.sortable).toBe(true);
  });
});
