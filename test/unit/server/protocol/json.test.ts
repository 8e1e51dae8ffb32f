import { describe, expect, it } from "vitest";
import { valuesEqual } from "../../../../server/protocol/json.ts";

describe("valuesEqual", () => {
  it("finds two typed arrays of the same dtype equal when their bytes are, whatever their buffers", () => {
    const a = Float64Array.from({ length: 1_000 }, (_, i) => Math.sin(i));
    expect(valuesEqual(a, Float64Array.from(a))).toBe(true);
    const b = Float64Array.from(a);
    b[999] = 0;
    expect(valuesEqual(a, b)).toBe(false);
  });

  it("compares views at any offset, aligned or not, by their own bytes", () => {
    const bytes = Uint8Array.from({ length: 64 }, (_, i) => i % 8);
    expect(valuesEqual(bytes.subarray(1, 9), bytes.subarray(9, 17))).toBe(true);
    expect(valuesEqual(bytes.subarray(1, 9), bytes.subarray(2, 10))).toBe(false);
    expect(valuesEqual(new Int16Array(bytes.buffer, 2, 3), new Int16Array(bytes.buffer, 18, 3))).toBe(true);
    expect(valuesEqual(new Int16Array(bytes.buffer, 2, 3), new Int16Array(bytes.buffer, 4, 3))).toBe(false);
  });

  it("tells typed arrays of other dtypes or lengths apart, and keeps -0 and 0 apart as their bytes do", () => {
    expect(valuesEqual(new Float64Array([1, 2]), new Float32Array([1, 2]))).toBe(false);
    expect(valuesEqual(new Float64Array([1, 2]), new Float64Array([1, 2, 3]))).toBe(false);
    expect(valuesEqual(new Float64Array([0]), new Float64Array([-0]))).toBe(false);
    expect(valuesEqual(new Float64Array([Number.NaN]), new Float64Array([Number.NaN]))).toBe(true);
  });
});
