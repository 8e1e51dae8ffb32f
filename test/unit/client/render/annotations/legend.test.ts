import { describe, expect, it } from "vitest";
import { Legend, LegendItem } from "../../../../../server/models/index.ts";
import { drawn } from "../../../../helpers/drawn.ts";

describe("Legend", () => {
  it("sits inside the plot at its location, turning Plotly's own click toggling off", () => {
    const { layout } = drawn((p) => {
      p.line([1, 2], [1, 2], { legendLabel: "a" });
      p.legend.location = "top_left";
      p.legend.orientation = "horizontal";
    });
    expect(layout.legend).toMatchObject({
      x: 0.01,
      xanchor: "left",
      y: 0.99,
      yanchor: "top",
      orientation: "h",
      itemclick: false,
      itemdoubleclick: false,
    });
    expect(layout.showlegend).toBe(true);
  });

  it("sits beside the plot when added to a side, placed along it by location", () => {
    const { layout } = drawn((p) => {
      const r = p.line([1, 2], [1, 2]);
      p.addLayout(new Legend({ items: [["sin(x)", [r]]], location: "center" }), "right");
    });
    expect(layout.legend).toMatchObject({ x: 1.02, xanchor: "left", y: 0.5, yanchor: "middle" });
  });

  it("names its items' renderers by the item labels and leaves other glyphs out", () => {
    const { traces } = drawn((p) => {
      const r0 = p.line([1, 2], [1, 2], { legendLabel: "ignored" });
      const r1 = p.line([1, 2], [2, 1]);
      p.scatter([1], [1], { legendLabel: "not in items" });
      p.addLayout(new Legend({ items: [new LegendItem({ label: "both", renderers: [r0, r1] })] }), "right");
    });
    expect(traces.map((t) => [t.name, t.showlegend])).toEqual([
      ["both", true],
      ["both", false],
      ["not in items", false],
    ]);
    expect(traces[0]!.legendgroup).toBe(traces[1]!.legendgroup);
  });

  it("keeps a hidden renderer's entry, greyed, and draws a muted one at its mutedAlpha", () => {
    const { traces } = drawn((p) => {
      p.line([1, 2], [1, 2], { legendLabel: "hidden", visible: false });
      p.line([1, 2], [2, 1], { legendLabel: "muted", muted: true, mutedAlpha: 0.1 });
    });
    expect(traces[0]!.visible).toBe("legendonly");
    expect(traces[1]!.opacity).toBe(0.1);
  });

  it("hides the legend when it is invisible", () => {
    const { layout } = drawn((p) => {
      p.line([1, 2], [1, 2], { legendLabel: "a" });
      p.legend.visible = false;
    });
    expect(layout.showlegend).toBe(false);
  });
});
