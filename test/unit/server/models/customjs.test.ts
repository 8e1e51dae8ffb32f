import { describe, expect, it } from "vitest";
import { Button, CustomJS, Div, Slider, column } from "../../../../server/index.ts";
import { Document, engineOf } from "../../../../server/document/document.ts";
import { validateClientOps } from "../../../../server/session/client-patch.ts";

describe("CustomJS", () => {
  it("keeps its args' models as models, and they join the document with it", () => {
    const out = new Div({ text: "" });
    const callback = new CustomJS({ args: { out, factor: 2 }, code: "out.text = 'x'" });
    const slider = new Slider({ start: 0, end: 1, value: 0 });
    slider.jsOnChange("value", callback);
    const doc = new Document();
    doc.addRoot(slider);
    expect(callback.document).toBe(doc);
    expect(out.document).toBe(doc);
    expect(callback.args).toEqual({ out, factor: 2 });
    expect(engineOf(doc).state.models[callback.id!]!.attrs).toMatchObject({
      args: { out: { ref: out.id }, factor: 2 },
      triggerModels: [{ ref: slider.id }],
      triggers: ["change:value"],
    });
  });

  it("joins the document when attached to a model that is already in it", () => {
    const slider = new Slider({ start: 0, end: 1, value: 0 });
    const doc = new Document();
    doc.addRoot(slider);
    const callback = new CustomJS({ code: "" });
    slider.jsOnChange("value", callback);
    expect(callback.document).toBe(doc);
  });

  it.each([["cb_obj"], ["args"], ["not-a-name"], ["this"]])("refuses an argument named %s", (name) => {
    expect(() => new CustomJS({ args: { [name]: 1 } })).toThrow(/is not a JavaScript name/);
  });

  it("refuses attributes and events the model does not have", () => {
    const slider = new Slider({ start: 0, end: 1, value: 0 });
    const callback = new CustomJS({ code: "" });
    // @ts-expect-error a misspelt attribute
    expect(() => slider.jsOnChange("valeu", callback)).toThrow(/has no attribute "valeu"/);
    // @ts-expect-error a slider has no events
    expect(() => slider.jsOnEvent("click", callback)).toThrow(/has no event "click"/);
    // @ts-expect-error a misspelt attribute of the target
    expect(() => slider.jsLink("value", new Slider({ start: 0, end: 1, value: 0 }), "strat")).toThrow(/has no attribute "strat"/);
    expect(() => new Button({ label: "go" }).jsOnEvent("click", callback)).not.toThrow();
  });

  it("jsLink makes a callback that sets the target's attribute from the source's", () => {
    const a = new Slider({ start: 0, end: 1, value: 0 });
    const b = new Slider({ start: 0, end: 1, value: 0 });
    a.jsLink("value", b, "start");
    const [link] = [...a.jsCallbacks] as CustomJS[];
    expect(link!.args).toEqual({ other: b });
    expect(link!.code).toBe('other["start"] = cb_obj["value"];');
  });

  it("tells the page which attributes it may write, per model type", () => {
    expect(new CustomJS().clientWritable).toMatchObject({ Slider: ["value", "valueThrottled"], ColumnDataSource: ["selected"] });
  });

  it("is not client-writable: a page can change neither its code nor its args", () => {
    const slider = new Slider({ start: 0, end: 1, value: 0 });
    const callback = new CustomJS({ code: "" });
    slider.jsOnChange("value", callback);
    const doc = new Document();
    doc.addRoot(column(slider));
    for (const attr of ["code", "args", "triggers", "clientWritable"]) {
      expect(() => validateClientOps(doc, [{ op: "replace", path: `/models/${callback.id}/attrs/${attr}`, value: "alert(1)" }])).toThrow(
        /is not client-writable/,
      );
    }
  });
});
