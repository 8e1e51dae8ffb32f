import { describe, expect, it } from "vitest";
import { rowOrder, toggled, visibleWindow } from "../../../../../client/render/widgets/table-rows.ts";

describe("rowOrder", () => {
  it("keeps stored order without a sort, and sorts stably by a column otherwise", () => {
    expect(rowOrder(3, undefined, false)).toEqual([0, 1, 2]);
    expect(rowOrder(4, new Float64Array([3, 1, 3, 2]), false)).toEqual([1, 3, 0, 2]);
    expect(rowOrder(4, new Float64Array([3, 1, 3, 2]), true)).toEqual([0, 2, 3, 1]);
    expect(rowOrder(3, ["b", 2, "a"], false)).toEqual([1, 2, 0]);
  });
});

describe("visibleWindow", () => {
  it("draws the rows in view plus the overscan on each side", () => {
    expect(visibleWindow({ scrollTop: 0, height: 250, rowHeight: 25, length: 100_000, overscan: 5 })).toEqual({ start: 0, end: 16 });
    expect(visibleWindow({ scrollTop: 2500, height: 250, rowHeight: 25, length: 100_000, overscan: 5 })).toEqual({ start: 95, end: 116 });
  });

  it("keeps a full window at the end of the table and never passes its rows", () => {
    expect(visibleWindow({ scrollTop: 2_500_000, height: 250, rowHeight: 25, length: 100_000, overscan: 5 })).toEqual({
      start: 99_984,
      end: 100_000,
    });
    expect(visibleWindow({ scrollTop: 0, height: 250, rowHeight: 25, length: 3 })).toEqual({ start: 0, end: 3 });
  });
});

describe("toggled", () => {
  it("adds a row that was not selected and removes one that was", () => {
    expect(toggled([1, 5], 3)).toEqual([1, 3, 5]);
    expect(toggled([1, 3, 5], 3)).toEqual([1, 5]);
  });
});
