import { describe, expect, it, vi } from "vitest";
import { Document, engineOf } from "../../../../server/document/document.ts";
import { ColumnDataSource, EventPayloadError, FactorRange, Range1d, figure } from "../../../../server/models/index.ts";

function makePlot() {
  const doc = new Document();
  const errors: unknown[] = [];
  engineOf(doc).connect({ error: (error) => errors.push(error) });
  const source = new ColumnDataSource({ data: { x: [1, 2, 3], y: [4, 5, 6] } });
  const plot = figure({ name: "plot" });
  const dots = plot.scatter("x", "y", { source });
  const other = figure().line([1, 2], [3, 4]);
  doc.addRoot(plot);
  doc.addRoot(other.source!);
  engineOf(doc).flush();
  return { doc, errors, plot, dots, source, other };
}

/** Delivers a tap the way the session does: every registered callback with the raw payload. */
function deliver(plot: ReturnType<typeof makePlot>["plot"], payload: unknown): void {
  for (const callback of plot.eventCallbacks.get("tap") ?? []) engineOf(plot.document!).runCallback(() => callback(payload), "tap");
}

describe("Figure", () => {
  describe("glyphs", () => {
    it("draws hbar as bars of length `right` at `y`", () => {
      const source = new ColumnDataSource({ data: { fruit: ["apple", "pear"], count: [3, 5] } });
      const bars = figure().hbar("fruit", "count", { source, color: "#ff7f0e" });
      expect([bars.glyph, bars.x, bars.y, bars.color]).toEqual(["hbar", "count", "fruit", "#ff7f0e"]);
    });

    it("makes its own source from arrays, for area and heatmap too", () => {
      const area = figure().area([0, 1, 2], [1, 3, 2]);
      expect(area.source!.data).toEqual({ x: [0, 1, 2], y: [1, 3, 2] });
      const cells = figure().heatmap([0, 1], [0, 0], [5, 7], { palette: "Blues" });
      expect([cells.glyph, cells.z, cells.palette]).toEqual(["image", "z", "Blues"]);
      expect(cells.source!.data.z).toEqual([5, 7]);
    });

    it("spreads an image grid over its rectangle, cell centres in data units", () => {
      const img = figure().image(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { x: 10, y: 0, dw: 30, dh: 2 },
      );
      const data = img.source!.data;
      expect(Array.from(data.x!)).toEqual([15, 25, 35, 15, 25, 35]);
      expect(Array.from(data.y!)).toEqual([0.5, 0.5, 0.5, 1.5, 1.5, 1.5]);
      expect(Array.from(data.z!)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it("refuses a ragged image and mixed column names and arrays", () => {
      expect(() => figure().image([[1, 2], [3]])).toThrow(TypeError);
      expect(() => figure().line("x", [1, 2])).toThrow(TypeError);
      expect(() => figure().line("x", "y")).toThrow(TypeError);
    });

    it("refuses a glyph naming a column its source lacks, naming the columns it has", () => {
      const source = new ColumnDataSource({ data: JSON.parse('{"x": [1], "y": [2]}') as Record<string, number[]> });
      expect(() => figure().line("x", "why", { source })).toThrow('Figure.line: the source has no column "why" (it has "x", "y")');
      expect(() => figure().scatter("ex", "why", { source })).toThrow('no column "ex", "why"');
    });
  });

  describe("tap", () => {
    it("calls onTap with the renderer, its source and the row", () => {
      const { plot, dots, source, errors } = makePlot();
      const seen = vi.fn();
      plot.onTap(seen);
      deliver(plot, { renderer: dots.id, index: 2 });
      expect(errors).toEqual([]);
      expect(seen).toHaveBeenCalledWith({ renderer: dots, source, index: 2 });
    });

    it("gives onEvent('tap') callbacks the decoded payload too", () => {
      const { plot, dots } = makePlot();
      const seen = vi.fn();
      plot.onEvent("tap", seen);
      deliver(plot, { renderer: dots.id, index: 0 });
      expect(seen.mock.calls[0]![0]).toMatchObject({ renderer: dots, index: 0 });
    });

    const hostile: [string, (f: ReturnType<typeof makePlot>) => unknown][] = [
      ["null", () => null],
      ["a string", () => "tap"],
      ["an array", ({ dots }) => [dots.id, 0]],
      ["a missing index", ({ dots }) => ({ renderer: dots.id })],
      ["an extra field", ({ dots }) => ({ renderer: dots.id, index: 0, admin: true })],
      ["a __proto__ field", ({ dots }) => JSON.parse(`{"renderer":"${dots.id}","index":0,"__proto__":{"polluted":1}}`) as unknown],
      ["a renderer of another figure", ({ other }) => ({ renderer: other.id, index: 0 })],
      ["the figure itself as renderer", ({ plot }) => ({ renderer: plot.id, index: 0 })],
      ["a renderer id that is an object", () => ({ renderer: { ref: "1" }, index: 0 })],
      ["an index past the rows", ({ dots }) => ({ renderer: dots.id, index: 3 })],
      ["a negative index", ({ dots }) => ({ renderer: dots.id, index: -1 })],
      ["a fractional index", ({ dots }) => ({ renderer: dots.id, index: 1.5 })],
      ["an index as text", ({ dots }) => ({ renderer: dots.id, index: "1" })],
      ["an index of 1e300", ({ dots }) => ({ renderer: dots.id, index: 1e300 })],
    ];

    it.each(hostile)("refuses %s: no callback runs, the error says why, nothing changes", (_name, make) => {
      const fixture = makePlot();
      const seen = vi.fn(() => {
        fixture.plot.title = "tapped";
      });
      fixture.plot.onTap(seen);
      const before = engineOf(fixture.doc).state;
      deliver(fixture.plot, make(fixture));
      expect(seen).not.toHaveBeenCalled();
      expect(fixture.errors).toHaveLength(1);
      expect(fixture.errors[0]).toBeInstanceOf(EventPayloadError);
      expect(String(fixture.errors[0])).toContain('refused "tap" payload');
      expect(engineOf(fixture.doc).state).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
});

describe("figure ranges of factors", () => {
  it("makes a FactorRange of a list of factors, as Bokeh's x_range=[...] does", () => {
    const plot = figure({
      xRange: ["b", "a"],
      yRange: [
        ["g", "1"],
        ["g", "2"],
      ],
    });
    const [x, y] = [plot.xRange as unknown, plot.yRange as unknown];
    expect(x).toBeInstanceOf(FactorRange);
    expect((x as FactorRange).factors).toEqual(["b", "a"]);
    expect((y as FactorRange).factors).toEqual([
      ["g", "1"],
      ["g", "2"],
    ]);
  });

  it("keeps a given FactorRange, and a pair of numbers is still a Range1d", () => {
    const factors = new FactorRange({ factors: ["a"] });
    expect(figure({ xRange: factors }).xRange as unknown).toBe(factors);
    expect(figure({ xRange: [0, 1] }).xRange).toBeInstanceOf(Range1d);
  });

  it("refuses factors of mixed depths", () => {
    expect(() => new FactorRange({ factors: ["a", ["b", "c"]] })).toThrow(/one depth/);
  });
});
