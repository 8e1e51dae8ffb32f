import { describe, expect, it } from "vitest";
import type { DocState, ModelState } from "../../../../server/protocol/index.ts";
import { factorCoordinates, factorMarks, factorScale } from "../../../../client/render/factors.ts";

const range = (factors: unknown[], attrs: Record<string, unknown> = {}) =>
  ({ type: "FactorRange", attrs: { factors, ...attrs } }) as ModelState;

describe("factorScale", () => {
  it("puts flat factors one unit apart in the range's order, with factorPadding between them", () => {
    const scale = factorScale(range(["b", "a", "c"], { factorPadding: 0.5 }))!;
    expect(scale.ticks).toEqual([
      { position: 0.5, label: "b" },
      { position: 2, label: "a" },
      { position: 3.5, label: "c" },
    ]);
    expect(scale.end).toBe(4);
  });

  it("gathers a group's factors together in the order groups first appear, with groupPadding between groups", () => {
    const scale = factorScale(
      range([
        ["x", "1"],
        ["y", "1"],
        ["x", "2"],
      ]),
    )!;
    expect(scale.ticks.map((tick) => tick.position)).toEqual([0.5, 1.5, 3.9]);
    expect(scale.upper).toEqual([
      [
        { text: "x", from: 0.5, to: 1.5 },
        { text: "y", from: 3.9, to: 3.9 },
      ],
    ]);
  });

  it("labels subgroups nearest the axis and groups below them for three levels", () => {
    const scale = factorScale(
      range([
        ["2016", "Q1", "jan"],
        ["2016", "Q2", "apr"],
        ["2017", "Q1", "jan"],
      ]),
    )!;
    expect(scale.ticks.map((tick) => Number(tick.position.toFixed(9)))).toEqual([0.5, 2.3, 4.7]);
    expect(scale.upper.map((row) => row.map((label) => label.text))).toEqual([
      ["Q1", "Q2", "Q1"],
      ["2016", "2017"],
    ]);
  });

  it("has no scale for no factors or factors of mixed depths", () => {
    expect(factorScale(range([]))).toBeUndefined();
    expect(factorScale(range(["a", ["b", "c"]]))).toBeUndefined();
  });
});

describe("factorCoordinates", () => {
  it("places nested values, escaped flat values and leaves values of no factor undrawn", () => {
    const nested = factorScale(
      range([
        ["a", "1"],
        ["a", "2"],
      ]),
    )!;
    expect(factorCoordinates(nested, [["a", "2"], ["b", "1"], "a"])).toEqual([1.5, NaN, NaN]);
    const flat = factorScale(range(["<b>", "ok"]))!;
    expect(factorCoordinates(flat, ["&lt;b&gt;", "ok"])).toEqual([0.5, 1.5]);
  });
});

describe("factorMarks", () => {
  it("draws the group labels bold under an x axis and a separator between groups", () => {
    const state: DocState = {
      roots: ["fig"],
      models: {
        fig: { type: "Figure", attrs: { xRange: { ref: "xr" } } },
        xr: range([
          ["<i>", "1"],
          ["b", "1"],
        ]),
      },
    };
    const marks = factorMarks(state, "fig");
    expect(marks.annotations.map((a) => [a.text, a.x, a.xref, a.yref])).toEqual([
      ["<b>&lt;i&gt;</b>", 0.5, "x", "paper"],
      ["<b>b</b>", 2.9, "x", "paper"],
    ]);
    expect(marks.shapes).toHaveLength(1);
    expect(marks.shapes[0]).toMatchObject({ type: "line", x0: 1.7, x1: 1.7, ysizemode: "pixel" });
  });
});
