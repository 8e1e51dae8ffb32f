import { describe, expect, it } from "vitest";
import { AttributeError, ColumnDataSource, Document, figure, field } from "../../../../../server/index.ts";

describe("glyph arguments", () => {
  it("refuses a column the source lacks at the glyph call, naming it and the source's columns", () => {
    // Columns known only at run time (from a file, say): the type checker cannot catch it.
    const source: ColumnDataSource = new ColumnDataSource({ data: { x: [1], y: [2] } });
    expect(() => figure().line("x", "temp", { source })).toThrow('Figure.line: the source has no column "temp" (it has "x", "y")');
    expect(() => figure().scatter({ x: "x", y: "y", size: field("s"), source })).toThrow(AttributeError);
  });

  it("reads a string visual as a column when the source has one, else as a color", () => {
    const source = new ColumnDataSource({ data: { x: [1], y: [2], color: ["#ff0000"] } });
    const plot = figure();
    const fromColumn = plot.scatter({ x: "x", y: "y", fillColor: "color", source });
    const literal = plot.scatter({ x: "x", y: "y", fillColor: "navy", source });
    expect([fromColumn.fillColor, literal.fillColor]).toEqual([{ field: "color" }, "navy"]);
  });

  it("keeps numbers as values and plain columns as names", () => {
    const source = new ColumnDataSource({ data: { top: [3] } });
    const bars = figure().vbar({ x: 1, top: "top", source });
    expect([bars.x, bars.y, bars.coords]).toEqual(["", "top", { x: { value: 1 } }]);
  });

  it("puts arrays in a source of their own, named after their coordinate", () => {
    const quads = figure().quad({ left: [0, 1], right: [1, 2], top: [3, 4], bottom: 0 });
    expect(quads.source!.columnNames).toEqual(["left", "right", "top"]);
    expect(quads.coords).toMatchObject({ left: { field: "left" }, bottom: { value: 0 } });
  });

  it("refuses arrays together with a source, and names without one", () => {
    const source = new ColumnDataSource({ data: { a: [1] } });
    expect(() => figure().segment({ x0: [1], y0: "a", x1: 1, y1: 1, source })).toThrow(
      /pass column names with a source, or arrays without one \(x0 given as arrays\)/,
    );
    expect(() => figure().segment({ x0: "a", y0: 0, x1: 1, y1: 1 })).toThrow(/column names "a" need a source/);
  });

  it("attaches the transforms a spec names, once each, as models", () => {
    const source = new ColumnDataSource({ data: { x: [1], y: [2] } });
    const doc = new Document();
    const transform = new ColumnDataSource();
    const dots = figure().scatter({ x: "x", y: "y", fillColor: field("x", transform), lineColor: field("y", transform), source });
    doc.addRoot(dots);
    expect(dots.transforms).toEqual([transform]);
    expect(dots.fillColor).toEqual({ field: "x", transform: 0 });
  });
});

describe("a source's data after glyphs use it", () => {
  it("refuses new data that drops a column a glyph draws", () => {
    const source = new ColumnDataSource({ data: { x: [1], y: [2], z: [3] } });
    const line = figure().line("x", "y", { source });
    expect(() => (source.data = { x: [1], z: [3] })).toThrow(new RegExp(`${line.type}.*draws column "y", which the new data lacks`));
    source.data = { x: [5], y: [6] };
    expect(source.data).toEqual({ x: [5], y: [6] });
  });
});
