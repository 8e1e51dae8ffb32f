import { describe, expect, it } from "vitest";
import { Arrow, BoxAnnotation, Label, NormalHead, Span, Title, VeeHead } from "../../../../../server/models/index.ts";
import { drawn } from "../../../../helpers/drawn.ts";

const shapesOf = (layout: Record<string, unknown>) => (layout.shapes ?? []) as Record<string, unknown>[];
const annotationsOf = (layout: Record<string, unknown>) => (layout.annotations ?? []) as Record<string, unknown>[];

describe("Span", () => {
  it("draws a horizontal line across the plot at y = location", () => {
    const { layout } = drawn((p) =>
      p.addLayout(new Span({ location: 3, dimension: "width", lineColor: "red", lineWidth: 2, lineDash: "dashed" })),
    );
    expect(shapesOf(layout)).toEqual([
      { type: "line", xref: "x domain", yref: "y", x0: 0, x1: 1, y0: 3, y1: 3, line: { color: "red", width: 2, dash: "dash" } },
    ]);
  });

  it("draws a vertical line at x = location for dimension height, and nothing for a null location", () => {
    const { layout } = drawn((p) => p.addLayout(new Span({ location: 5, dimension: "height" })).addLayout(new Span({ location: null })));
    expect(shapesOf(layout)).toHaveLength(1);
    expect(shapesOf(layout)[0]).toMatchObject({ xref: "x", yref: "y domain", x0: 5, x1: 5, y0: 0, y1: 1 });
  });

  it("is not drawn when invisible", () => {
    const { layout } = drawn((p) => p.addLayout(new Span({ location: 1, visible: false })));
    expect(shapesOf(layout)).toEqual([]);
  });
});

describe("BoxAnnotation", () => {
  it("reaches the plot's edge on a null side, with one ref per coordinate", () => {
    const { layout } = drawn((p) => p.addLayout(new BoxAnnotation({ bottom: 80, fillColor: "#ff0000", fillAlpha: 0.1 })));
    expect(shapesOf(layout)[0]).toMatchObject({
      type: "rect",
      xref: "x domain",
      x0: 0,
      x1: 1,
      yref: ["y", "y domain"],
      y0: 80,
      y1: 1,
      fillcolor: "rgba(255,0,0,0.1)",
    });
  });
});

describe("Label", () => {
  it("places data-unit text with its offsets, alignment and angle", () => {
    const label = new Label({ x: 2, y: 3, text: "peak <b>", xOffset: 5, yOffset: -4, textAlign: "center", angle: 90, angleUnits: "deg" });
    const { layout } = drawn((p) => p.addLayout(label));
    expect(annotationsOf(layout)[0]).toMatchObject({
      x: 2,
      y: 3,
      xref: "x",
      yref: "y",
      xshift: 5,
      yshift: -4,
      xanchor: "center",
      textangle: -90,
      text: "peak &lt;b&gt;",
      showarrow: false,
    });
  });

  it("places screen-unit text in pixels from the plot's lower-left corner", () => {
    const { layout } = drawn((p) => p.addLayout(new Label({ x: 70, y: 20, xUnits: "screen", yUnits: "screen", text: "note" })));
    expect(annotationsOf(layout)[0]).toMatchObject({ xref: "x domain", yref: "y domain", x: 0, y: 0, xshift: 70, yshift: 20 });
  });
});

describe("Arrow", () => {
  it("draws from start to end with an open head at the end by default", () => {
    const { layout } = drawn((p) => p.addLayout(new Arrow({ xStart: 0, yStart: 0, xEnd: 1, yEnd: 2 })));
    expect(annotationsOf(layout)[0]).toMatchObject({
      x: 1,
      y: 2,
      ax: 0,
      ay: 0,
      axref: "x",
      ayref: "y",
      showarrow: true,
      arrowside: "end",
      arrowhead: 4,
    });
  });

  it("draws Bokeh's heads at both ends, or none", () => {
    const both = drawn((p) => p.addLayout(new Arrow({ start: new VeeHead(), end: new NormalHead(), xEnd: 1, yEnd: 1 })));
    expect(annotationsOf(both.layout)[0]).toMatchObject({ arrowside: "end+start", arrowhead: 2, startarrowhead: 3 });
    const none = drawn((p) => p.addLayout(new Arrow({ end: null, xEnd: 1, yEnd: 1 })));
    expect(annotationsOf(none.layout)[0]).toMatchObject({ arrowside: "none" });
  });
});

describe("Title", () => {
  it("stacks extra titles above the figure's title and makes room for them", () => {
    const plain = drawn((p) => {
      p.title = "Main";
    });
    const { layout } = drawn((p) => {
      p.title = "Main";
      p.addLayout(new Title({ text: "Sub 1", align: "center" }), "above").addLayout(new Title({ text: "Sub 2" }), "above");
    });
    const [first, second] = annotationsOf(layout);
    expect(first).toMatchObject({ text: "Sub 1", xref: "paper", yref: "paper", x: 0.5, xanchor: "center", y: 1, yanchor: "bottom" });
    expect(second!.yshift).toBeGreaterThan(first!.yshift as number);
    expect((layout.margin as { t: number }).t).toBe((plain.layout.margin as { t: number }).t + 44);
  });

  it("puts a title below the x axis", () => {
    const { layout } = drawn((p) => p.addLayout(new Title({ text: "Source: x" }), "below"));
    expect(annotationsOf(layout)[0]).toMatchObject({ text: "Source: x", y: 0, yanchor: "top" });
    expect((annotationsOf(layout)[0]!.yshift as number) < 0).toBe(true);
  });
});
