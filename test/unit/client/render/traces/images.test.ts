import { describe, expect, it } from "vitest";
import { drawn } from "../../../../helpers/drawn.ts";

describe("images", () => {
  it("draws packed RGBA pixels as a Plotly image, row 0 at the bottom", () => {
    const red = 0xff0000ff;
    const halfBlue = 0x80ff0000;
    const { traces } = drawn((p) => p.imageRgba([[red, halfBlue]], { x: 10, y: 20, dw: 4, dh: 1 }));
    expect(traces[0]).toMatchObject({ type: "image", colormodel: "rgba", x0: 11, y0: 20.5, dx: 2, dy: 1 });
    expect(traces[0]!.z).toEqual([
      [
        [255, 0, 0, 1],
        [0, 0, 255, 128 / 255],
      ],
    ]);
  });

  it("draws value grids as a heatmap with the palette", () => {
    const { traces } = drawn((p) =>
      p.image(
        [
          [1, 2],
          [3, 4],
        ],
        { palette: "Viridis256" },
      ),
    );
    expect(traces[0]).toMatchObject({ type: "heatmap", colorscale: "Viridis" });
  });
});
