import { describe, expect, it } from "vitest";
import { MARKER_TYPES } from "../../../../../server/protocol/index.ts";
import { ColumnDataSource } from "../../../../../server/models/index.ts";
import { drawn } from "../../../../helpers/drawn.ts";

describe("line-like glyphs", () => {
  it("draws step modes as Plotly's line shapes", () => {
    const { traces } = drawn((p) => {
      p.step([1, 2, 3], [1, 3, 2], { mode: "after" });
      p.step([1, 2, 3], [1, 3, 2]);
      p.step({ x: [1, 2, 3], y: [1, 3, 2], mode: "center" });
    });
    expect(traces.map((t) => (t.line as { shape: string }).shape)).toEqual(["hv", "vh", "hvh"]);
  });

  it("draws segments as one trace of separate lines", () => {
    const { traces } = drawn((p) => p.segment({ x0: [0, 1], y0: [0, 0], x1: [0, 1], y1: [2, 3], lineDash: "dashed" }));
    expect(traces[0]).toMatchObject({
      type: "scatter",
      mode: "lines",
      x: [0, 0, null, 1, 1, null],
      y: [0, 2, null, 0, 3, null],
      line: { dash: "dash" },
    });
  });

  it("draws rays of a length at an angle (degrees too)", () => {
    const { traces } = drawn((p) => p.ray({ x: [1], y: [1], length: 2, angle: 90, angleUnits: "deg" }));
    const [x0, x1] = traces[0]!.x as number[];
    const [, y1] = traces[0]!.y as number[];
    expect([x0, Math.round(x1! * 1e9) / 1e9, y1]).toEqual([1, 1, 3]);
  });

  it("draws multi-lines as rows of arrays, null between rows", () => {
    const source = new ColumnDataSource({
      data: {
        xs: [
          [0, 1],
          [2, 3, 4],
        ],
        ys: [
          [5, 6],
          [7, 8, 9],
        ],
      },
    });
    const { traces } = drawn((p) => p.multiLine({ xs: "xs", ys: "ys", source, color: "#123456" }));
    expect(traces[0]).toMatchObject({ x: [0, 1, null, 2, 3, 4], y: [5, 6, null, 7, 8, 9], line: { color: "#123456" } });
  });

  it("places text by Bokeh's align and baseline", () => {
    const source = new ColumnDataSource({ data: { x: [1], y: [2], label: ["a"] } });
    const { traces } = drawn((p) =>
      p.text({ x: "x", y: "y", text: "label", source, textAlign: "center", textBaseline: "middle", textFontSize: "12pt" }),
    );
    expect(traces[0]).toMatchObject({ type: "scatter", mode: "text", text: ["a"], textposition: "middle center", textfont: { size: 16 } });
  });
});

describe("markers", () => {
  it.each(MARKER_TYPES.filter((name) => name !== "circle" && name !== "dot"))(
    "draws the %s marker with a shape of its own, not the fallback circle",
    (marker) => {
      const { traces } = drawn((p) => p.scatter([1], [2], { marker }));
      expect((traces[0]!.marker as { symbol: string }).symbol).not.toBe("circle");
    },
  );

  it("maps Bokeh's names to Plotly's shapes", () => {
    const { traces } = drawn((p) => {
      for (const marker of ["triangle", "inverted_triangle", "asterisk", "hex", "plus", "cross", "dash"] as const)
        p.scatter([1], [2], { marker });
    });
    expect(traces.map((t) => (t.marker as { symbol: string }).symbol)).toEqual([
      "triangle-up",
      "triangle-down",
      "asterisk-open",
      "hexagon",
      "cross",
      "cross-thin-open",
      "line-ew-open",
    ]);
  });

  it("draws circle() without a radius as circle markers of a size", () => {
    const { traces } = drawn((p) => p.circle([1], [2], { size: 12 }));
    expect(traces[0]).toMatchObject({ mode: "markers", marker: { size: 12, symbol: "circle" } });
  });

  it("takes sizes, colors and markers from columns", () => {
    const source = new ColumnDataSource({ data: { x: [1, 2], y: [3, 4], s: [5, 10], c: ["red", "blue"], m: ["star", "hex"] } });
    const { traces } = drawn((p) => p.scatter({ x: "x", y: "y", size: "s", fillColor: "c", marker: { field: "m" }, source }));
    expect(traces[0]!.marker).toMatchObject({ size: [5, 10], color: ["red", "blue"], symbol: ["star", "hexagon"] });
  });

  it("draws Bokeh's selection and nonselection looks of markers as Plotly's selected / unselected markers", () => {
    const { traces } = drawn((p) => {
      p.scatter([1, 2], [3, 4], { selectionColor: "orange", selectionAlpha: 0.5, nonselectionAlpha: 0.1 });
      p.scatter([1, 2], [3, 4]);
    });
    expect(traces[0]).toMatchObject({
      selected: { marker: { color: "orange", opacity: 0.5 } },
      unselected: { marker: { color: undefined, opacity: 0.1 } },
    });
    expect(traces[1]).toMatchObject({ selected: { marker: { color: undefined, opacity: undefined } } });
  });
});
