import { describe, expect, it } from "vitest";
import { Category10, Category20, Spectral11, Viridis256, palette, viridis } from "../../../../server/models/index.ts";

describe("Bokeh's palettes", () => {
  it("has the matplotlib scales in 256 steps and in any size", () => {
    expect(Viridis256).toHaveLength(256);
    expect([Viridis256[0], Viridis256[255]]).toEqual(["#440154", "#fde725"]);
    expect(viridis(3)).toHaveLength(3);
    expect(palette("Inferno", 5)).toHaveLength(5);
  });

  it("has d3's categorical and ColorBrewer's palettes, dark to light as Bokeh's", () => {
    expect(palette("Category10_10")).toEqual([...Category10]);
    expect(Category20).toHaveLength(20);
    expect(Spectral11[0]).toBe("#5e4fa2");
    expect(palette("Blues", 3)).toEqual(["#3182bd", "#9ecae1", "#deebf7"]);
  });

  it("refuses a name it does not know, listing the families", () => {
    expect(() => palette("Nope5")).toThrow(/unknown palette "Nope5".*Viridis/);
  });
});
