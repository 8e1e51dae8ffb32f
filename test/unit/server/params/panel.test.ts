import { describe, expect, it } from "vitest";
import { Document, engineOf } from "../../../../server/document/document.ts";
import { Column, Div, Row, Slider, Toggle, figure } from "../../../../server/models/index.ts";
import { defineParams } from "../../../../server/params/params.ts";
import { panel } from "../../../../server/params/panel.ts";
import { param } from "../../../../server/params/spec.ts";
import { view } from "../../../../server/params/view.ts";
import { adapters } from "../../../../server/params/widgets.ts";
import rollingParams from "../../../../examples/rolling-params/app.ts";
import { rollingMean, seaSurfaceTemperature } from "../../../../examples/rolling/data.ts";

class Settings extends defineParams({
  window: param.integer({ default: 0, bounds: [0, 30] }),
  showRaw: param.boolean(),
}) {}

describe("panel", () => {
  it("puts the widgets above the views in a column", () => {
    const settings = new Settings();
    const plot = figure();
    const shown = view(settings, () => plot);
    const layout = panel(settings, shown);
    expect(layout).toBeInstanceOf(Column);
    const [slider, checkbox, holder] = layout.children;
    expect(slider).toBeInstanceOf(Slider);
    expect(checkbox?.name).toBe("showRaw");
    expect(holder).toBe(shown.model);
    expect(shown.model.children).toEqual([plot]);
  });

  it("takes plain models and functions, and options last", () => {
    const settings = new Settings();
    const plot = figure();
    const layout = panel(settings, plot, (p) => `window ${p.window}`, {
      layout: "row",
      widgets: { widgets: { showRaw: adapters.toggle } },
    });
    expect(layout).toBeInstanceOf(Row);
    const [widgets, shownPlot, text] = layout.children as [Column, unknown, Column];
    expect(widgets.children.map((w) => w.constructor)).toEqual([Slider, Toggle]);
    expect(shownPlot).toBe(plot);
    settings.window = 4;
    expect((text.children[0] as Div).text).toBe("window 4");
  });

  it("builds a session's whole page in one line: widgets and view stay live in the document", () => {
    const doc = new Document();
    const settings = new Settings();
    doc.addRoot(panel(settings, (p) => (p.showRaw ? "raw" : `smoothed by ${p.window}`)));
    const slider = doc.getModelByName("window") as Slider;
    engineOf(doc).writeAttr(doc.getModelByName("showRaw")!, "active", true, { fromClient: true });
    engineOf(doc).writeAttr(slider, "value", 6, { fromClient: true });
    expect(settings.values).toEqual({ window: 6, showRaw: true });
    settings.showRaw = false;
    const texts = Object.values(engineOf(doc).state.models).filter((model) => model.type === "Div");
    expect(texts.map((model) => model.attrs.text)).toEqual(["smoothed by 6"]);
  });
});

describe("examples/rolling-params", () => {
  it("smooths the second line with the rolling mean of the slider's days, one session at a time", async () => {
    const [one, two] = [new Document(), new Document()];
    rollingParams(one);
    rollingParams(two);
    const slider = one.getModelByName("window") as Slider;
    expect(slider).toMatchObject({ title: "Smoothing by N Days", start: 0, end: 30, step: 1, value: 0 });

    engineOf(one).writeAttr(slider, "value", 3, { fromClient: true });
    await engineOf(one).settle();
    const sst = seaSurfaceTemperature(10_000);
    const smoothed = (doc: Document) =>
      Object.values(engineOf(doc).state.models).find((model) => model.type === "ColumnDataSource")!.attrs.data as Record<
        string,
        Float64Array
      >;
    expect(smoothed(one).smoothed).toEqual(rollingMean(sst.time, sst.temperature, 3));
    expect(smoothed(two).smoothed).toEqual(sst.temperature);
    expect((two.getModelByName("window") as Slider).value).toBe(0);
  });
});
