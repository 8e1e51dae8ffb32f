import { describe, expect, it } from "vitest";
import { appendRows } from "../../../../server/protocol/index.ts";

describe("appendRows (the x-stream rule of server and page)", () => {
  it("keeps the last rollover rows, and none for rollover 0", () => {
    expect(appendRows([1, 2], [3], 2)).toEqual([2, 3]);
    expect(appendRows(new Float64Array([1, 2]), new Float64Array([3]), 0)).toEqual(new Float64Array([]));
  });

  it("makes an empty plain column typed when typed rows arrive", () => {
    const out = appendRows([], new Int32Array([4, 5]));
    expect(out).toBeInstanceOf(Int32Array);
    expect(Array.from(out)).toEqual([4, 5]);
  });

  it("widens an integer column to float64 when float rows arrive", () => {
    const out = appendRows(new Int32Array([1]), new Float64Array([1.5]));
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual([1, 1.5]);
  });

  it("keeps a float32 column float32 for float64 rows", () => {
    expect(appendRows(new Float32Array([1]), new Float64Array([2]))).toBeInstanceOf(Float32Array);
  });
});
