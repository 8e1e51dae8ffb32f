import { describe, expect, it } from "vitest";
import { Document } from "../../../../server/document/document.ts";
import { AttributeError } from "../../../../server/document/model.ts";
import { Button, Div, Slider, column, figure } from "../../../../server/models/index.ts";
import { outcome } from "../../../helpers/client-writes.ts";

describe("common attributes of visible models", () => {
  it("every visible model takes Bokeh's common attributes, with Bokeh's defaults", () => {
    for (const model of [new Div(), new Slider(), new Button(), column(), figure()]) {
      expect(Object.keys(model.props)).toEqual(
        expect.arrayContaining([
          "visible",
          "cssClasses",
          "styles",
          "stylesheets",
          "width",
          "height",
          "minWidth",
          "maxWidth",
          "sizingMode",
          "aspectRatio",
          "margin",
          "tags",
        ]),
      );
      expect((model as unknown as { visible: boolean }).visible).toBe(true);
    }
  });

  it("accepts good values from the server", () => {
    const div = new Div({
      cssClasses: ["note", "big-1"],
      styles: { "background-color": "#eee", "--gap": "4px" },
      margin: [4, 8],
      sizingMode: "stretch_width",
      minWidth: 100,
      aspectRatio: "auto",
      tags: ["filter", 3],
    });
    expect([div.cssClasses, div.margin, div.sizingMode, div.aspectRatio]).toEqual([["note", "big-1"], [4, 8], "stretch_width", "auto"]);
    expect(figure({ sizingMode: "scale_width", aspectRatio: 2.5 }).aspectRatio).toBe(2.5);
  });

  it("refuses values of the wrong type or out of range", () => {
    expect(() => new Div({ visible: "no" as never })).toThrow(AttributeError);
    expect(() => new Div({ margin: [1, 2, 3] as never })).toThrow(/margin/);
    expect(() => new Div({ width: -5 })).toThrow(/width/);
    expect(() => new Div({ sizingMode: "huge" as never })).toThrow(/sizingMode/);
    expect(() => new Div({ aspectRatio: 0 })).toThrow(/aspectRatio/);
    expect(() => new Div({ aspectRatio: "square" as never })).toThrow(/aspectRatio/);
    expect(() => new Div({ tags: "x" as never })).toThrow(/tags/);
  });

  it("refuses CSS that could break out of a declaration or a class attribute", () => {
    expect(() => new Div({ styles: { color: "red; background: url(x)" } })).toThrow(/styles/);
    expect(() => new Div({ styles: { "color}": "red" } })).toThrow(/styles/);
    expect(() => new Div({ cssClasses: ["a b"] })).toThrow(/cssClasses/);
  });

  it("are not client-writable", () => {
    expect(outcome(new Div(), "visible", false)).toBe("PATCH_NOT_WRITABLE");
    expect(outcome(new Div(), "styles", {})).toBe("PATCH_NOT_WRITABLE");
  });

  it("make models findable by tags", () => {
    const doc = new Document();
    const a = new Div({ tags: ["filter"] });
    const b = new Div({ tags: ["filter", "main"] });
    doc.addRoot(column(a, b, new Div()));
    expect(doc.select({ tags: ["filter"] })).toEqual([a, b]);
    expect(doc.select({ tags: ["filter", "main"] })).toEqual([b]);
  });
});
