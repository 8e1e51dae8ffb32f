import { describe, expect, it } from "vitest";
import { buildFigure, selectionFromPoints, tapFromClick } from "../../../../../client/render/figure-spec.ts";
import type { DocState } from "../../../../../server/protocol/index.ts";

/** A figure whose line draws a decimation: source rows 0, 500, 900 and 1999 of a source the page was not sent. */
function downsampledState(selected: number[] = []): DocState {
  return {
    roots: ["fig"],
    models: {
      fig: { type: "Figure", attrs: { title: "", renderers: [{ ref: "line" }] } },
      src: { type: "ColumnDataSource", attrs: { data: {}, selected } },
      line: {
        type: "GlyphRenderer",
        attrs: {
          glyph: "line",
          source: { ref: "src" },
          x: "t",
          y: "v",
          downsampled: {
            rows: new Int32Array([0, 500, 900, 1999]),
            data: { t: new Float64Array([0, 5, 9, 19.99]), v: new Float64Array([1, -1, 2, 0]) },
          },
        },
      },
    },
  };
}

describe("a downsampled glyph in the page", () => {
  it("draws the decimated table the server sent", () => {
    const { traces } = buildFigure(downsampledState(), "fig", 1);
    expect(Array.from(traces[0]!.x as ArrayLike<number>)).toEqual([0, 5, 9, 19.99]);
    expect(Array.from(traces[0]!.y as ArrayLike<number>)).toEqual([1, -1, 2, 0]);
  });

  it("maps a box selection of drawn points back to the source's true rows", () => {
    const spec = buildFigure(downsampledState(), "fig", 1);
    const points = [1, 2].map((pointIndex) => ({ curveNumber: 0, pointIndex }));
    expect(selectionFromPoints(points, spec.sources, spec.rows).get("src")).toEqual([500, 900]);
  });

  it("names the true row of a clicked point", () => {
    const spec = buildFigure(downsampledState(), "fig", 1);
    expect(tapFromClick([{ curveNumber: 0, pointIndex: 3 }], spec.renderers, spec.rows)).toEqual({ renderer: "line", index: 1999 });
  });

  it("highlights the selected rows it draws, at their drawn positions", () => {
    const { traces } = buildFigure(downsampledState([500, 1999, 1234]), "fig", 1);
    expect(traces[0]!.selectedpoints).toEqual([1, 3]);
  });
});
