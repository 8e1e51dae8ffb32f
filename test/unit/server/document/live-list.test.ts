import { describe, expect, it } from "vitest";
import { Document, engineOf, type FlushedPatch } from "../../../../server/document/document.ts";
import { Div, Row, column, row } from "../../../../server/models/index.ts";
import { AttributeError } from "../../../../server/document/model.ts";

function live() {
  const doc = new Document();
  const patches: FlushedPatch[] = [];
  engineOf(doc).connect({ notify: () => undefined, flush: (patch) => patches.push(patch), error: () => undefined });
  const [a, b, c] = [new Div({ text: "a" }), new Div({ text: "b" }), new Div({ text: "c" })];
  const layout = row(a, b);
  doc.addRoot(layout);
  engineOf(doc).flush();
  patches.length = 0;
  return { doc, layout, a, b, c, patches };
}

describe("a live model's list attribute (Bokeh's property lists)", () => {
  it("writes `layout.children[1] = model` back to the attribute, as a set of the whole list", () => {
    const { layout, a, c, patches } = live();
    layout.children[1] = c;
    expect(layout.children).toEqual([a, c]);
    engineOf(layout.document!).flush();
    const ops = patches.flatMap((p) => p.ops);
    expect(ops.map((op) => op.path)).toContain(`/models/${layout.id}/attrs/children`);
    expect(ops.map((op) => op.path)).toContain(`/models/${c.id}`);
  });

  it("writes push, splice and a shorter length back once the list is whole", () => {
    const { layout, a, b, c } = live();
    layout.children.push(c);
    expect(layout.children).toEqual([a, b, c]);
    layout.children.splice(1, 1);
    expect(layout.children).toEqual([a, c]);
    layout.children.length = 1;
    expect(layout.children).toEqual([a]);
  });

  it("runs the attribute's callbacks and refuses what a set would refuse", () => {
    const { layout, c } = live();
    const seen: number[] = [];
    layout.onChange("children", (_attr, _old, children) => void seen.push(children.length));
    layout.children.push(c);
    expect(seen).toEqual([3]);
    expect(() => ((layout.children as unknown[])[0] = "not a model")).toThrow(AttributeError);
    expect(layout.children).toHaveLength(3);
  });

  it("leaves a detached model's list as it was: plain storage until it joins a document", () => {
    const inner = column(new Div());
    inner.children.push(new Div());
    expect(inner.children).toHaveLength(2);
    expect(new Row().children).toEqual([]);
  });
});
