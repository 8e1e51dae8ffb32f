import { describe, expect, it } from "vitest";
import { buildFigure } from "../../../../client/render/figure-spec.ts";
import type { DocState } from "../../../../server/protocol/index.ts";

function stateWith(outputBackend: string | undefined): DocState {
  const glyph = (id: string, attrs: Record<string, unknown>) => ({
    type: "GlyphRenderer",
    attrs: { source: { ref: "src" }, x: "x", y: "y", ...attrs } as never,
  });
  return {
    roots: ["fig"],
    models: {
      fig: {
        type: "Figure",
        attrs: { renderers: ["l", "s", "a", "b"].map((ref) => ({ ref })), ...(outputBackend ? { outputBackend } : {}) },
      },
      src: { type: "ColumnDataSource", attrs: { data: { x: new Float64Array([1, 2]), y: new Float64Array([3, 4]) } } },
      l: glyph("l", { glyph: "line" }),
      s: glyph("s", { glyph: "scatter" }),
      a: glyph("a", { glyph: "area" }),
      b: glyph("b", { glyph: "vbar" }),
    },
  };
}

describe("outputBackend", () => {
  it('draws lines and markers as WebGL scatters when the figure asks for "webgl"', () => {
    expect(buildFigure(stateWith("webgl"), "fig", 1).traces.map((trace) => trace.type)).toEqual([
      "scattergl",
      "scattergl",
      "scatter",
      "bar",
    ]);
  });

  it("draws SVG traces by default and for canvas or svg", () => {
    for (const backend of [undefined, "canvas", "svg"])
      expect(buildFigure(stateWith(backend), "fig", 1).traces.map((trace) => trace.type)).toEqual(["scatter", "scatter", "scatter", "bar"]);
  });
});
