import { describe, expect, it } from "vitest";
import { Document, engineOf, type FlushedPatch } from "../../../../server/document/document.ts";
import { Slider } from "../../../../server/models/index.ts";

function attachedSlider() {
  const doc = new Document();
  const patches: FlushedPatch[] = [];
  const engine = engineOf(doc);
  engine.connect({ flush: (patch) => patches.push(patch) });
  const slider = new Slider({ start: 0, end: 10, value: 1 });
  doc.addRoot(slider);
  engine.flush();
  patches.length = 0;
  return { doc, engine, slider, patches };
}

describe("Document", () => {
  it("keeps the sync engine's plumbing out of the author's API", () => {
    const doc = new Document();
    const members = new Set([...Object.keys(doc), ...Object.getOwnPropertyNames(Document.prototype)]);
    const plumbing = [
      "state",
      "seq",
      "flush",
      "release",
      "settle",
      "onFlush",
      "onError",
      "runTask",
      "readAttr",
      "writeAttr",
      "notifyChange",
      "runCallback",
      "callbacks",
    ];
    expect(plumbing.filter((name) => members.has(name))).toEqual([]);
    expect([...members]).toEqual(expect.arrayContaining(["session", "addRoot", "roots", "getModelByName", "batch", "addPeriodicCallback"]));
  });
});

describe("DocumentEngine", () => {
  describe("#runTurn", () => {
    it("sends what the turn and the async callbacks it started change as one patch, once they settle", async () => {
      const { engine, slider, patches } = attachedSlider();
      slider.onChange("value", async () => {
        await new Promise((resolve) => setImmediate(resolve));
        slider.title = "moved";
      });
      await engine.runTurn(() => (slider.value = 4));
      expect(patches).toHaveLength(1);
      expect(patches[0]!.ops.map((op) => op.path.split("/").at(-1))).toEqual(["value", "title"]);
    });

    it("still sends what a failing turn changed before it threw, and rethrows", async () => {
      const { engine, slider, patches } = attachedSlider();
      const failing = engine.runTurn(() => {
        slider.value = 5;
        throw new Error("refused");
      });
      await expect(failing).rejects.toThrow("refused");
      expect(patches.flatMap((patch) => patch.ops)).toEqual([expect.objectContaining({ op: "replace", value: 5 })]);
    });
  });
});
