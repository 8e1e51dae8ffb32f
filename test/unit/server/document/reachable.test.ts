import { describe, expect, it } from "vitest";
import { Document, engineOf, type FlushedPatch } from "../../../../server/document/document.ts";
import { ColumnDataSource, CustomJS, Div, Slider, figure, row } from "../../../../server/models/index.ts";

function live() {
  const doc = new Document();
  const patches: FlushedPatch[] = [];
  engineOf(doc).connect({ flush: (patch) => patches.push(patch) });
  const source = new ColumnDataSource({ data: { x: [1, 2], y: [3, 4] } });
  const plot = figure({ name: "plot" });
  plot.line("x", "y", { source });
  const layout = row(new Slider({ start: 0, end: 1 }), plot);
  doc.addRoot(layout);
  engineOf(doc).flush();
  patches.length = 0;
  return { doc, engine: engineOf(doc), patches, source, plot, layout };
}

const passes = (doc: Document) => (engineOf(doc) as unknown as { passes: unknown[] }).passes.length;

describe("models no root reaches leave the document (Bokeh's garbage collection)", () => {
  it("drops a replaced plot and every model only it reached, from the state and the page", () => {
    const { doc, engine, patches, plot, source, layout } = live();
    const ids = [plot.id!, source.id!, plot.renderers[0]!.id!, plot.xRange.id!, plot.toolbar.id!];
    layout.children[1] = figure({ name: "plot" });
    engine.flush();
    expect(ids.filter((id) => id in engine.state.models)).toEqual([]);
    expect(patches.flatMap((p) => p.ops)).toEqual(expect.arrayContaining(ids.map((id) => ({ op: "remove", path: `/models/${id}` }))));
    expect(doc.select({ name: "plot" })).toHaveLength(1);
    expect([plot.document, plot.id, source.document]).toEqual([undefined, undefined, undefined]);
    expect(passes(doc)).toBe(1);
  });

  it("keeps a model another root still refers to, and a CustomJS of a kept model", () => {
    const { doc, engine, plot, source, layout } = live();
    const other = figure();
    other.scatter("x", "y", { source });
    doc.addRoot(other);
    const div = new Div();
    div.jsOnChange("text", new CustomJS({ args: { source }, code: "" }));
    layout.children = [plot, div];
    engine.flush();
    expect(source.document).toBe(doc);
    expect(Object.values(engine.state.models).map((m) => m.type)).toContain("CustomJS");
    expect(Object.values(engine.state.models).map((m) => m.type)).not.toContain("Slider");
  });

  it("lets a dropped model join again with its attributes, under a new id", () => {
    const { engine, plot, layout } = live();
    plot.title = "kept";
    const [oldId] = [plot.id];
    layout.children = [layout.children[0]!];
    engine.flush();
    layout.children = [...layout.children, plot];
    engine.flush();
    expect(plot.id).not.toBe(oldId);
    expect(engine.state.models[plot.id!]!.attrs.title).toBe("kept");
    expect(plot.renderers[0]!.source!.data.x).toEqual([1, 2]);
  });
});
