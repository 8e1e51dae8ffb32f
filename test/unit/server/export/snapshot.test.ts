import { describe, expect, it } from "vitest";
import { Document, Slider, column, figure } from "../../../../server/index.ts";
import { exportSnapshot, sizesRoot } from "../../../../server/export/snapshot.ts";

describe("exportSnapshot", () => {
  it("gives a model of no document a document of its own for the snapshot, and takes it back out", () => {
    const plot = figure({ title: "alone", width: 300 });
    const state = exportSnapshot(plot, {});
    expect(state.roots).toHaveLength(1);
    expect(state.models[state.roots[0]!]).toMatchObject({ type: "Figure", attrs: { title: "alone", width: 300 } });
    expect(plot.document).toBeUndefined();
    new Document().addRoot(plot); // free to join a document again
  });

  it("exports a model of a live document as the only root, with the models it refers to", () => {
    const doc = new Document();
    const plot = figure({ title: "inside" });
    doc.addRoot(column(new Slider({ start: 0, end: 1, value: 0, title: "s" }), plot));
    const state = exportSnapshot(plot, {});
    expect(state.roots).toEqual([plot.id]);
    expect(Object.keys(state.models).length).toBeGreaterThan(1);
  });

  it("exports every root of a document", () => {
    const doc = new Document();
    doc.addRoot(figure({ title: "a" }));
    doc.addRoot(figure({ title: "b" }));
    expect(exportSnapshot(doc, {}).roots).toHaveLength(2);
  });

  it("draws a plot at the export's width and height while the live plot keeps its own", () => {
    const doc = new Document();
    const plot = figure({ title: "sized", width: 500, height: 300 });
    doc.addRoot(plot);
    const state = exportSnapshot(plot, { width: 800, height: 200 });
    expect(state.models[plot.id!]!.attrs).toMatchObject({ width: 800, height: 200 });
    expect([plot.width, plot.height]).toEqual([500, 300]);
  });

  it("leaves a layout's size alone (the export's size is its window's instead)", () => {
    const layout = column(figure({ title: "in a column", width: 500 }));
    const state = exportSnapshot(layout, { width: 800 });
    expect(sizesRoot(state)).toBe(false);
    const plot = Object.values(state.models).find((model) => model.type === "Figure")!;
    expect(plot.attrs.width).toBe(500);
  });
});
