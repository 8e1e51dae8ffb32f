import { describe, expect, it } from "vitest";
import { DataRange1d, Range1d } from "../../../../server/models/index.ts";
import { drawn } from "../../../helpers/drawn.ts";

type Axis = Record<string, unknown>;
const xaxis = (build: Parameters<typeof drawn>[0]) => drawn(build).layout.xaxis as Axis;

describe("range options", () => {
  it("limits pan and zoom to a Range1d's own ends with bounds auto", () => {
    const axis = xaxis((p) => {
      p.xRange = new Range1d({ start: 0, end: 10, bounds: "auto" });
    });
    expect(axis).toMatchObject({ minallowed: 0, maxallowed: 10 });
  });

  it("limits pan and zoom to given bounds", () => {
    const axis = xaxis((p) => {
      p.xRange = new DataRange1d({ bounds: [-5, 50] });
    });
    expect(axis).toMatchObject({ minallowed: -5, maxallowed: 50 });
  });

  it("pads a DataRange1d by its rangePadding, split over both ends", () => {
    const axis = xaxis((p) => {
      p.xRange = new DataRange1d({ rangePadding: 0.5 });
      p.line([0, 10], [0, 1]);
    });
    expect(axis).toMatchObject({ autorange: false, range: [-2.5, 12.5] });
  });

  it("draws a flipped DataRange1d from high to low", () => {
    const axis = xaxis((p) => {
      p.xRange = new DataRange1d({ flipped: true });
      p.line([0, 1], [0, 1]);
    });
    expect(axis).toMatchObject({ autorange: "reversed" });
  });

  it("follows the end of the data by followInterval", () => {
    const axis = xaxis((p) => {
      p.xRange = new DataRange1d({ follow: "end", followInterval: 3 });
      p.line([0, 10], [0, 1]);
    });
    expect(axis).toMatchObject({ autorange: false, range: [7, 10] });
  });
});
