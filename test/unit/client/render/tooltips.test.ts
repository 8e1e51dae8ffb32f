import { describe, expect, it } from "vitest";
import { customData, hoverSpec } from "../../../../client/render/tooltips.ts";

describe("hoverSpec", () => {
  it("reads plotted columns from the point and the others from customdata", () => {
    const spec = hoverSpec([["Name", "@name"], ["Height", "@height{.1f} m"], ["Where", "($x, $y)"]], { x: "weight", y: "height" });
    expect(spec.fields).toEqual(["name"]);
    expect(spec.template).toBe("Name: %{customdata[0]}<br>Height: %{y:.1f} m<br>Where: (%{x}, %{y})<extra></extra>");
  });

  it("reads braced names with spaces, time formats, the index and the glyph's name", () => {
    const spec = hoverSpec([["", "@{unit price}{$.2f} on @day{%Y-%m-%d}"], ["row", "$index of $name"]], { x: "t", y: "v" });
    expect(spec.fields).toEqual(["unit price", "day"]);
    expect(spec.template).toBe("%{customdata[0]:$.2f} on %{customdata[1]|%Y-%m-%d}<br>row: %{pointNumber} of %{fullData.name}<extra></extra>");
  });

  it("carries each field once, however often it is named", () => {
    expect(hoverSpec([["a", "@n"], ["b", "@n @m"]], {}).fields).toEqual(["n", "m"]);
    expect(hoverSpec([["year", "@2016"]], {}).template).toBe("year: %{customdata[0]}<extra></extra>");
  });
});

describe("customData", () => {
  it("builds one row per point, from a start row on", () => {
    expect(customData({ a: [1, 2, 3], b: new Float64Array([4, 5, 6]) }, ["b", "a"], 3, 1)).toEqual([[5, 2], [6, 3]]);
    expect(customData({ a: [1] }, ["a", "missing"], 1)).toEqual([[1, null]]);
  });
});
