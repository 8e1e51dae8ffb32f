import { describe, expect, it } from "vitest";
import { buildFigure, figureDeps, rangesFromRelayout, selectionFromPoints } from "../../../../client/render/figure-spec.ts";
import { mainAxes } from "../../../../client/render/ranges.ts";
import type { DocState } from "../../../../server/protocol/index.ts";

/** A range model for a figure's `[start, end]` (a Range1d), or null (a DataRange1d fitting the data). */
const rangeModel = (ends: unknown) =>
  Array.isArray(ends)
    ? { type: "Range1d", attrs: { start: ends[0], end: ends[1] } }
    : { type: "DataRange1d", attrs: { start: null, end: null } };

function makeState({ xRange = null, yRange = [0, 25], ...figureAttrs }: Record<string, unknown> = {}): DocState {
  return {
    roots: ["fig"],
    models: {
      fig: {
        type: "Figure",
        attrs: {
          title: "SST",
          xAxisType: "datetime",
          yAxisType: "linear",
          xAxisLabel: "",
          yAxisLabel: "Temperature",
          xRange: { ref: "xr" },
          yRange: { ref: "yr" },
          toolbar: { ref: "tb" },
          width: null,
          height: 300,
          showLegend: true,
          renderers: [{ ref: "raw" }, { ref: "dots" }, { ref: "bars" }],
          ...figureAttrs,
        },
      },
      raw: {
        type: "GlyphRenderer",
        attrs: { glyph: "line", source: { ref: "src" }, x: "time", y: "temp", color: "#aaa", alpha: 0.5, lineWidth: 1, legendLabel: "raw" },
      },
      dots: {
        type: "GlyphRenderer",
        attrs: { glyph: "scatter", source: { ref: "src" }, x: "time", y: "temp", size: 9, marker: "triangle" },
      },
      bars: { type: "GlyphRenderer", attrs: { glyph: "vbar", source: { ref: "src2" }, x: "k", y: "v", barWidth: 0.8 } },
      src: {
        type: "ColumnDataSource",
        attrs: { data: { time: new Float64Array([0, 3_600_000]), temp: new Float64Array([10, 11]) }, selected: [1] },
      },
      src2: { type: "ColumnDataSource", attrs: { data: { k: [1, 2], v: [3, 4] }, selected: [] } },
      tb: { type: "Toolbar", attrs: { tools: [{ ref: "hover" }], activeInspect: [{ ref: "hover" }] } },
      hover: { type: "HoverTool", attrs: { tooltips: null, formatters: {}, mode: "mouse", renderers: [] } },
      xr: rangeModel(xRange),
      yr: rangeModel(yRange),
    },
  };
}

