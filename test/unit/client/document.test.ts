import { describe, expect, it } from "vitest";
import { ClientDocument, type ServerError } from "../../../client/document.ts";
import type { Changes } from "../../../client/patch/changes.ts";
import type { ClientMessage, DocState } from "../../../server/protocol/index.ts";

function makeState(): DocState {
  return {
    roots: ["row"],
    models: {
      row: { type: "Row", attrs: { children: [{ ref: "s" }, { ref: "fig" }], spacing: 0 } },
      s: { type: "Slider", name: "window", attrs: { value: 0, valueThrottled: 0, start: 0, end: 30, step: 1 } },
      fig: { type: "Figure", attrs: { renderers: [], xRange: null } },
    },
  };
}

function makeDoc() {
  const sent: ClientMessage[] = [];
  const changes: Changes[] = [];
  const errors: ServerError[] = [];
  const doc = new ClientDocument({
    send: (message) => sent.push(message),
    onChange: (change) => changes.push(change),
    onServerError: (error) => errors.push(error),
  });
  return { doc, sent, changes, errors };
}

function loaded(seq = 5) {
  const made = makeDoc();
  made.doc.receiveDoc({ kind: "doc", seq, doc: makeState() });
  made.changes.length = 0;
  return made;
}

describe("ClientDocument", () => {
  describe("#receiveDoc", () => {
    it("reports every model and the roots on the first snapshot", () => {
      const { doc, changes } = makeDoc();
      doc.receiveDoc({ kind: "doc", seq: 3, doc: makeState() });
      expect(doc.loaded).toBe(true);
      expect(doc.seq).toBe(3);
      expect(changes[0]!.roots).toBe(true);
      expect(new Set(changes[0]!.models)).toEqual(new Set(["row", "s", "fig"]));
    });

    it("reports only the models that differ when a snapshot replaces a shown document", () => {
      const { doc, changes } = loaded();
      const next = makeState();
      next.models.s!.attrs.value = 9;
      next.models.d = { type: "Div", attrs: { text: "" } };
      delete next.models.fig;
      doc.receiveDoc({ kind: "doc", seq: 9, doc: next });
      expect(changes[0]!.roots).toBe(false);
      expect(new Set(changes[0]!.models)).toEqual(new Set(["s", "d", "fig"]));
      expect(doc.state).toBe(next);
    });
  });

  describe("#receivePatch", () => {
    it("applies the ops, advances seq and reports the touched models", () => {
      const { doc, changes, sent } = loaded();
      doc.receivePatch({ kind: "patch", seq: 6, ops: [{ op: "replace", path: "/models/s/attrs/end", value: 60 }] });
      expect(doc.state.models.s!.attrs.end).toBe(60);
      expect(doc.seq).toBe(6);
      expect([...changes[0]!.models]).toEqual(["s"]);
      expect(sent).toEqual([]);
    });

    it("pulls the document again when an op cannot be applied", () => {
      const { doc, sent } = loaded();
      doc.receivePatch({ kind: "patch", seq: 6, ops: [{ op: "replace", path: "/models/gone/attrs/x", value: 1 }] });
      expect(sent).toEqual([{ kind: "pull-doc", reqId: 1 }]);
    });
  });

  describe("#set", () => {
    it("applies locally, reports the model and sends a replace based on the last seq", () => {
      const { doc, changes, sent } = loaded(5);
      doc.set("s", "value", 4);
      expect(doc.state.models.s!.attrs.value).toBe(4);
      expect([...changes[0]!.models]).toEqual(["s"]);
      expect(sent).toEqual([{ kind: "patch", reqId: 1, baseSeq: 5, ops: [{ op: "replace", path: "/models/s/attrs/value", value: 4 }] }]);
    });

    it("sends nothing when the value is unchanged", () => {
      const { doc, changes, sent } = loaded();
      doc.set("s", "value", 0);
      doc.set("fig", "xRange", null);
      expect(sent).toEqual([]);
      expect(changes).toEqual([]);
    });

    it("sends only the changed attributes of an update, in one message", () => {
      const { doc, sent } = loaded();
      doc.set("s", "value", 3);
      doc.update("s", { value: 3, valueThrottled: 3 });
      expect(sent.map((message) => message.kind === "patch" && message.ops.map((op) => op.path))).toEqual([
        ["/models/s/attrs/value"],
        ["/models/s/attrs/valueThrottled"],
      ]);
    });

    it("uses the seq of the last ack as the base of the next patch", () => {
      const { doc, sent } = loaded(5);
      doc.set("s", "value", 1);
      doc.receiveAck({ kind: "ack", reqId: 1, seq: 7 });
      doc.set("s", "value", 2);
      expect(sent[1]).toMatchObject({ kind: "patch", reqId: 2, baseSeq: 7 });
      expect(doc.pending.has(1)).toBe(false);
    });

    it("ignores unknown models", () => {
      const { doc, sent } = loaded();
      doc.set("nope", "value", 1);
      expect(sent).toEqual([]);
    });
  });

  describe("#event", () => {
    it("sends a model event with a fresh reqId", () => {
      const { doc, sent } = loaded();
      doc.set("s", "value", 1);
      doc.event("b", "click");
      expect(sent[1]).toEqual({ kind: "event", reqId: 2, model: "b", name: "click", payload: {} });
    });
  });

  describe("#receiveError", () => {
    it("reports the error and re-pulls the document when the server refused a patch", () => {
      const { doc, sent, errors } = loaded();
      doc.set("s", "value", 99);
      doc.receiveError({ kind: "error", reqId: 1, code: "PATCH_BAD_VALUE", message: "out of bounds" });
      expect(errors).toHaveLength(1);
      expect(sent[1]).toEqual({ kind: "pull-doc", reqId: 2 });
    });

    it("does not re-pull after a callback failure, and keeps the write pending until its ack", () => {
      const { doc, sent } = loaded();
      doc.set("s", "value", 1);
      doc.receiveError({ kind: "error", reqId: 1, code: "CALLBACK_FAILED", message: "boom" });
      expect(sent.map((message) => message.kind)).toEqual(["patch"]);
      expect([...doc.pending.keys()]).toEqual([1]);
      doc.receiveAck({ kind: "ack", reqId: 1, seq: 1 });
      expect(doc.pending.size).toBe(0);
    });

    it("re-pulls after a version conflict: a snapshot may have shown the refused value over the server's", () => {
      const { doc, sent } = loaded();
      doc.set("s", "value", 2);
      doc.receiveError({ kind: "error", reqId: 1, code: "DOC_VERSION_CONFLICT", message: "stale" });
      expect(sent.map((message) => message.kind)).toEqual(["patch", "pull-doc"]);
    });
  });

  describe("#receiveDoc after a reconnect", () => {
    const snapshotWith = (value: number): DocState => {
      const state = makeState();
      state.models.s!.attrs.value = value;
      return state;
    };

    it("shows this page's unsettled writes over a snapshot that does not have them yet", () => {
      const { doc } = loaded();
      doc.set("s", "value", 7);
      doc.receiveDoc({ kind: "doc", seq: 5, doc: snapshotWith(0) });
      expect(doc.state.models.s!.attrs.value).toBe(7);
      doc.receiveAck({ kind: "ack", reqId: 1, seq: 6 });
      doc.receiveDoc({ kind: "doc", seq: 6, doc: snapshotWith(3) });
      expect(doc.state.models.s!.attrs.value).toBe(3);
    });
  });
});

