import { describe, expect, expectTypeOf, it } from "vitest";
import { Document, type FlushedPatch, engineOf } from "../../../../server/document/document.ts";
import type { Model } from "../../../../server/document/model.ts";
import { Checkbox, ColumnDataSource, RangeSlider, Select, Slider, TextInput, Toggle } from "../../../../server/models/index.ts";
import { ParamError, defineParams } from "../../../../server/params/params.ts";
import { param } from "../../../../server/params/spec.ts";
import { view } from "../../../../server/params/view.ts";
import { adapters, labelFromName, widgetsFor } from "../../../../server/params/widgets.ts";

const day = (text: string) => new Date(`${text}T00:00:00Z`);

class Settings extends defineParams({
  window: param.integer({ default: 0, bounds: [0, 30], label: "Smoothing by N Days" }),
  threshold: param.number({ default: 1.5 }),
  scale: param.select({ options: [1, 10, [100, "hundred"]], default: 10 }),
  span: param.range({ default: [2, 5], bounds: [0, 10], step: 0.5 }),
  showRaw: param.boolean({ default: true }),
  station: param.string({ default: "Portsmouth" }),
  start: param.date({ default: day("2016-01-01") }),
}) {}

/** A document holding the widgets, its first patch sent; later patches and callback errors collected. */
function mount(...models: Model[]) {
  const doc = new Document();
  const patches: FlushedPatch[] = [];
  const errors: unknown[] = [];
  engineOf(doc).connect({ flush: (patch) => patches.push(patch) });
  engineOf(doc).connect({ error: (error) => errors.push(error) });
  for (const model of models) doc.addRoot(model);
  engineOf(doc).flush();
  patches.length = 0;
  /** What the session does with a page's write: apply it (not echoed), run callbacks, flush. */
  const pageWrites = async (model: Model, attr: string, value: unknown) => {
    engineOf(doc).writeAttr(model, attr, value, { fromClient: true });
    await engineOf(doc).settle();
    engineOf(doc).flush();
  };
  const ops = () => patches.flatMap((patch) => patch.ops);
  return { doc, errors, pageWrites, ops };
}

describe("widgetsFor", () => {
  it("makes the widget each declaration calls for, named and labelled after it", () => {
    const w = widgetsFor(new Settings());
    expect(w.window).toBeInstanceOf(Slider);
    expect(w.window).toMatchObject({ name: "window", title: "Smoothing by N Days", start: 0, end: 30, step: 1, value: 0 });
    expect(w.threshold).toBeInstanceOf(TextInput);
    expect(w.threshold).toMatchObject({ name: "threshold", title: "Threshold", value: "1.5" });
    expect(w.scale).toBeInstanceOf(Select);
    expect(w.scale).toMatchObject({
      options: [
        ["1", "1"],
        ["10", "10"],
        ["100", "hundred"],
      ],
      value: "10",
    });
    expect(w.span).toBeInstanceOf(RangeSlider);
    expect(w.span).toMatchObject({ start: 0, end: 10, step: 0.5, value: [2, 5] });
    expect(w.showRaw).toBeInstanceOf(Checkbox);
    expect(w.showRaw).toMatchObject({ label: "Show raw", active: true });
    expect(w.station).toMatchObject({ value: "Portsmouth" });
    expect(w.start).toMatchObject({ value: "2016-01-01", placeholder: "YYYY-MM-DD" });
    expectTypeOf(w.window).toEqualTypeOf<Slider>();
    expectTypeOf(w.threshold).toEqualTypeOf<Slider | TextInput>();
    expectTypeOf(w.span).toEqualTypeOf<RangeSlider>();
    expectTypeOf(w.showRaw).toEqualTypeOf<Checkbox>();
  });

  it("takes a subset, a name prefix and other widgets when asked", () => {
    const w = widgetsFor(new Settings(), { only: ["showRaw", "window"], namePrefix: "sst-", widgets: { showRaw: adapters.toggle } });
    expect(Object.keys(w)).toEqual(["showRaw", "window"]);
    expect(w.showRaw).toBeInstanceOf(Toggle);
    expectTypeOf(w.showRaw).toEqualTypeOf<Toggle>();
    expectTypeOf(w).not.toHaveProperty("scale");
    expect(w.window.name).toBe("sst-window");
  });

  it("labels unlabelled parameters the way Param does", () => {
    expect(["window", "maxDepth", "max_depth", "showRaw"].map(labelFromName)).toEqual(["Window", "Max depth", "Max depth", "Show raw"]);
  });
});

