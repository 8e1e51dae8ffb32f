import { describe, expect, it } from "vitest";
import type { DocState } from "../../../../server/protocol/index.ts";
import { rangesFromRelayout } from "../../../../client/render/figure-spec.ts";
import { drawnAxes, rangeWrites, shownRanges, withinInterval } from "../../../../client/render/ranges.ts";

function twinState(range: Record<string, unknown> = {}): DocState {
  return {
    roots: ["fig"],
    models: {
      fig: { type: "Figure", attrs: { xRange: { ref: "xr" }, yRange: { ref: "yr" }, extraYRanges: { temp: { ref: "tr" } } } },
      xr: { type: "DataRange1d", attrs: { start: null, end: null } },
      yr: { type: "Range1d", attrs: { start: 0, end: 10, ...range } },
      tr: { type: "Range1d", attrs: { start: 0, end: 2500 } },
    },
  };
}

const linear = { x: "linear", y: "linear" } as const;

describe("drawnAxes", () => {
  it("lists the main axes and each twin axis under the name of its extra range", () => {
    expect(drawnAxes(twinState(), "fig", linear)).toEqual([
      { key: "xaxis", name: "xRange", type: "linear" },
      { key: "yaxis", name: "yRange", type: "linear" },
      { key: "yaxis2", name: "extraYRanges.temp", type: "linear" },
    ]);
  });
});

describe("rangeWrites", () => {
  it("writes a pan of a twin axis to its extra range's model", () => {
    const state = twinState();
    const ranges = rangesFromRelayout({ "yaxis.range": [1, 11], "yaxis2.range": [100, 2600] }, drawnAxes(state, "fig", linear));
    expect(rangeWrites(state, "fig", ranges)).toEqual([
      { range: "yr", attrs: { start: 1, end: 11 }, limited: false },
      { range: "tr", attrs: { start: 100, end: 2600 }, limited: false },
    ]);
  });

  it("keeps a zoom within the range's minInterval and maxInterval, and says it did", () => {
    const state = twinState({ minInterval: 2, maxInterval: 20 });
    expect(rangeWrites(state, "fig", { yRange: [4, 5] })).toEqual([{ range: "yr", attrs: { start: 3.5, end: 5.5 }, limited: true }]);
    expect(rangeWrites(state, "fig", { yRange: [-50, 50] })).toEqual([{ range: "yr", attrs: { start: -10, end: 10 }, limited: true }]);
    expect(rangeWrites(state, "fig", { yRange: [0, 12] })[0]!.limited).toBe(false);
  });

  it("writes no FactorRange: its window is Plotly's alone", () => {
    const state = twinState();
    state.models.yr = { type: "FactorRange", attrs: { factors: ["a", "b"] } };
    expect(rangeWrites(state, "fig", { yRange: [0, 1] })).toEqual([]);
  });
});

describe("withinInterval", () => {
  it("keeps a flipped window flipped", () => {
    expect(withinInterval({ minInterval: 4 }, [6, 5])).toEqual([7.5, 3.5]);
  });

  it("leaves a window without limits as it is", () => {
    expect(withinInterval({ minInterval: null, maxInterval: null }, [0, 1e-9])).toEqual([0, 1e-9]);
  });
});

describe("shownRanges", () => {
  it("names every range's ends, twin ranges included, and null for a range fitting its data", () => {
    expect(shownRanges(twinState(), "fig")).toEqual({ xRange: null, yRange: [0, 10], "extraYRanges.temp": [0, 2500] });
  });
});
