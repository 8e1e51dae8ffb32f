import { describe, expect, it } from "vitest";
import { figure, hexbin } from "../../../../server/models/index.ts";

/** The centre of tile (q, r) as hexTile draws it (client/render/traces/polygons.ts), pointytop and flattop. */
const centre = (q: number, r: number, size: number, flat = false): [number, number] =>
  flat ? [size * 1.5 * q, -size * Math.sqrt(3) * (r + q / 2)] : [size * Math.sqrt(3) * (q + r / 2), -size * 1.5 * r];

describe("hexbin", () => {
  it("counts each point in the tile whose centre hexTile draws nearest to it", () => {
    const tiles: [number, number][] = [
      [0, 0],
      [1, 0],
      [0, 1],
      [-2, 3],
      [1, 0],
    ];
    const points = tiles.map(([q, r]) => centre(q, r, 0.5)).map(([x, y]) => [x + 0.05, y - 0.05]);
    const bins = hexbin(
      points.map((p) => p[0]!),
      points.map((p) => p[1]!),
      0.5,
    );
    expect([...bins.q]).toEqual([-2, 0, 0, 1]);
    expect([...bins.r]).toEqual([3, 0, 1, 0]);
    expect([...bins.counts]).toEqual([1, 1, 1, 2]);
  });

  it("bins flat-topped tiles too", () => {
    const [x, y] = centre(2, -1, 1, true);
    const bins = hexbin([x], [y], 1, { orientation: "flattop" });
    expect([bins.q[0], bins.r[0], bins.counts[0]]).toEqual([2, -1, 1]);
  });

  it("refuses a size that is not positive and columns of different lengths", () => {
    expect(() => hexbin([1], [1], 0)).toThrow(/size must be a positive number/);
    expect(() => hexbin([1, 2], [1], 1)).toThrow(/x has 2 values, y 1/);
  });

  it("draws the bins as hex tiles colored by count on a figure", () => {
    const plot = figure();
    const { renderer, bins } = plot.hexbin([0, 0.01, 5], [0, 0.01, 5], 1);
    expect(renderer.glyph).toBe("hexTile");
    expect([...bins.counts]).toEqual([2, 1]);
    expect(renderer.source!.data.c).toEqual(bins.counts);
  });
});