describe("ClientDocument#restoreEntries", () => {
  it("offers each attribute the person set, as the page shows it now, in the order of their latest setting", () => {
    const { doc } = loaded();
    doc.set("s", "value", 4);
    doc.set("fig", "xRange", [1, 2]);
    doc.set("s", "value", 9);
    doc.receivePatch({ kind: "patch", seq: 6, ops: [{ op: "replace", path: "/models/s/attrs/value", value: 10 }] });
    expect(doc.restoreEntries()).toEqual([
      { model: "fig", type: "Figure", attr: "xRange", value: [1, 2] },
      { model: "s", type: "Slider", name: "window", attr: "value", value: 10 },
    ]);
  });

  it("offers nothing the server alone changed", () => {
    const { doc } = loaded();
    doc.receivePatch({ kind: "patch", seq: 6, ops: [{ op: "replace", path: "/models/s/attrs/value", value: 10 }] });
    expect(doc.restoreEntries()).toEqual([]);
  });

  it("keeps what a lost session's page offered, offered again before and after the new snapshot (found by name)", () => {
    const restore = [{ model: "old", type: "Slider", name: "window", attr: "value", value: 7 }];
    const doc = new ClientDocument({ send: () => {}, onChange: () => {}, onServerError: () => {}, restore });
    expect(doc.restoreEntries()).toEqual(restore);
    const state = makeState();
    state.models.s!.attrs.value = 7;
    doc.receiveDoc({ kind: "doc", seq: 1, doc: state });
    expect(doc.restoreEntries()).toEqual([{ model: "s", type: "Slider", name: "window", attr: "value", value: 7 }]);
  });
});
