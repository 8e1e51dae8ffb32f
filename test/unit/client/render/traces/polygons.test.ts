import { describe, expect, it } from "vitest";
import { ColumnDataSource, cumsum } from "../../../../../server/models/index.ts";
import { drawn } from "../../../../helpers/drawn.ts";

const xsOf = (trace: Record<string, unknown>) => trace.x as (number | null)[];
const round = (values: (number | null)[]) => values.map((v) => (v === null ? null : Math.round(v * 1e6) / 1e6));

describe("filled glyphs", () => {
  it("draws a pie: one wedge per row, grouped by color, labelled by legendField", () => {
    const source = new ColumnDataSource({
      data: { country: ["A", "B", "C"], angle: [Math.PI, Math.PI / 2, Math.PI / 2], color: ["#ff0000", "#00ff00", "#0000ff"] },
    });
    const { traces } = drawn((p) =>
      p.wedge({
        x: 0,
        y: 1,
        radius: 0.4,
        startAngle: cumsum("angle", { includeZero: true }),
        endAngle: cumsum("angle"),
        fillColor: "color",
        lineColor: "white",
        legendField: "country",
        source,
      }),
    );
    expect(traces.map((t) => [t.type, t.fill, t.fillcolor, t.name])).toEqual([
      ["scatter", "toself", "#ff0000", "A"],
      ["scatter", "toself", "#00ff00", "B"],
      ["scatter", "toself", "#0000ff", "C"],
    ]);
    // The first wedge starts at the centre and sweeps half a turn: from (0.4, 1) to (-0.4, 1).
    const x = round(xsOf(traces[0]!));
    expect([x[0], x[1], x[x.length - 2]]).toEqual([0, 0.4, -0.4]);
  });

  it("draws an annular wedge between its inner and outer radius", () => {
    const { traces } = drawn((p) => p.annularWedge({ x: 0, y: 0, innerRadius: 1, outerRadius: 2, startAngle: 0, endAngle: Math.PI / 2 }));
    const x = round(xsOf(traces[0]!));
    expect(Math.max(...x.filter((v): v is number => v !== null))).toBe(2);
    expect(x).toContain(1);
  });

  it("draws rects turned by their angle, and ellipses inside their box", () => {
    const { traces } = drawn((p) => {
      p.rect({ x: 0, y: 0, width: 2, height: 4, angle: Math.PI / 2, fillColor: "#abcdef" });
      p.ellipse({ x: [0], y: [0], width: 2, height: 1 });
    });
    expect(round(xsOf(traces[0]!))).toEqual([2, 2, -2, -2, 2]);
    expect(traces[0]!.fillcolor).toBe("#abcdef");
    expect(Math.max(...round(xsOf(traces[1]!)).map(Number))).toBe(1);
  });

  it("draws circles of a radius in data units", () => {
    const { traces } = drawn((p) => p.circle({ x: [10], y: [0], radius: 3 }));
    expect(Math.max(...round(xsOf(traces[0]!)).map(Number))).toBe(13);
    expect(traces[0]!.fill).toBe("toself");
  });

  it("draws hex tiles at axial coordinates", () => {
    const { traces } = drawn((p) => p.hexTile({ q: [0, 1], r: [0, 0], size: 1 }));
    const x = xsOf(traces[0]!);
    const second = round(x.slice(x.indexOf(null) + 1));
    // q = 1 moves a pointy-top hex by √3 to the right.
    expect(Math.max(...second.map(Number))).toBeCloseTo(Math.sqrt(3) * 1.5, 5);
  });

  it("draws patches (one polygon per row) and a single patch", () => {
    const source = new ColumnDataSource({
      data: {
        xs: [
          [0, 1, 0],
          [5, 6, 5],
        ],
        ys: [
          [0, 0, 1],
          [0, 0, 1],
        ],
      },
    });
    const { traces } = drawn((p) => {
      p.patches({ xs: "xs", ys: "ys", source, fillColor: "#ff0000" });
      p.patch([0, 1, 1], [0, 0, 1]);
    });
    expect(traces[0]!.x).toEqual([0, 1, 0, null, 5, 6, 5]);
    expect(traces[1]).toMatchObject({ fill: "toself", x: [0, 1, 1] });
  });

  it("draws varea and harea as the band between two curves", () => {
    const { traces } = drawn((p) => {
      p.varea({ x: [0, 1], y1: [0, 0], y2: [1, 2] });
      p.harea({ y: [0, 1], x1: [0, 0], x2: [3, 4] });
    });
    expect(traces[0]).toMatchObject({ x: [0, 1, 1, 0], y: [0, 0, 2, 1] });
    expect(traces[1]).toMatchObject({ y: [0, 1, 1, 0], x: [0, 0, 4, 3] });
  });

  it("stacks areas", () => {
    const source = new ColumnDataSource({ data: { x: [0, 1], a: [1, 1], b: [2, 2] } });
    const { traces } = drawn((p) => p.vareaStack(["a", "b"], { x: "x", color: ["#111111", "#222222"], source }));
    expect(traces[1]).toMatchObject({ y: [1, 1, 3, 3], fillcolor: "#222222" });
  });

  it("picks no source rows when its corners are selected", () => {
    const { rows } = drawn((p) => p.patch([0, 1, 1], [0, 0, 1]));
    expect(rows[0]).toEqual([]);
  });
});
