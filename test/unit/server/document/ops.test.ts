import { applyPatch, type Operation } from "fast-json-patch";
import { enablePatches, produceWithPatches, type Patch } from "immer";
import { describe, expect, it } from "vitest";
import { Document, engineOf } from "../../../../server/document/document.ts";
import { fromImmerPatch, Outbox } from "../../../../server/document/ops.ts";
import { ColumnDataSource, Div, Slider, column, figure, type Column, type Figure } from "../../../../server/models/index.ts";
import { isTypedArray, type DocOp, type DocState } from "../../../../server/protocol/index.ts";
import { commonProps } from "../../../../server/models/common.ts";

/** What every visible model carries besides its own attributes. */
const COMMON_DEFAULTS = Object.fromEntries(Object.entries(commonProps).map(([attr, spec]) => [attr, spec.default()]));

enablePatches();

const replace = (path: string, value: unknown = 1) => ({ op: "replace", path, value }) as DocOp;
const add = (path: string, value: unknown = 1) => ({ op: "add", path, value }) as DocOp;
const remove = (path: string) => ({ op: "remove", path }) as DocOp;

function outboxOf(ops: DocOp[]): DocOp[] {
  const outbox = new Outbox();
  for (const op of ops) outbox.push(op);
  expect(outbox.size).toBe(outbox.take().length);
  for (const op of ops) outbox.push(op);
  return outbox.take();
}

/** A figure's own DataRange1d, as the document holds it: every attribute at its default. */
const FITTED_RANGE = {
  start: null,
  end: null,
  bounds: null,
  flipped: false,
  follow: null,
  followInterval: null,
  minInterval: null,
  maxInterval: null,
  rangePadding: 0.1,
  rangePaddingUnits: "percent",
};

