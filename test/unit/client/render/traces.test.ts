import { describe, expect, it } from "vitest";
import { buildFigure, tapFromClick } from "../../../../client/render/figure-spec.ts";
import { figureTraceTypes } from "../../../../client/render/traces/index.ts";
import type { DocState } from "../../../../server/protocol/index.ts";

function makeState(glyphs: Record<string, Record<string, unknown>>): DocState {
  return {
    roots: ["fig"],
    models: {
      fig: {
        type: "Figure",
        attrs: { title: "", renderers: Object.keys(glyphs).map((ref) => ({ ref })), legendLocation: "top_left", toolbar: { ref: "tb" } },
      },
      tb: { type: "Toolbar", attrs: { tools: [{ ref: "lasso" }], activeDrag: { ref: "lasso" }, activeInspect: [] } },
      lasso: { type: "LassoSelectTool", attrs: {} },
      src: {
        type: "ColumnDataSource",
        attrs: { data: { k: ["a", "b"], v: new Float64Array([3, 4]), w: new Float64Array([5, 6]), name: ["p", "q"] }, selected: [] },
      },
      ...Object.fromEntries(
        Object.entries(glyphs).map(([id, attrs]) => [id, { type: "GlyphRenderer", attrs: { source: { ref: "src" }, ...attrs } as never }]),
      ),
    },
  };
}

describe("traces of the newer glyphs", () => {
  it("draws hbar, area and image glyphs", () => {
    const { traces } = buildFigure(
      makeState({
        h: { glyph: "hbar", x: "v", y: "k" },
        a: { glyph: "area", x: "v", y: "w", lineDash: "dot" },
        i: { glyph: "image", x: "v", y: "w", z: "v", palette: ["#000", "#fff"] },
      }),
      "fig",
      1,
    );
    expect(traces[0]).toMatchObject({ type: "bar", orientation: "h", y: ["a", "b"] });
    expect(traces[1]).toMatchObject({ type: "scatter", fill: "tozeroy", line: { dash: "dot" } });
    expect(traces[2]).toMatchObject({
      type: "heatmap",
      colorscale: [
        [0, "#000"],
        [1, "#fff"],
      ],
    });
  });

  it("turns tooltips into one formatted hover text per point, carried in customdata", () => {
    const { traces } = buildFigure(
      makeState({
        s: {
          glyph: "scatter",
          x: "v",
          y: "w",
          tooltips: [
            ["Name", "@name"],
            ["v", "@v{0.00}"],
          ],
        },
      }),
      "fig",
      1,
    );
    expect(traces[0]!.hovertemplate).toBe("%{customdata}<extra></extra>");
    expect(traces[0]!.customdata).toEqual(["Name: p<br>v: 3.00", "Name: q<br>v: 4.00"]);
  });

  it("leaves color to the theme's palette when a glyph has none, and places the legend", () => {
    const { traces, layout } = buildFigure(makeState({ s: { glyph: "scatter", x: "v", y: "w" } }), "fig", 1);
    expect((traces[0]!.marker as { color?: string }).color).toBeUndefined();
    expect((layout.colorway as string[])[0]).toBe("#1f77b4");
    expect(layout).toMatchObject({ dragmode: "lasso", legend: { x: 0.01, xanchor: "left" } });
  });
});

describe("tapFromClick", () => {
  it("names the clicked trace's renderer and the point's row", () => {
    expect(tapFromClick([{ curveNumber: 1, pointIndex: 4 }], ["r1", "r2"])).toEqual({ renderer: "r2", index: 4 });
  });

  it("ignores heatmap cells and clicks off any trace", () => {
    expect(tapFromClick([{ curveNumber: 0, pointIndex: [1, 2] }], ["r1"])).toBeUndefined();
    expect(tapFromClick([{ curveNumber: 3, pointIndex: 0 }], ["r1"])).toBeUndefined();
    expect(tapFromClick([], ["r1"])).toBeUndefined();
  });
});

describe("figureTraceTypes", () => {
  const GLYPHS: Record<string, Record<string, unknown>> = {
    l: { glyph: "line", x: "v", y: "w" },
    v: { glyph: "vbar", x: "k", top: "v" },
    h: { glyph: "hbar", y: "k", right: "v" },
    q: { glyph: "quad", left: "v", right: "w", top: "w", bottom: "v" },
    i: { glyph: "image", x: "v", y: "w", z: "v", palette: ["#000", "#fff"] },
    r: { glyph: "imageRgba", image: "v", x: 0, y: 0, dw: 1, dh: 1 },
    p: { glyph: "patch", x: "v", y: "w" },
  };

  it("names, before drawing, every trace type each glyph draws", () => {
    for (const [id, glyph] of Object.entries(GLYPHS)) {
      const state = makeState({ [id]: glyph });
      const drawn = buildFigure(state, "fig", 1).traces.map((trace) => trace.type);
      expect(drawn.length, String(glyph.glyph)).toBeGreaterThan(0);
      expect([...figureTraceTypes(state, "fig")], String(glyph.glyph)).toEqual(expect.arrayContaining(drawn));
    }
  });

  it("names only the types the figure's glyphs draw, and scattergl for a WebGL figure", () => {
    expect([...figureTraceTypes(makeState({ l: GLYPHS.l! }), "fig")]).toEqual(["scatter"]);
    expect([...figureTraceTypes(makeState(GLYPHS), "fig")].sort()).toEqual(["bar", "heatmap", "image", "scatter"]);
    const webgl = makeState({ l: GLYPHS.l! });
    webgl.models.fig!.attrs.outputBackend = "webgl";
    expect([...figureTraceTypes(webgl, "fig")].sort()).toEqual(["scatter", "scattergl"]);
  });
});
