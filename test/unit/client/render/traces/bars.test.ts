import { describe, expect, it } from "vitest";
import { ColumnDataSource, stack } from "../../../../../server/models/index.ts";
import { drawn } from "../../../../helpers/drawn.ts";

describe("bars", () => {
  it("draws vbar from bottom to top, Bokeh's keywords", () => {
    const source = new ColumnDataSource({ data: { fruit: ["apple", "pear"], low: [1, 2], high: [4, 6] } });
    const { traces } = drawn((p) => p.vbar({ x: "fruit", top: "high", bottom: "low", width: 0.5, source }));
    expect(traces[0]).toMatchObject({ type: "bar", x: ["apple", "pear"], y: [3, 4], base: [1, 2], width: 0.5 });
  });

  it("draws hbar from left to right", () => {
    const { traces } = drawn((p) => p.hbar({ y: ["a", "b"], right: [5, 6], left: 1, height: 0.4 }));
    expect(traces[0]).toMatchObject({ type: "bar", orientation: "h", y: ["a", "b"], x: [4, 5], base: [1, 1], width: 0.4 });
  });

  it("draws quads as bars of their own widths (histograms)", () => {
    const { traces } = drawn((p) => p.quad({ left: [0, 1], right: [1, 3], bottom: 0, top: [5, 7] }));
    expect(traces[0]).toMatchObject({ type: "bar", x: [0.5, 2], width: [1, 2], y: [5, 7], base: [0, 0] });
  });

  it("stacks bars layer on layer, one renderer per stacker with its color and legend", () => {
    const source = new ColumnDataSource({ data: { fruit: ["a", "b"], y2015: [1, 2], y2016: [3, 4] } });
    const { traces, plot } = drawn((p) =>
      p.vbarStack(["y2015", "y2016"], { x: "fruit", width: 0.9, color: ["#111111", "#222222"], legendLabel: ["2015", "2016"], source }),
    );
    expect(plot.renderers.map((r) => r.name)).toEqual(["y2015", "y2016"]);
    expect(traces[1]).toMatchObject({ y: [3, 4], base: Float64Array.from([1, 2]), marker: { color: "#222222" }, name: "2016" });
    expect(stack("a", "b")).toEqual({ expr: "stack", fields: ["a", "b"] });
  });

  it("stacks horizontal bars from the left", () => {
    const source = new ColumnDataSource({ data: { k: ["a"], p: [1], q: [2] } });
    const { traces } = drawn((p) => p.hbarStack(["p", "q"], { y: "k", source }));
    expect(traces[1]).toMatchObject({ orientation: "h", x: [2], base: Float64Array.from([1]) });
  });
});
