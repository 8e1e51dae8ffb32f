import { describe, expect, it } from "vitest";
import { Document, engineOf } from "../../../../server/document/document.ts";
import { Theme } from "../../../../server/document/theme.ts";
import { figure } from "../../../../server/models/index.ts";

const greyPlots = () =>
  new Theme({ json: { attrs: { Plot: { background_fill_color: "#eeeeee" }, Grid: { grid_line_color: "#cccccc" } } } });

describe("doc.theme", () => {
  it("gives models added after it the theme's values, Bokeh's snake_case names read as camelCase", () => {
    const doc = new Document();
    doc.theme = greyPlots();
    const plot = figure();
    doc.addRoot(plot);
    expect(plot.backgroundFillColor).toBe("#eeeeee");
    expect(plot.xgrid[0]!.gridLineColor).toBe("#cccccc");
  });

  it("gives models added before it the theme's values, and sends them to the page", () => {
    const doc = new Document();
    const plot = figure();
    doc.addRoot(plot);
    const sent: unknown[] = [];
    engineOf(doc).flush();
    engineOf(doc).connect({ flush: (patch) => sent.push(...patch.ops) });
    doc.theme = "dark_minimal";
    engineOf(doc).flush();
    expect(plot.backgroundFillColor).toBe("#20262B");
    expect(plot.borderFillColor).toBe("#15191C");
    expect(sent).toContainEqual({ op: "replace", path: `/models/${plot.id}/attrs/backgroundFillColor`, value: "#20262B" });
  });

  it("leaves the values the author set alone", () => {
    const doc = new Document();
    const plot = figure({ backgroundFillColor: "#ffeeee" });
    doc.addRoot(plot);
    doc.theme = "night_sky";
    expect(plot.backgroundFillColor).toBe("#ffeeee");
    expect(plot.borderFillColor).toBe("#15191C");
  });

  it("puts the defaults back for attributes a new theme does not set, and with no theme", () => {
    const doc = new Document();
    const plot = figure();
    doc.addRoot(plot);
    doc.theme = "dark_minimal";
    doc.theme = "light_minimal";
    expect(plot.backgroundFillColor).toBe("#ffffff");
    doc.theme = "contrast";
    expect(plot.backgroundFillColor).toBe("#000000");
    doc.theme = null;
    expect(plot.borderFillColor).toBe("#ffffff");
    expect(doc.theme).toBeNull();
  });

  it("applies each built-in theme's axis and title colours to axis models", () => {
    const doc = new Document();
    const plot = figure();
    const [axis] = plot.xaxis;
    doc.addRoot(plot);
    doc.theme = "caliber";
    expect(axis!.majorLabelTextColor).toBe("#5B5B5B");
    expect(axis!.axisLineColor).toBe("#5B5B5B");
  });

  it("refuses a theme that is not Bokeh's JSON, and names the built-in ones for an unknown name", () => {
    const doc = new Document();
    expect(() => new Theme({ json: { attrs: [] as never } })).toThrow(/attrs: \{ ModelType/);
    expect(() => (doc.theme = "solarized" as never)).toThrow(/caliber, dark_minimal, light_minimal, night_sky, contrast/);
  });

  it("skips a themed value the attribute refuses and applies the rest", () => {
    const doc = new Document();
    const plot = figure();
    doc.addRoot(plot);
    doc.theme = new Theme({ json: { attrs: { Plot: { background_fill_color: "not a colour;}", border_fill_color: "#111111" } } } });
    expect(plot.backgroundFillColor).toBe("#ffffff");
    expect(plot.borderFillColor).toBe("#111111");
  });
});
