import { describe, expect, it } from "vitest";
import { niceTicks } from "../../../../client/render/axis-ticks.ts";
import {
  DatetimeTickFormatter,
  LinearAxis,
  NumeralTickFormatter,
  PrintfTickFormatter,
  Range1d,
  figure,
} from "../../../../server/models/index.ts";
import { drawn } from "../../../helpers/drawn.ts";

type Axis = Record<string, unknown>;

describe("axis models", () => {
  it("draws a twin axis overlaying y on the right, on its extra range, with the glyphs that name it", () => {
    const { layout, traces } = drawn((p) => {
      p.extraYRanges = { foo: new Range1d({ start: 0, end: 100 }) };
      p.line([1, 2], [1, 2]);
      p.line([1, 2], [10, 90], { yRangeName: "foo" });
      p.addLayout(new LinearAxis({ yRangeName: "foo", axisLabel: "foo" }), "right");
    });
    expect(layout.yaxis2).toMatchObject({
      overlaying: "y",
      anchor: "x",
      side: "right",
      range: [0, 100],
      autorange: false,
      visible: true,
      title: { text: "foo" },
    });
    expect(traces.map((t) => t.yaxis)).toEqual([undefined, "y2"]);
  });

  it("labels ticks with a NumeralTickFormatter across the axis' range", () => {
    const { layout } = drawn((p) => {
      p.yRange = new Range1d({ start: 0, end: 3000 });
      p.line([1, 2], [0, 3000]);
      p.yaxis.formatter = new NumeralTickFormatter({ format: "$0,0" });
    });
    expect(layout.yaxis).toMatchObject({
      tickmode: "array",
      tickvals: [0, 1000, 2000, 3000],
      ticktext: ["$0", "$1,000", "$2,000", "$3,000"],
    });
  });

  it("labels ticks with a PrintfTickFormatter over the data when the range fits the data", () => {
    const { layout } = drawn((p) => {
      p.line([0, 10], [0, 1]);
      p.xaxis.formatter = new PrintfTickFormatter({ format: "%.1f s" });
    });
    const ticktext = (layout.xaxis as Axis).ticktext as string[];
    expect(ticktext).toContain("0.0 s");
    expect(ticktext).toContain("10.0 s");
  });

  it("labels date ticks with the DatetimeTickFormatter format of their spacing", () => {
    const day = 86_400_000;
    const { layout } = drawn((p) => {
      p.xAxisType = "datetime";
      p.line([0, 5 * day], [0, 1]);
      p.xaxis.formatter = new DatetimeTickFormatter({ days: "%b %d" });
    });
    expect((layout.xaxis as Axis).ticktext).toContain("Jan 03");
  });

  it("uses fixed ticks and overrides their labels", () => {
    const { layout } = drawn((p) => {
      p.line([1, 3], [0, 1]);
      p.xaxis.ticker = [1, 2, 3];
      p.xaxis.majorLabelOverrides = { 2: "two" };
    });
    expect(layout.xaxis).toMatchObject({ tickvals: [1, 2, 3], ticktext: ["1", "two", "3"] });
  });

  it("turns Bokeh's label orientations into Plotly tick angles", () => {
    const angle = (orientation: "vertical" | "parallel" | number, dim: "x" | "y") =>
      (drawn((p) => void (p[dim === "x" ? "xaxis" : "yaxis"].majorLabelOrientation = orientation)).layout[`${dim}axis`] as Axis).tickangle;
    expect(angle(Math.PI / 4, "x")).toBeCloseTo(-45);
    expect(angle("vertical", "x")).toBe(-90);
    expect(angle("parallel", "y")).toBe(-90);
  });

  it("puts the main axes where figure()'s xAxisLocation / yAxisLocation say, and hides one located at null", () => {
    const { layout, plot } = drawn(() => undefined, { xAxisLocation: null, yAxisLocation: "right", yAxisType: "log" });
    expect(layout.xaxis).toMatchObject({ visible: false });
    expect(layout.yaxis).toMatchObject({ visible: true, side: "right", type: "log" });
    expect(plot.right).toHaveLength(1);
    expect(plot.yaxis).toHaveLength(1);
    expect(() => figure({ xAxisLocation: "left" as "below" })).toThrow(/xAxisLocation must be below, above or null/);
  });

  it("hides an axis, its line and its ticks, and styles its grid", () => {
    const { layout } = drawn((p) => {
      p.xaxis.visible = false;
      p.yaxis.axisLineColor = null;
      p.yaxis.majorTickLineColor = null;
      p.xgrid.visible = false;
      p.ygrid.gridLineColor = "#ff0000";
      p.ygrid.gridLineAlpha = 0.5;
      p.ygrid.gridLineDash = "dashed";
    });
    expect(layout.xaxis).toMatchObject({ visible: false, showgrid: false });
    expect(layout.yaxis).toMatchObject({ showline: false, ticks: "", showgrid: true, gridcolor: "rgba(255,0,0,0.5)", griddash: "dash" });
  });

  it("makes the main axis on first use of plot.xaxis, once, and sets an attribute on every axis of the list", () => {
    const plot = figure({ xAxisType: "log" });
    plot.xaxis.axisLabel = "a";
    plot.addLayout(new LinearAxis({ xRangeName: "other" }), "above");
    plot.xaxis.axisLabel = "b";
    expect(plot.below.map((m) => m.type)).toEqual(["LogAxis"]);
    expect(plot.xaxis.map((axis) => axis.axisLabel)).toEqual(["b", "b"]);
  });
});

describe("niceTicks", () => {
  it("steps by 1, 2 or 5 times a power of ten", () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-3, 17, 4)).toEqual([0, 5, 10, 15]);
  });
});
