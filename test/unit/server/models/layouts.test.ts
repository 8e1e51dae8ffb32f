import { describe, expect, it } from "vitest";
import { AttributeError } from "../../../../server/document/model.ts";
import { Div, GridBox, Slider, Spacer, column, figure, grid, gridplot, row } from "../../../../server/models/index.ts";

describe("row and column", () => {
  it("take children as arguments or as a list with Bokeh's keywords", () => {
    const [a, b] = [new Div(), new Div()];
    expect(row(a, b).children).toEqual([a, b]);
    const laid = column([a, b], { spacing: 2, name: "side" });
    expect([laid.children, laid.spacing, laid.name]).toEqual([[a, b], 2, "side"]);
  });

  it("give their sizingMode to children that have none, as Bokeh's layout functions do", () => {
    const [plain, own] = [figure(), figure({ sizingMode: "fixed", width: 300 })];
    const laid = row([plain, own], { sizingMode: "stretch_width" });
    expect([laid.sizingMode, plain.sizingMode, own.sizingMode]).toEqual(["stretch_width", "stretch_width", "fixed"]);
  });
});

describe("grid", () => {
  it("lays a flat list out in ncols columns, a Spacer for each null", () => {
    const [a, b, c] = [new Div(), new Div(), new Div()];
    const box = grid([a, null, b, c], { ncols: 2 });
    expect(box.ncols).toBe(2);
    expect(box.children.map((child) => child.constructor)).toEqual([Div, Spacer, Div, Div]);
  });

  it("pads the short rows of a list of rows with Spacers", () => {
    const [a, b, c] = [new Div(), new Div(), new Div()];
    const box = grid([[a, b], [c]]);
    expect(box.ncols).toBe(2);
    expect(box.children.slice(0, 3)).toEqual([a, b, c]);
    expect(box.children[3]).toBeInstanceOf(Spacer);
  });
});

describe("gridplot", () => {
  it("puts every plot's toolbar above, as Bokeh's default, or where asked", () => {
    const plots = [figure(), figure(), figure()];
    const box = gridplot(plots, { ncols: 2 });
    expect(box).toBeInstanceOf(GridBox);
    expect(box.ncols).toBe(2);
    expect(plots.map((plot) => plot.toolbarLocation)).toEqual(["above", "above", "above"]);
    gridplot([[plots[0]!, null]], { toolbarLocation: null });
    expect(plots[0]!.toolbarLocation).toBeNull();
  });

  it("gives every plot the width, height and sizingMode asked for, and leaves other models' toolbars alone", () => {
    const [p1, p2, slider] = [figure(), figure({ width: 500 }), new Slider()];
    gridplot(
      [
        [p1, p2],
        [slider, null],
      ],
      { width: 300, height: 250, sizingMode: "stretch_width" },
    );
    expect([p1.width, p1.height, p2.width, p2.height]).toEqual([300, 250, 300, 250]);
    expect([p1.sizingMode, slider.sizingMode]).toEqual(["stretch_width", "stretch_width"]);
    expect("toolbarLocation" in slider).toBe(false);
  });

  it("refuses a size a plot cannot take", () => {
    const plot = figure();
    expect(() => gridplot([plot], { width: 1 })).toThrow(AttributeError);
    expect(plot.width).toBeNull();
  });
});
