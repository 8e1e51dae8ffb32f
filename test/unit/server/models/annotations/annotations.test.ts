import { describe, expect, it } from "vitest";
import { Document, engineOf } from "../../../../../server/document/document.ts";
import type { DocOp } from "../../../../../server/protocol/index.ts";
import {
  Arrow,
  Band,
  BoxAnnotation,
  ColumnDataSource,
  Legend,
  LegendItem,
  OpenHead,
  Span,
  TeeHead,
  Whisker,
  LabelSet,
  figure,
} from "../../../../../server/models/index.ts";

describe("annotation models", () => {
  it("refuses a Span location that is not a finite number", () => {
    expect(() => new Span({ location: Number.NaN })).toThrow(/Span.location: expected a finite number, or null/);
  });

  it("refuses a BoxAnnotation color that is not a CSS color", () => {
    expect(() => new BoxAnnotation({ fillColor: "url(javascript:x)" })).toThrow(/fillColor: expected a CSS color/);
  });

  it("gives an Arrow an OpenHead at its end unless told otherwise", () => {
    expect(new Arrow().end).toBeInstanceOf(OpenHead);
    expect(new Arrow({ end: null }).end).toBeNull();
  });

  it("gives a Whisker TeeHeads at both ends unless told otherwise", () => {
    const source = new ColumnDataSource({ data: { x: [1], lo: [0], hi: [2] } });
    const whisker = new Whisker({ base: "x", lower: "lo", upper: "hi", source, upperHead: null });
    expect(whisker.lowerHead).toBeInstanceOf(TeeHead);
    expect(whisker.upperHead).toBeNull();
  });

  it("throws when a LabelSet or Band names a column its source lacks", () => {
    const source = new ColumnDataSource({ data: { x: [1], y: [2] } });
    expect(() => new LabelSet({ x: "x", y: "y", text: "names", source })).toThrow(/LabelSet.*no column "names" \(it has "x", "y"\)/);
    expect(() => new Band({ base: "x", lower: "y", upper: "top", source })).toThrow(/no column "top"/);
  });

  it("refuses a new source.data that drops a column a LabelSet draws", () => {
    const source = new ColumnDataSource({ data: { x: [1], y: [2], names: ["a"] } });
    new LabelSet({ x: "x", y: "y", text: "names", source });
    expect(() => (source.data = { x: [1], y: [2] })).toThrow(/draws column "names"/);
  });

  it("sends only the moved attribute when a callback moves a Span or resizes a box", () => {
    const doc = new Document();
    const ops: DocOp[] = [];
    engineOf(doc).connect({ flush: (patch) => ops.push(...patch.ops), error: () => undefined });
    const span = new Span({ location: 1 });
    const box = new BoxAnnotation({ top: 5 });
    doc.addRoot(figure().addLayout(span).addLayout(box));
    engineOf(doc).flush();
    ops.length = 0;
    span.location = 2;
    box.top = 7;
    engineOf(doc).flush();
    expect(ops).toEqual([
      { op: "replace", path: `/models/${span.id}/attrs/location`, value: 2 },
      { op: "replace", path: `/models/${box.id}/attrs/top`, value: 7 },
    ]);
  });
});

describe("Legend", () => {
  it("takes Bokeh's (label, renderers) pairs as items", () => {
    const plot = figure();
    const r = plot.line([1, 2], [3, 4]);
    const legend = new Legend({ items: [["sin(x)", [r]]] });
    expect(legend.items).toHaveLength(1);
    expect(legend.items[0]).toBeInstanceOf(LegendItem);
    expect(legend.items[0]!.label).toBe("sin(x)");
    expect(legend.items[0]!.renderers).toEqual([r]);
  });

  it("refuses items that are neither LegendItems nor pairs", () => {
    expect(() => new Legend({ items: [["a", ["not a renderer"]]] as never })).toThrow(
      /Legend.items: expected LegendItems or \[label, \[renderers\]\] pairs/,
    );
  });

  it("refuses a click policy Bokeh does not have", () => {
    expect(() => new Legend({ clickPolicy: "toggle" as never })).toThrow(/expected one of none, hide, mute/);
  });

  it("is made once in the figure's center on first use of plot.legend, and its attributes are set through the list", () => {
    const plot = figure();
    plot.legend.clickPolicy = "mute";
    expect(plot.center.filter((m) => m instanceof Legend)).toHaveLength(1);
    expect(plot.legend.clickPolicy).toBe("mute");
    expect(plot.legend[0]).toBe(plot.center[0]);
  });
});