describe("buildFigure", () => {
  it("turns glyph renderers into Plotly traces over their source's columns", () => {
    const state = makeState();
    const { traces, sources } = buildFigure(state, "fig", 1);
    const data = state.models.src!.attrs.data as Record<string, Float64Array>;
    expect(traces[0]).toMatchObject({
      type: "scatter",
      mode: "lines",
      name: "raw",
      showlegend: true,
      opacity: 0.5,
      line: { color: "#aaa", width: 1 },
    });
    expect(traces[0]!.x).toBe(data.time);
    expect(traces[0]!.selectedpoints).toEqual([1]);
    expect(traces[1]).toMatchObject({ type: "scatter", mode: "markers", showlegend: false, marker: { size: 9, symbol: "triangle-up" } });
    expect(traces[2]).toMatchObject({ type: "bar", x: new Float64Array([1, 2]), y: [3, 4], width: 0.8 });
    expect(traces[2]!.selectedpoints).toBeUndefined();
    expect(sources).toEqual(["src", "src", "src2"]);
  });

  it("maps axes, ranges and legend to the layout, and leaves the size to the figure's element", () => {
    const { layout } = buildFigure(makeState(), "fig", 7);
    expect(layout).toMatchObject({
      title: { text: "SST" },
      xaxis: { type: "linear", tickmode: "array", autorange: true, range: undefined },
      yaxis: { type: "linear", autorange: false, range: [0, 25], title: { text: "Temperature" } },
      showlegend: true,
      autosize: true,
      datarevision: 7,
    });
    expect([layout.width, layout.height]).toEqual([undefined, undefined]);
  });

  it("gives log axes their range in decades and hides the legend when asked", () => {
    const { layout } = buildFigure(makeState({ yAxisType: "log", yRange: [1, 1000], showLegend: false, width: 500 }), "fig", 1);
    expect(layout).toMatchObject({ yaxis: { type: "log", range: [0, 3] }, showlegend: false });
  });

  it("draws a datetime axis as a linear axis of ms: the typed column as it is, date ticks and date hover labels", () => {
    const state = makeState({ xRange: [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 8)] });
    const { traces, layout } = buildFigure(state, "fig", 1, { size: { width: 800 } });
    expect(traces[0]!.x).toBe((state.models.src!.attrs.data as Record<string, Float64Array>).time);
    const xaxis = layout.xaxis as { type: string; range: number[]; tickvals: number[]; ticktext: string[] };
    expect(xaxis.type).toBe("linear");
    expect(xaxis.range).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 8)]);
    expect(xaxis.tickvals).toContain(Date.UTC(2024, 0, 2));
    expect(xaxis.ticktext[xaxis.tickvals.indexOf(Date.UTC(2024, 0, 1))]).toBe("Jan 1<br>2024");
    expect(xaxis.ticktext[xaxis.tickvals.indexOf(Date.UTC(2024, 0, 2))]).toBe("Jan 2");
    expect(traces[0]!.hovertemplate).toBe("(%{hovertext}, %{y})");
    expect(traces[0]!.hovertext).toEqual(["Jan 1, 1970, 00:00", "Jan 1, 1970, 01:00"]);
  });

  it("skips renderers that are missing or of an unknown glyph", () => {
    const state = makeState({ renderers: [{ ref: "gone" }, { ref: "bars" }] });
    expect(buildFigure(state, "fig", 1).traces).toHaveLength(1);
  });
});

describe("figureDeps", () => {
  it("lists the figure's renderers and every model they refer to, once each", () => {
    expect(figureDeps(makeState(), "fig").sort()).toEqual(["bars", "dots", "hover", "raw", "src", "src2", "tb", "xr", "yr"]);
  });
});

describe("rangesFromRelayout", () => {
  const types = mainAxes({ x: "date", y: "linear" });

  it("reads a zoom given as range[0]/range[1]", () => {
    const ranges = rangesFromRelayout(
      { "xaxis.range[0]": "2024-05-01", "xaxis.range[1]": "2024-05-02", "yaxis.range[0]": 1, "yaxis.range[1]": 2 },
      types,
    );
    expect(ranges).toEqual({ xRange: [Date.UTC(2024, 4, 1), Date.UTC(2024, 4, 2)], yRange: [1, 2] });
  });

  it("reads a pan given as a whole range, and converts log axes back from decades", () => {
    expect(rangesFromRelayout({ "yaxis.range": [0, 2] }, mainAxes({ x: "linear", y: "log" }))).toEqual({ yRange: [1, 100] });
  });

  it("reads a reset as null (autorange) and ignores unrelated keys", () => {
    expect(rangesFromRelayout({ "xaxis.autorange": true, "yaxis.autorange": true }, types)).toEqual({ xRange: null, yRange: null });
    expect(rangesFromRelayout({ autosize: true, dragmode: "pan" }, types)).toEqual({});
  });
});

describe("selectionFromPoints", () => {
  it("groups selected indexes by source, sorted and unique, and clears the others", () => {
    const points = [
      { curveNumber: 1, pointIndex: 5 },
      { curveNumber: 0, pointIndex: 2 },
      { curveNumber: 0, pointNumber: 5 },
    ];
    const selection = selectionFromPoints(points, ["src", "src", "src2"]);
    expect(Object.fromEntries(selection)).toEqual({ src: [2, 5], src2: [] });
  });
});