describe("widget → parameter", () => {
  it("sets the parameter from the page and re-runs only the views that depend on it", async () => {
    const settings = new Settings();
    const { window, scale, span, showRaw, start } = widgetsFor(settings);
    const source = new ColumnDataSource({ data: { y: [0] } });
    const byWindow = view(settings, (p) => void (source.data = { y: [p.window] }));
    const byScale = view(settings, (p) => p.scale);
    const { pageWrites, ops } = mount(window, scale, span, showRaw, start, source);

    await pageWrites(window, "value", 5);
    expect(settings.window).toBe(5);
    expect([byWindow.runs, byScale.runs]).toEqual([2, 1]);
    // The page's own write is not echoed; what the view changed is sent.
    expect(ops()).toEqual([{ op: "replace", path: `/models/${source.id}/attrs/data/y`, value: [5] }]);

    await pageWrites(scale, "value", "100");
    await pageWrites(span, "value", [1, 9]);
    await pageWrites(showRaw, "active", false);
    await pageWrites(start, "value", "2016-02-29");
    expect(settings.values).toMatchObject({ scale: 100, span: [1, 9], showRaw: false, start: day("2016-02-29") });
    expect([byWindow.runs, byScale.runs]).toEqual([2, 2]);
  });

  it("snaps a refused value back and reports it, naming the parameter, value and rule", async () => {
    const settings = new Settings({ threshold: 2 });
    const { threshold, start } = widgetsFor(settings);
    const { pageWrites, ops, errors } = mount(threshold, start);

    await pageWrites(threshold, "value", "two");
    expect(settings.threshold).toBe(2);
    expect(threshold.value).toBe("2");
    expect(ops()).toEqual([{ op: "replace", path: `/models/${threshold.id}/attrs/value`, value: "2" }]);
    expect(errors).toEqual([new ParamError("threshold", "two", "must be a number", "Settings")]);
    expect(String(errors[0])).toBe('ParamError: Settings.threshold cannot be "two": must be a number');

    await pageWrites(start, "value", "2016-13-45");
    expect(start.value).toBe("2016-01-01");
    expect(errors).toHaveLength(2);
  });

  it("with throttled sliders, sets the parameter on release, not while dragging", async () => {
    const settings = new Settings();
    const { window } = widgetsFor(settings, { throttled: true });
    const { pageWrites } = mount(window);
    await pageWrites(window, "value", 4);
    expect(settings.window).toBe(0);
    await pageWrites(window, "valueThrottled", 4);
    expect(settings.window).toBe(4);
  });

  it("refuses a parameter set shared by two sessions' documents", async () => {
    const shared = new Settings();
    const first = widgetsFor(shared);
    const second = widgetsFor(shared);
    const one = mount(first.window);
    const two = mount(second.window);
    await one.pageWrites(first.window, "value", 3);
    await two.pageWrites(second.window, "value", 4);
    expect(String(two.errors[0])).toMatch(/is shared by two sessions; create it inside the handler \(`new Settings\(\)`\)/);
    expect(shared.window).toBe(3);
  });
});

describe("parameter → widget", () => {
  it("moves every widget of a parameter set on the server, and sends the change", () => {
    const settings = new Settings();
    const { window, scale, span, showRaw, station, start } = widgetsFor(settings);
    const { doc, ops } = mount(window, scale, span, showRaw, station, start);

    void settings.set({ window: 7, scale: 1, span: [0, 10], showRaw: false, station: "Boston", start: day("2016-03-01") });
    engineOf(doc).flush();
    expect(window).toMatchObject({ value: 7, valueThrottled: 7 });
    expect(scale.value).toBe("1");
    expect(span.value).toEqual([0, 10]);
    expect(showRaw.active).toBe(false);
    expect(station.value).toBe("Boston");
    expect(start.value).toBe("2016-03-01");
    expect(ops()).toContainEqual({ op: "replace", path: `/models/${window.id}/attrs/value`, value: 7 });
    expect(ops()).toContainEqual({ op: "replace", path: `/models/${start.id}/attrs/value`, value: "2016-03-01" });
  });

  it("shows the value a view settled on, not the one the page or server asked for", async () => {
    const settings = new Settings();
    view(settings, (p) => {
      if (p.window > 20) p.window = 20;
    });
    const { window } = widgetsFor(settings);
    const { doc, pageWrites, ops } = mount(window);
    await pageWrites(window, "value", 25);
    expect([settings.window, window.value]).toEqual([20, 20]);
    expect(ops()).toContainEqual({ op: "replace", path: `/models/${window.id}/attrs/value`, value: 20 });

    const late = widgetsFor(settings, { namePrefix: "late-" }).window;
    doc.addRoot(late);
    settings.window = 28;
    expect([settings.window, window.value, late.value]).toEqual([20, 20, 20]);
  });

  it("keeps two widget sets of one parameter in step, page write included", async () => {
    const settings = new Settings();
    const left = widgetsFor(settings, { only: ["window"] });
    const right = widgetsFor(settings, { only: ["window"], namePrefix: "copy-" });
    const { pageWrites, ops } = mount(left.window, right.window);
    await pageWrites(left.window, "value", 12);
    expect(right.window.value).toBe(12);
    expect(ops()).toContainEqual({ op: "replace", path: `/models/${right.window.id}/attrs/value`, value: 12 });
    expect(ops().some((op) => op.path.startsWith(`/models/${left.window.id}/`))).toBe(false);
  });
});
