import { describe, expect, it } from "vitest";
import { escapeColumn } from "../../../../client/render/escape.ts";
import { escapeHtml } from "../../../../server/protocol/format.ts";
import { ColumnDataSource } from "../../../../server/models/index.ts";
import { drawn } from "../../../helpers/drawn.ts";

const LINK = '<a href="https://evil.example">click</a>';
const SHOWN = "&lt;a href=&#34;https://evil.example&#34;&gt;click&lt;/a&gt;";

describe("escaping text from data for Plotly", () => {
  it("escapes Plotly's markup characters and entities, quotes as numeric entities Plotly decodes", () => {
    expect(escapeHtml("a < b & c > d")).toBe("a &lt; b &amp; c &gt; d");
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
    expect(escapeHtml('"')).toBe("&#34;");
  });

  it("returns numeric and harmless columns as they are, without copying", () => {
    const numbers = new Float64Array([1, 2]);
    const words = ["a", "b"];
    expect(escapeColumn(numbers)).toBe(numbers);
    expect(escapeColumn(words)).toBe(words);
  });

  it("escapes categories, legend names, titles, text glyphs and tooltip values", () => {
    const source = new ColumnDataSource({ data: { name: [LINK], count: [1], x: [1], y: [1] } });
    const { traces, layout } = drawn((p) => {
      p.title = LINK;
      p.xAxisLabel = LINK;
      p.vbar("name", "count", { source, legendLabel: LINK, tooltips: [["Who", "@name"]] });
      p.text({ x: "x", y: "y", text: "name", source });
    });
    expect(traces[0]!.x).toEqual([SHOWN]);
    expect(traces[0]!.name).toBe(SHOWN);
    expect(traces[1]!.text).toEqual([SHOWN]);
    expect((layout.title as { text: string }).text).toBe(SHOWN);
    expect((layout.xaxis as { title: { text: string } }).title.text).toBe(SHOWN);
  });

  it("escapes values a tooltip carries in customdata", () => {
    const source = new ColumnDataSource({ data: { x: [1], y: [1], who: [LINK] } });
    const { traces } = drawn((p) => p.scatter("x", "y", { source, tooltips: [["Who", "@who"]] }));
    expect(traces[0]!.customdata).toEqual([`Who: ${SHOWN}`]);
  });
});
