import { describe, expect, it } from "vitest";
import { Document, engineOf, type FlushedPatch } from "../../../../server/document/document.ts";
import type { Notification } from "../../../../server/document/engine.ts";
import { Div, Slider, TextInput, column } from "../../../../server/models/index.ts";

function watched() {
  const doc = new Document();
  const notifications: Notification[] = [];
  const patches: FlushedPatch[] = [];
  const errors: unknown[] = [];
  engineOf(doc).connect({
    notify: (n) => notifications.push(n),
    flush: (patch) => patches.push(patch),
    error: (error) => errors.push(error),
  });
  return { doc, notifications, patches, errors, ops: () => patches.flatMap((patch) => patch.ops) };
}

function withSlider() {
  const made = watched();
  const slider = new Slider({ name: "s", start: 0, end: 10, value: 1 });
  made.doc.addRoot(slider);
  engineOf(made.doc).flush();
  made.patches.length = 0;
  return { ...made, slider, path: `/models/${slider.id}/attrs/value` };
}

const microtasks = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe("Document (Bokeh's and Panel's author API)", () => {
  describe("#notify", () => {
    it("sends a toast with Panel's defaults: info, 3000 ms", () => {
      const { doc, notifications } = watched();
      doc.notify("A new dam has been added");
      doc.notify("Saved", { level: "success", duration: 0 });
      expect(notifications).toEqual([
        { message: "A new dam has been added", level: "info", duration: 3000 },
        { message: "Saved", level: "success", duration: 0 },
      ]);
    });

    it("refuses an unknown level or a negative duration, and cuts long messages", () => {
      const { doc, notifications } = watched();
      expect(() => doc.notify("x", { level: "loud" as never })).toThrow(/level/);
      expect(() => doc.notify("x", { duration: -1 })).toThrow(/duration/);
      doc.notify("y".repeat(5000));
      expect(notifications.map((n) => n.message.length)).toEqual([1000]);
    });
  });

  describe("#hold and #unhold", () => {
    it("keep changes until unhold, then send the last value of each attribute (combine)", async () => {
      const { doc, slider, patches, path } = withSlider();
      doc.hold();
      slider.value = 2;
      slider.value = 3;
      await microtasks();
      expect(patches).toHaveLength(0);
      doc.unhold();
      await microtasks();
      expect(patches.map((patch) => patch.ops)).toEqual([[{ op: "replace", path, value: 3 }]]);
    });

    it("send every change in order with the collect policy", async () => {
      const { doc, slider, ops, path } = withSlider();
      doc.hold("collect");
      slider.value = 2;
      slider.value = 3;
      doc.unhold();
      await microtasks();
      expect(ops()).toEqual([
        { op: "replace", path, value: 2 },
        { op: "replace", path, value: 3 },
      ]);
    });

    it("do nothing when unheld twice or held twice with one policy, and refuse a second policy", () => {
      const { doc } = withSlider();
      doc.unhold();
      doc.hold("collect");
      doc.hold("collect");
      expect(() => doc.hold("combine")).toThrow(/already held/);
      doc.unhold();
      doc.unhold();
      expect(() => doc.hold("later" as never)).toThrow(/policy/);
    });

    it("end when a turn throws inside a hold, so the page keeps updating", async () => {
      const { doc, slider, ops, path } = withSlider();
      const engine = engineOf(doc);
      await expect(
        engine.runTurn(() => {
          doc.hold();
          slider.value = 2;
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(ops()).toEqual([{ op: "replace", path, value: 2 }]);
      slider.value = 4;
      await microtasks();
      expect(ops().at(-1)).toEqual({ op: "replace", path, value: 4 });
    });

    it("end when a callback fails during a held turn", async () => {
      const { doc, slider, ops, errors, path } = withSlider();
      slider.onChange("value", () => {
        throw new Error("callback failed");
      });
      await engineOf(doc).runTurn(() => {
        doc.hold();
        slider.value = 5;
      });
      expect(errors).toHaveLength(1);
      expect(ops()).toEqual([{ op: "replace", path, value: 5 }]);
    });

    it("last across turns while nothing fails (Bokeh's hold in one callback, unhold in another)", async () => {
      const { doc, slider, patches } = withSlider();
      const engine = engineOf(doc);
      await engine.runTurn(() => {
        doc.hold();
        slider.value = 6;
      });
      expect(patches).toHaveLength(0);
      await engine.runTurn(() => doc.unhold());
      expect(patches).toHaveLength(1);
    });
  });

  describe("#title", () => {
    it("is part of the document state and changes by a patch", async () => {
      const { doc, ops } = watched();
      expect(doc.title).toBe("");
      doc.title = "Dams";
      await microtasks();
      expect(doc.title).toBe("Dams");
      expect(engineOf(doc).state.title).toBe("Dams");
      expect(ops()).toEqual([{ op: "add", path: "/title", value: "Dams" }]);
      expect(() => ((doc as { title: unknown }).title = 5)).toThrow(TypeError);
    });
  });

  describe("#clear", () => {
    it("removes every root and model, and the models can join a document again", () => {
      const { doc, slider } = withSlider();
      slider.value = 7;
      doc.clear();
      expect([doc.roots, engineOf(doc).state.models, slider.document]).toEqual([[], {}, undefined]);
      expect(slider.value).toBe(7);
      const other = new Document();
      other.addRoot(column(slider));
      expect(other.getModelByName("s")).toBe(slider);
    });
  });

  describe("#select and #selectOne", () => {
    it("find models by type (class or name), name, and both", () => {
      const doc = new Document();
      const a = new Slider({ name: "a" });
      const b = new Slider({ name: "b" });
      const text = new TextInput({ name: "a" });
      doc.addRoot(column(a, b, text, new Div()));
      expect(doc.select({ type: Slider })).toEqual([a, b]);
      expect(doc.select({ name: "a" })).toEqual([a, text]);
      expect(doc.select({ type: "TextInput", name: "a" })).toEqual([text]);
      expect(doc.selectOne({ name: "b" })).toBe(b);
      expect(doc.selectOne({ name: "zzz" })).toBeUndefined();
      expect(() => doc.selectOne({ type: Slider })).toThrow(/found 2/);
    });
  });
});
