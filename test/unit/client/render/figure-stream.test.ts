import { describe, expect, it } from "vitest";
import { drawnMatchesState, extensionsFor, forPlotly, likeDrawn } from "../../../../client/render/figure-stream.ts";
import type { StreamBatch } from "../../../../client/patch/changes.ts";
import type { DocState } from "../../../../server/protocol/index.ts";

function makeState(glyph = "line", tooltips: unknown = null): DocState {
  return {
    roots: ["fig"],
    models: {
      fig: { type: "Figure", attrs: { renderers: [{ ref: "a" }, { ref: "b" }] } },
      a: { type: "GlyphRenderer", attrs: { glyph, source: { ref: "src" }, x: "t", y: "v", tooltips: tooltips as never } },
      b: { type: "GlyphRenderer", attrs: { glyph: "scatter", source: { ref: "still" }, x: "t", y: "v" } },
      src: {
        type: "ColumnDataSource",
        attrs: { data: { t: new Float64Array([1, 2, 3]), v: new Float64Array([4, 5, 6]), name: ["p", "q", "r"] }, selected: [] },
      },
      still: { type: "ColumnDataSource", attrs: { data: { t: [1], v: [1] }, selected: [] } },
    },
  };
}

const batch = (t: number[], rollover?: number, name?: string[]): StreamBatch => ({
  rows: { t: new Float64Array(t), v: new Float64Array(t.map((x) => x * 10)), ...(name ? { name } : {}) },
  ...(rollover === undefined ? {} : { rollover }),
});

describe("extensionsFor", () => {
  it("appends the joined batches to the traces of the streamed source only, rollover as maxPoints", () => {
    const extensions = extensionsFor(makeState(), ["a", "b"], new Map([["src", [batch([7], 5), batch([8, 9], 5)]]]));
    expect(extensions).toHaveLength(1);
    const { update, indices, maxPoints } = extensions![0]!;
    expect(indices).toEqual([0]);
    expect(maxPoints).toBe(5);
    expect(update.x![0]).toEqual(new Float64Array([7, 8, 9]));
    expect(update.y![0]).toEqual(new Float64Array([70, 80, 90]));
  });

  it("appends the streamed points' formatted hover text to customdata, indexed from the source's earlier rows", () => {
    const extensions = extensionsFor(
      makeState("scatter", [
        ["who", "@name #$index"],
        ["t", "@t{0.0}"],
      ]),
      ["a"],
      new Map([["src", [batch([7, 8], undefined, ["s", "u"])]]]),
    );
    expect(extensions![0]!.update.customdata).toEqual([["who: s #1<br>t: 7.0", "who: u #2<br>t: 8.0"]]);
    expect(extensions![0]!.maxPoints).toBeUndefined();
  });

  it.each([
    ["an image", makeState("image"), new Map([["src", [batch([7])]]])],
    ["batches with different rollovers", makeState(), new Map([["src", [batch([7], 5), batch([8], 6)]]])],
    ["a batch without a plotted column", makeState(), new Map([["src", [{ rows: { t: new Float64Array([7]) } }]]])],
    ["a tooltip column missing from the batch", makeState("line", [["who", "@name"]]), new Map([["src", [batch([7])]]])],
  ])("asks for a full redraw for %s", (_name, state, batches) => {
    expect(extensionsFor(state, ["a", "b"], batches as Map<string, StreamBatch[]>)).toBeUndefined();
  });
});

describe("likeDrawn", () => {
  it("gives new rows the kind of the drawn array", () => {
    expect(likeDrawn([1, 2], new Float32Array(1))).toEqual(new Float32Array([1, 2]));
    expect(likeDrawn(new Float64Array([1]), [0])).toEqual([1]);
    const same = new Float64Array([1]);
    expect(likeDrawn(same, new Float64Array(0))).toBe(same);
  });
});

describe("forPlotly", () => {
  it("limits only traces that would pass maxPoints (Plotly cannot trim a shorter typed array)", () => {
    const extension = { update: { x: [new Float64Array([7, 8]), new Float64Array([9])] }, indices: [0, 2], maxPoints: 4 };
    const drawn = [{ x: new Float64Array([1, 2, 3]) }, {}, { x: [1, 2] }];
    const ready = forPlotly(extension, drawn);
    expect(ready.maxPoints).toEqual({ x: [4, -1] });
    expect(ready.update.x![0]).toBeInstanceOf(Float64Array);
    expect(ready.update.x![1]).toEqual([9]);
    expect(ready.indices).toEqual([0, 2]);
  });

  it("sets no limit without a rollover", () => {
    const ready = forPlotly({ update: { x: [[1]] }, indices: [0] }, [{ x: Array.from({ length: 10 }) }]);
    expect(ready.maxPoints).toEqual({ x: [-1] });
  });
});

describe("drawnMatchesState", () => {
  it("compares each trace's points with its source's rows", () => {
    const state = makeState();
    expect(drawnMatchesState(state, ["a", "b"], [{ x: [1, 2, 3] }, { x: [1] }])).toBe(true);
    expect(drawnMatchesState(state, ["a", "b"], [{ x: [1, 2] }, { x: [1] }])).toBe(false);
  });
});
