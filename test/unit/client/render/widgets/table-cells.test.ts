import { describe, expect, it } from "vitest";
import type { ModelState, Value } from "../../../../../server/protocol/index.ts";
import { cellFormatOf, dateFormatOf } from "../../../../../client/render/widgets/table-cells.ts";

const formatter = (type: string, attrs: Record<string, Value> = {}): ModelState => ({ type, attrs });
const row: Record<string, Value> = { id: 7, name: "<b>Civic</b>" };
const show = (model: ModelState | undefined, value: Value | undefined) => cellFormatOf(model).content(value, (name) => row[name]);
const MAY_31 = Date.UTC(2024, 4, 31, 6, 30);

describe("cellFormatOf", () => {
  it("shows values as text with a StringFormatter, and null and NaN as its null and NaN formats", () => {
    expect(show(formatter("StringFormatter"), "<b>x</b>")).toEqual({ text: "<b>x</b>" });
    expect(show(formatter("StringFormatter"), 2.5)).toEqual({ text: "2.5" });
    expect(show(formatter("StringFormatter"), null)).toEqual({ text: "(null)" });
    expect(show(formatter("StringFormatter", { nanFormat: "-" }), Number.NaN)).toEqual({ text: "-" });
  });

  it("shows numbers in a NumberFormatter's numeral format with its rounding", () => {
    expect(show(formatter("NumberFormatter", { format: "0,0" }), 1234.5)).toEqual({ text: "1,235" });
    expect(show(formatter("NumberFormatter", { format: "0.00" }), 2)).toEqual({ text: "2.00" });
    expect(show(formatter("NumberFormatter", { format: "0.0%" }), 0.256)).toEqual({ text: "25.6%" });
    expect(show(formatter("NumberFormatter", { format: "0", rounding: "floor" }), 2.9)).toEqual({ text: "2" });
    expect(show(formatter("NumberFormatter", { format: "0", rounding: "ceil" }), 2.1)).toEqual({ text: "3" });
    expect(show(formatter("NumberFormatter"), "n/a")).toEqual({ text: "n/a" });
  });

  it("shows dates in a DateFormatter's strftime format or Bokeh's named formats, in UTC", () => {
    expect(show(formatter("DateFormatter"), MAY_31)).toEqual({ text: "2024-05-31" });
    expect(show(formatter("DateFormatter", { format: "%d %b %Y %H:%M" }), MAY_31)).toEqual({ text: "31 May 2024 06:30" });
    expect(show(formatter("DateFormatter", { format: "COOKIE" }), MAY_31)).toEqual({ text: "Fri, 31 May 2024" });
    expect(show(formatter("DateFormatter", { format: "TIMESTAMP" }), MAY_31)).toEqual({ text: String(MAY_31) });
    expect(show(formatter("DateFormatter"), "2024-05-31")).toEqual({ text: "2024-05-31" });
  });

  it("fills an HTMLTemplateFormatter's template with the cell and its row, escaped", () => {
    const template = formatter("HTMLTemplateFormatter", { template: '<a href="/cars/<%= id %>"><%= value %></a>' });
    expect(show(template, "<b>Civic</b>")).toEqual({ html: '<a href="/cars/7">&lt;b&gt;Civic&lt;/b&gt;</a>' });
  });

  it("shows values as text without a formatter or with one it does not know", () => {
    expect(show(undefined, 3)).toEqual({ text: "3" });
    expect(show(formatter("ScientificFormatter"), { a: 1 })).toEqual({ text: '{"a":1}' });
  });

  it("carries the formatter's font style, alignment and colour", () => {
    expect(cellFormatOf(formatter("NumberFormatter", { fontStyle: "bold", textAlign: "right", textColor: "red" })).style).toEqual({
      fontStyle: "bold",
      textAlign: "right",
      color: "red",
    });
  });
});

describe("dateFormatOf", () => {
  it("maps Bokeh's named formats to strftime and leaves others as they are", () => {
    expect(dateFormatOf("ATOM")).toBe("%Y-%m-%d");
    expect(dateFormatOf("RFC-850")).toBe("%A, %d-%b-%y");
    expect(dateFormatOf("%H:%M")).toBe("%H:%M");
    expect(dateFormatOf("TIMESTAMP")).toBeUndefined();
  });
});
