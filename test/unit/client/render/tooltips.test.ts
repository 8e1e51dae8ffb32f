import { describe, expect, it } from "vitest";
import { hoverSpec, hoverTexts } from "../../../../client/render/tooltips.ts";

describe("hoverSpec", () => {
  it("reads the columns the templates name, and the plotted columns behind $x and $y", () => {
    const spec = hoverSpec(
      [
        ["Name", "@name"],
        ["Height", "@height{0.0} m"],
        ["Where", "($x, $y)"],
      ],
      { x: "weight", y: "height" },
    );
    expect(spec.fields).toEqual(["name", "height", "weight"]);
  });

  it("carries each field once, however often it is named", () => {
    expect(
      hoverSpec(
        [
          ["a", "@n"],
          ["b", "@n @m"],
        ],
        {},
      ).fields,
    ).toEqual(["n", "m"]);
    expect(hoverSpec([["year", "@2016"]], {}).fields).toEqual(["2016"]);
  });
});

describe("hoverTexts", () => {
  const columns = {
    x: new Float64Array([10, 2.5]),
    price: [1234.5, 0.25],
    "unit price": [0.5, 1],
    day: [Date.UTC(2024, 0, 2), Date.UTC(2024, 5, 30)],
    who: ["<b>a</b>", "b"],
  };
  const texts = (rows: [string, string][], formatters = {}) =>
    hoverTexts(hoverSpec(rows, { x: "x" }), columns, 2, { plotted: { x: "x" }, name: "walk", formatters });

  it("prints @x{0.00} as 10.00 (Bokeh's numeral format, not a d3 one)", () => {
    expect(texts([["x", "@x{0.00}"]])).toEqual(["x: 10.00", "x: 2.50"]);
  });

  it("formats braced names, percentages, dates, the index and the glyph's name", () => {
    expect(
      texts([
        ["", "@{unit price}{0%} on @day{%F}"],
        ["row", "$index of $name at $x{0,0}"],
      ]),
    ).toEqual(["50% on 2024-01-02<br>row: 0 of walk at 10", "100% on 2024-06-30<br>row: 1 of walk at 3"]);
  });

  it("reads printf formats for placeholders whose formatter is printf", () => {
    expect(texts([["p", "@price{%.1f}"]], { "@price": "printf" })).toEqual(["p: 1234.5", "p: 0.3"]);
  });

  it("escapes values' HTML unless {safe}, and prints ??? for a missing column", () => {
    expect(texts([["w", "@who @who{safe} @nothing"]])).toEqual(["w: &lt;b&gt;a&lt;/b&gt; <b>a</b> ???", "w: b b ???"]);
  });

  it("builds the texts of the rows from a start row on", () => {
    expect(hoverTexts(hoverSpec([["", "@price"]], {}), columns, 2, { plotted: {}, name: "" }, 1)).toEqual(["0.250"]);
  });
});
