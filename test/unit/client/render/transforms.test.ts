import { describe, expect, it } from "vitest";
import {
  ColorBar,
  ColumnDataSource,
  dodge,
  factorCmap,
  factorMarker,
  jitter,
  linearCmap,
  logCmap,
} from "../../../../server/models/index.ts";
import { drawn } from "../../../helpers/drawn.ts";

const markerOf = (trace: Record<string, unknown>) => trace.marker as Record<string, unknown>;

describe("color mappers", () => {
  it("maps numbers to a palette's equal bins, with low and high colors outside", () => {
    const source = new ColumnDataSource({ data: { x: [0, 1, 2, 3, 4], y: [0, 1, 2, 3, 4], z: [-1, 0, 4.9, 9.99, 11] } });
    const { traces } = drawn((p) =>
      p.scatter({ x: "x", y: "y", source, fillColor: linearCmap("z", ["#000000", "#ffffff"], 0, 10, { highColor: "red" }) }),
    );
    expect(markerOf(traces[0]!).color).toEqual(["#000000", "#000000", "#000000", "#ffffff", "red"]);
  });

  it("takes the data's range when low and high are null, and nanColor for missing values", () => {
    const source = new ColumnDataSource({ data: { x: [0, 1, 2], y: [0, 1, 2], z: [10, 20, null] } });
    const { traces } = drawn((p) =>
      p.scatter({ x: "x", y: "y", source, color: linearCmap("z", ["#000000", "#ffffff"], null, null, { nanColor: "#00ff00" }) }),
    );
    expect(markerOf(traces[0]!).color).toEqual(["#000000", "#ffffff", "#00ff00"]);
  });

  it("maps on a log scale with logCmap", () => {
    const source = new ColumnDataSource({ data: { x: [0, 1], y: [0, 1], z: [5, 500] } });
    const { traces } = drawn((p) => p.scatter({ x: "x", y: "y", source, color: logCmap("z", ["#111111", "#222222", "#333333"], 1, 1000) }));
    expect(markerOf(traces[0]!).color).toEqual(["#111111", "#333333"]);
  });

  it("maps factors to colors and to markers, unknown factors to the fallbacks", () => {
    const source = new ColumnDataSource({ data: { x: [0, 1, 2], y: [0, 1, 2], kind: ["a", "b", "zzz"] } });
    const { traces } = drawn((p) =>
      p.scatter({
        x: "x",
        y: "y",
        source,
        fillColor: factorCmap("kind", "Category10_3", ["a", "b"]),
        marker: factorMarker("kind", ["hex", "triangle"], ["a", "b"]),
      }),
    );
    expect(markerOf(traces[0]!).color).toEqual(["#1f77b4", "#ff7f0e", "gray"]);
    expect(markerOf(traces[0]!).symbol).toEqual(["hexagon", "triangle-up", "circle"]);
  });

  it("draws a ColorBar of the mapper beside the plot, its palette in steps", () => {
    const source = new ColumnDataSource({ data: { x: [0], y: [0], z: [5] } });
    const cmap = linearCmap("z", ["#000000", "#ffffff"], 0, 10);
    const { traces, rows } = drawn((p) => {
      p.scatter({ x: "x", y: "y", source, color: cmap });
      p.addLayout(new ColorBar({ colorMapper: cmap.transform, title: "z <b>" }), "right");
    });
    expect(markerOf(traces[1]!)).toMatchObject({
      cmin: 0,
      cmax: 10,
      showscale: true,
      colorscale: [
        [0, "#000000"],
        [0.5, "#000000"],
        [0.5, "#ffffff"],
        [1, "#ffffff"],
      ],
      colorbar: { title: { text: "z &lt;b&gt;" } },
    });
    expect(rows[1]).toEqual([]);
  });
});

describe("position transforms", () => {
  it("jitters numbers within the width, the same way on every redraw", () => {
    const source = new ColumnDataSource({ data: { day: [1, 1, 1, 1], y: [0, 1, 2, 3] } });
    const first = drawn((p) => p.scatter({ x: jitter("day", 0.6), y: "y", source })).traces[0]!.x as number[];
    const again = drawn((p) =>
      p.scatter({ x: jitter("day", 0.6), y: "y", source: new ColumnDataSource({ data: { day: [1, 1, 1, 1], y: [0, 1, 2, 3] } }) }),
    ).traces[0]!.x as number[];
    expect(first.every((v) => v >= 0.7 && v <= 1.3)).toBe(true);
    expect(new Set(first).size).toBe(4);
    expect(again).toEqual(first);
  });

  it("dodges numbers by a value, and bars on a category axis by an offset", () => {
    const numbers = drawn((p) =>
      p.scatter({ x: dodge("x", 0.25), y: "y", source: new ColumnDataSource({ data: { x: [1, 2], y: [0, 0] } }) }),
    );
    expect(numbers.traces[0]!.x).toEqual([1.25, 2.25]);
    const bars = drawn((p) =>
      p.vbar({ x: dodge("fruit", -0.25), top: "n", width: 0.2, source: new ColumnDataSource({ data: { fruit: ["a", "b"], n: [1, 2] } }) }),
    );
    expect(bars.traces[0]).toMatchObject({ x: ["a", "b"], offset: -0.35, width: 0.2 });
  });
});
