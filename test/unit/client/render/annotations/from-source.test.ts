import { describe, expect, it } from "vitest";
import { MAX_LABELS } from "../../../../../client/render/annotations/from-source.ts";
import { Band, ColumnDataSource, LabelSet, NormalHead, Whisker } from "../../../../../server/models/index.ts";
import { drawn } from "../../../../helpers/drawn.ts";

const annotationsOf = (layout: Record<string, unknown>) => (layout.annotations ?? []) as Record<string, unknown>[];

describe("LabelSet", () => {
  it("draws a text per row at the source's x and y, escaped, with pixel offsets", () => {
    const source = new ColumnDataSource({ data: { w: [1, 2], h: [3, 4], names: ["Ann", "<i>Bo</i>"] } });
    const { layout } = drawn((p) => p.addLayout(new LabelSet({ x: "w", y: "h", text: "names", xOffset: 5, yOffset: 5, source })));
    expect(annotationsOf(layout).map((a) => [a.x, a.y, a.text, a.xshift, a.yshift])).toEqual([
      [1, 3, "Ann", 5, 5],
      [2, 4, "&lt;i&gt;Bo&lt;/i&gt;", 5, 5],
    ]);
  });

  it(`draws at most ${MAX_LABELS} labels`, () => {
    const n = MAX_LABELS + 10;
    const source = new ColumnDataSource({ data: { x: new Float64Array(n), y: new Float64Array(n), t: Array.from({ length: n }, String) } });
    const { layout } = drawn((p) => p.addLayout(new LabelSet({ x: "x", y: "y", text: "t", source })));
    expect(annotationsOf(layout)).toHaveLength(MAX_LABELS);
  });
});

describe("Band", () => {
  it("fills the polygon from lower to upper along base", () => {
    const source = new ColumnDataSource({ data: { x: [0, 1, 2], lo: [1, 2, 3], hi: [4, 5, 6] } });
    const { traces } = drawn((p) =>
      p.addLayout(new Band({ base: "x", lower: "lo", upper: "hi", source, fillColor: "#00ff00", fillAlpha: 0.5 })),
    );
    expect(traces[0]).toMatchObject({
      type: "scatter",
      fill: "toself",
      x: [0, 1, 2, 2, 1, 0],
      y: [4, 5, 6, 3, 2, 1],
      fillcolor: "rgba(0,255,0,0.5)",
      showlegend: false,
    });
  });

  it("runs left to right for dimension width", () => {
    const source = new ColumnDataSource({ data: { y: [0, 1], lo: [1, 2], hi: [4, 5] } });
    const { traces } = drawn((p) => p.addLayout(new Band({ base: "y", lower: "lo", upper: "hi", dimension: "width", source })));
    expect(traces[0]).toMatchObject({ x: [4, 5, 2, 1], y: [0, 1, 1, 0] });
  });
});

describe("Whisker", () => {
  it("draws a stem per row and tee heads of Bokeh's pixel size at both ends", () => {
    const source = new ColumnDataSource({ data: { x: [1, 2], lo: [0, 1], hi: [2, 3] } });
    const { traces } = drawn((p) => p.addLayout(new Whisker({ base: "x", lower: "lo", upper: "hi", source })));
    expect(traces[0]).toMatchObject({ mode: "lines", x: [1, 1, null, 2, 2, null], y: [0, 2, null, 1, 3, null] });
    expect(
      traces.slice(1).map((t) => [t.y, (t.marker as { symbol: string; size: number }).symbol, (t.marker as { size: number }).size]),
    ).toEqual([
      [[2, 3], "line-ew", 10],
      [[0, 1], "line-ew", 10],
    ]);
  });

  it("points arrow heads outward at each end", () => {
    const source = new ColumnDataSource({ data: { x: [1], lo: [0], hi: [2] } });
    const whisker = new Whisker({ base: "x", lower: "lo", upper: "hi", source, upperHead: new NormalHead({ size: 8 }), lowerHead: null });
    const { traces } = drawn((p) => p.addLayout(whisker));
    expect(traces.slice(1).map((t) => (t.marker as { symbol: string }).symbol)).toEqual(["triangle-up"]);
  });
});