describe("ops", () => {
  describe("Outbox", () => {
    it.each<[string, DocOp[], DocOp[]]>([
      ["keeps the last of repeated replaces of one path", [replace("/a", 1), replace("/a", 2), replace("/a", 3)], [replace("/a", 3)]],
      [
        "drops earlier ops below a replaced path",
        [replace("/m/attrs/data/x", 1), add("/m/attrs/data/y", 2), remove("/m/attrs/data/z"), replace("/m/attrs/data", {})],
        [replace("/m/attrs/data", {})],
      ],
      [
        "drops an earlier x-stream or x-patch of a replaced path",
        [
          { op: "x-stream", path: "/m/attrs/data", value: { x: [1] } },
          { op: "x-patch", path: "/m/attrs/data", value: { x: [[0, 2]] } },
          replace("/m/attrs/data", { x: [] }),
        ],
        [replace("/m/attrs/data", { x: [] })],
      ],
      [
        "stops at an add of an ancestor (it may have created the path)",
        [replace("/m/attrs/data/x", 1), add("/m/attrs/data", { x: 0 }), replace("/m/attrs/data/x", 2)],
        [replace("/m/attrs/data/x", 1), add("/m/attrs/data", { x: 0 }), replace("/m/attrs/data/x", 2)],
      ],
      [
        "stops at a replace of an ancestor, keeping the later replace below it",
        [replace("/m/attrs/data", { x: 0 }), replace("/m/attrs/data/x", 2)],
        [replace("/m/attrs/data", { x: 0 }), replace("/m/attrs/data/x", 2)],
      ],
      [
        "stops at an x-patch of the ancestor column table",
        [
          replace("/m/attrs/data/x", [1]),
          { op: "x-patch", path: "/m/attrs/data", value: { x: [[0, 5]] } },
          replace("/m/attrs/data/x", [3]),
        ],
        [
          replace("/m/attrs/data/x", [1]),
          { op: "x-patch", path: "/m/attrs/data", value: { x: [[0, 5]] } },
          replace("/m/attrs/data/x", [3]),
        ],
      ],
      [
        "stops at an x-stream of the ancestor column table",
        [replace("/m/attrs/data/x", [1]), { op: "x-stream", path: "/m/attrs/data", value: { x: [2] } }, replace("/m/attrs/data/x", [3])],
        [replace("/m/attrs/data/x", [1]), { op: "x-stream", path: "/m/attrs/data", value: { x: [2] } }, replace("/m/attrs/data/x", [3])],
      ],
      [
        "turns an add then a replace of the same path into one add",
        [add("/m/attrs/new", 1), replace("/m/attrs/new", 2)],
        [add("/m/attrs/new", 2)],
      ],
      [
        "keeps an add through several later replaces",
        [add("/roots/1", "a"), replace("/roots/1", "b"), replace("/roots/1", "c")],
        [add("/roots/1", "c")],
      ],
      [
        "does not coalesce across an array add",
        [replace("/roots/1", "a"), add("/roots/0", "x"), replace("/roots/1", "b")],
        [replace("/roots/1", "a"), add("/roots/0", "x"), replace("/roots/1", "b")],
      ],
      [
        "does not coalesce across an array remove",
        [replace("/roots/0", "a"), remove("/roots/1"), replace("/roots/0", "b")],
        [replace("/roots/0", "a"), remove("/roots/1"), replace("/roots/0", "b")],
      ],
      [
        "keeps a remove then add of one path, replacing only the add",
        [remove("/roots/0"), add("/roots/0", "x"), replace("/roots/0", "y")],
        [remove("/roots/0"), add("/roots/0", "y")],
      ],
      [
        "coalesces past replaces of unrelated paths",
        [replace("/a", 1), replace("/b", 1), replace("/a", 2)],
        [replace("/b", 1), replace("/a", 2)],
      ],
      [
        "does not treat a path with a common prefix as below",
        [replace("/m/attrs/valueThrottled", 1), replace("/m/attrs/value", 2)],
        [replace("/m/attrs/valueThrottled", 1), replace("/m/attrs/value", 2)],
      ],
      [
        "keeps a replace of a path whose ancestor was added (no add promotion from a deeper op)",
        [add("/m/attrs/data", { x: 1 }), replace("/m/attrs/data/x", 2)],
        [add("/m/attrs/data", { x: 1 }), replace("/m/attrs/data/x", 2)],
      ],
      ["never coalesces adds", [add("/roots/-", "a"), add("/roots/-", "a")], [add("/roots/-", "a"), add("/roots/-", "a")]],
    ])("%s", (_name, ops, expected) => {
      expect(outboxOf(ops)).toEqual(expected);
    });

    it("empties on take and counts its ops", () => {
      const outbox = new Outbox();
      outbox.push(replace("/a"));
      outbox.push(replace("/b"));
      expect(outbox.size).toBe(2);
      expect(outbox.take()).toHaveLength(2);
      expect(outbox.size).toBe(0);
      expect(outbox.take()).toEqual([]);
    });
  });

  describe("#fromImmerPatch", () => {
    it.each<[string, Patch, DocOp]>([
      ["a replace", { op: "replace", path: ["models", "1", "attrs", "value"], value: 3 }, replace("/models/1/attrs/value", 3)],
      ["an add with a numeric array index", { op: "add", path: ["roots", 2], value: "7" }, add("/roots/2", "7")],
      ["a remove, without a value", { op: "remove", path: ["models", "1", "attrs", "data", "y"] }, remove("/models/1/attrs/data/y")],
      ["an escaped key", { op: "replace", path: ["models", "a/b~c", "attrs", "x"], value: null }, replace("/models/a~1b~0c/attrs/x", null)],
    ])("converts %s", (_name, patch, op) => {
      const converted = fromImmerPatch(patch);
      expect(converted).toEqual(op);
      if (op.op === "remove") expect(Object.hasOwn(converted, "value")).toBe(false);
    });

    it("converts what immer really produces for array and object edits", () => {
      const base: { list: string[]; map: Record<string, number> } = { list: ["a", "b", "c"], map: { "x/y": 1 } };
      const [, patches] = produceWithPatches(base, (draft) => {
        draft.list.splice(0, 1);
        draft.map["~k"] = 2;
      });
      expect(patches.map(fromImmerPatch)).toEqual([
        replace("/list/0", "b"),
        replace("/list/1", "c"),
        remove("/list/2"),
        add("/map/~0k", 2),
      ]);
    });
  });

  describe("Document recipes (ops, replay, JSON)", () => {
    interface Fixture {
      doc: Document;
      slider: Slider;
      source: ColumnDataSource;
      layout: Column;
    }

    function makeFixture(): Fixture {
      const doc = new Document();
      const slider = new Slider({ start: 0, end: 10, value: 1, name: "n" });
      const source = new ColumnDataSource({ data: { x: [1, 2, 3], y: [4, 5, 6], t: new Float64Array([0.5, 1.5, 2.5]) } });
      const layout = column(slider);
      doc.addRoot(layout);
      doc.addRoot(source);
      engineOf(doc).flush();
      return { doc, slider, source, layout };
    }

    const cases: { name: string; recipe: (f: Fixture) => void; ops: (f: Fixture) => DocOp[]; replayable?: boolean }[] = [
      {
        name: "sets a slider value",
        recipe: ({ slider }) => (slider.value = 5),
        ops: ({ slider }) => [replace(`/models/${slider.id}/attrs/value`, 5)],
      },
      {
        name: "sets one attribute three times",
        recipe: ({ slider }) => {
          slider.value = 2;
          slider.value = 3;
          slider.value = 4;
        },
        ops: ({ slider }) => [replace(`/models/${slider.id}/attrs/value`, 4)],
      },
      {
        name: "sets two attributes of two models",
        recipe: ({ slider, layout }) => {
          slider.title = "N days";
          layout.spacing = 0;
        },
        ops: ({ slider, layout }) => [
          replace(`/models/${slider.id}/attrs/title`, "N days"),
          replace(`/models/${layout.id}/attrs/spacing`, 0),
        ],
      },
      {
        name: "changes one plain column and adds another",
        recipe: ({ source }) => (source.data = { x: [1, 2, 3], y: [4, 5, 7], t: source.data.t!, label: ["a", "b", "c"] }),
        ops: ({ source }) => [
          replace(`/models/${source.id}/attrs/data/y`, [4, 5, 7]),
          add(`/models/${source.id}/attrs/data/label`, ["a", "b", "c"]),
        ],
      },
      {
        name: "drops a column",
        recipe: ({ source }) => (source.data = { x: [1, 2, 3], t: source.data.t! }),
        ops: ({ source }) => [remove(`/models/${source.id}/attrs/data/y`)],
      },
      {
        name: "adds a child model to a layout",
        recipe: ({ layout }) => (layout.children = [...layout.children, new Div({ text: "hi" })]),
        ops: ({ doc, layout, slider }) => {
          const div = doc.getModelById(String(Number(layout.id) + 3))!;
          expect(div.type).toBe("Div");
          return [
            replace(`/models/${layout.id}/attrs/children`, [{ ref: slider.id }, { ref: div.id }]),
            add(`/models/${div.id}`, { type: "Div", attrs: { ...COMMON_DEFAULTS, text: "hi" } }),
          ];
        },
      },
      {
        name: "removes a root, and the models only it reached (Bokeh collects them)",
        recipe: ({ doc, layout }) => doc.removeRoot(layout),
        // The layout was attached first (id 1), then its slider (id 2).
        ops: ({ source }) => [replace("/roots/0", source.id), remove("/roots/1"), remove("/models/1"), remove("/models/2")],
      },
      {
        name: "adds a root built from several new models",
        recipe: ({ doc }) => {
          const plot = figure({ title: "p", tools: "pan" });
          plot.line([1, 2], [3, 4], { color: "red", name: "curve" });
          doc.addRoot(plot);
        },
        ops: ({ doc }) => {
          const renderer = doc.getModelByName("curve")!;
          const plot = doc.roots[2]!;
          const source = renderer.getAttr("source") as ColumnDataSource;
          const { xRange, yRange, toolbar } = plot as Figure;
          return [
            add("/roots/2", plot.id),
            add(
              `/models/${plot.id}`,
              expect.objectContaining({ type: "Figure", attrs: expect.objectContaining({ renderers: [{ ref: renderer.id }] }) }),
            ),
            add(`/models/${xRange.id}`, { type: "DataRange1d", attrs: FITTED_RANGE }),
            add(`/models/${yRange.id}`, { type: "DataRange1d", attrs: FITTED_RANGE }),
            add(`/models/${renderer.id}`, expect.objectContaining({ type: "GlyphRenderer", name: "curve" })),
            add(`/models/${source.id}`, { type: "ColumnDataSource", attrs: { data: { x: [1, 2], y: [3, 4] }, selected: [] } }),
            add(`/models/${toolbar.id}`, expect.objectContaining({ type: "Toolbar" })),
            add(`/models/${toolbar.tools[0]!.id}`, { type: "PanTool", attrs: { dimensions: "both" } }),
          ];
        },
      },
    ];

    function run(recipe: (f: Fixture) => void) {
      const fixture = makeFixture();
      const flushed: DocOp[][] = [];
      engineOf(fixture.doc).connect({ flush: (patch) => flushed.push(patch.ops) });
      const before = structuredClone(engineOf(fixture.doc).state);
      recipe(fixture);
      engineOf(fixture.doc).flush();
      expect(flushed).toHaveLength(1);
      return { fixture, before, ops: flushed[0]!, after: engineOf(fixture.doc).state };
    }

    describe.each(cases)("$name", ({ recipe, ops: expectedOps }) => {
      it("produces the expected ops", () => {
        const { fixture, ops } = run(recipe);
        expect(ops).toEqual(expectedOps(fixture));
      });

      it("replays: the ops applied to the state before give the state after", () => {
        const { before, ops, after } = run(recipe);
        const replayed = applyPatch<DocState>(structuredClone(before), structuredClone(ops) as Operation[], true, true, true).newDocument;
        expect(replayed).toEqual(after);
      });

      it("survives a JSON round trip unchanged", () => {
        const { ops } = run(recipe);
        expect(JSON.parse(JSON.stringify(ops))).toEqual(ops);
      });
    });

    it("streams typed rows as an x-stream op the client applies itself", () => {
      const { fixture, ops, after } = run(({ source }) => source.stream({ x: [4], y: [7], t: [3.5] }, 3));
      expect(ops).toEqual([
        {
          op: "x-stream",
          path: `/models/${fixture.source.id}/attrs/data`,
          value: { x: [4], y: [7], t: new Float64Array([3.5]) },
          rollover: 3,
        },
      ]);
      expect(after.models[fixture.source.id!]!.attrs.data).toEqual({ x: [2, 3, 4], y: [5, 6, 7], t: new Float64Array([1.5, 2.5, 3.5]) });
    });

    it("emits JSON-safe ops: no undefined values, Maps or Sets", () => {
      const { ops } = run(({ slider, layout }) => {
        slider.value = 3;
        layout.children = [];
      });
      const visit = (value: unknown): void => {
        expect(value).not.toBeUndefined();
        expect(value).not.toBeInstanceOf(Map);
        expect(value).not.toBeInstanceOf(Set);
        if (isTypedArray(value)) return;
        if (typeof value === "object" && value !== null) for (const item of Object.values(value)) visit(item);
      };
      visit(ops);
    });
  });
});
