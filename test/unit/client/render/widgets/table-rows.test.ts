import { describe, expect, it } from "vitest";
import { formatCell, rowOrder, toggled } from "../../../../../client/render/widgets/table-rows.ts";

describe("rowOrder", () => {
  it("keeps stored order without a sort, and sorts stably by a column otherwise", () => {
    expect(rowOrder(3, undefined, false)).toEqual([0, 1, 2]);
    expect(rowOrder(4, new Float64Array([3, 1, 3, 2]), false)).toEqual([1, 3, 0, 2]);
    expect(rowOrder(4, new Float64Array([3, 1, 3, 2]), true)).toEqual([0, 2, 3, 1]);
    expect(rowOrder(3, ["b", 2, "a"], false)).toEqual([1, 2, 0]);
  });
});

describe("formatCell", () => {
  it.each([
    [40.1, "auto", 2, "40.1"],
    [37, "auto", 2, "37"],
    [1 / 3, "auto", 2, "0.33"],
    [2, "number", 1, "2.0"],
    [Date.UTC(2024, 4, 1, 6, 30), "datetime", 0, "2024-05-01 06:30"],
    [null, "auto", 2, ""],
    ["<b>x</b>", "text", 2, "<b>x</b>"],
    [{ a: 1 }, "auto", 2, '{"a":1}'],
  ])("shows %s (%s) as %s", (value, formatter, decimals, text) => {
    expect(formatCell(value, formatter, decimals)).toBe(text);
  });
});

describe("toggled", () => {
  it("adds a row that was not selected and removes one that was", () => {
    expect(toggled([1, 5], 3)).toEqual([1, 3, 5]);
    expect(toggled([1, 3, 5], 3)).toEqual([1, 5]);
  });
});
