import { describe, expect, it } from "vitest";
import { JsCallbacks } from "../../../client/customjs.ts";
import { ClientDocument } from "../../../client/document.ts";
import { Button, ColumnDataSource, CustomJS, Div, Slider, column } from "../../../server/index.ts";
import { Document, engineOf } from "../../../server/document/document.ts";
import type { ClientMessage, DocState, ModelId } from "../../../server/protocol/index.ts";

/** A page's document mirroring `build`'s server document, with its CustomJS runtime. */
function page(build: (doc: Document) => void) {
  const server = new Document();
  build(server);
  const state = structuredClone<DocState>(engineOf(server).state);
  const sent: ClientMessage[] = [];
  const errors: string[] = [];
  const doc: ClientDocument = new ClientDocument({
    send: (message) => sent.push(message),
    onChange: (changes) => callbacks.update(changes),
    onServerError: () => {},
    onEvent: (model, name, payload) => callbacks.event(model, name, payload),
  });
  const callbacks = new JsCallbacks(doc, (message) => errors.push(message));
  doc.receiveDoc({ kind: "doc", seq: 1, doc: state });
  const id = (name: string): ModelId => server.getModelByName(name)!.id!;
  const attr = (name: string, key: string) => doc.state.models[id(name)]!.attrs[key];
  return { doc, sent, errors, id, attr };
}

describe("JsCallbacks", () => {
  it("runs a jsOnChange callback when the page changes the attribute, with its args and cb_obj", () => {
    const { doc, id, attr } = page((d) => {
      const k = new Slider({ name: "k", start: 0, end: 10, value: 1 });
      const out = new Div({ name: "out", text: "" });
      k.jsOnChange("value", new CustomJS({ args: { out, factor: 10 }, code: "out.text = String(cb_obj.value * factor)" }));
      d.addRoot(column(k, out));
    });
    doc.set(id("k"), "value", 3);
    expect(attr("out", "text")).toBe("30");
  });

  it("runs it for a change the server sends too, and not for another attribute's", () => {
    const { doc, id, attr } = page((d) => {
      const k = new Slider({ name: "k", start: 0, end: 10, value: 1, title: "k" });
      const out = new Div({ name: "out", text: "" });
      k.jsOnChange("value", new CustomJS({ args: { out }, code: "out.text += 'x'" }));
      d.addRoot(column(k, out));
    });
    doc.receivePatch({ kind: "patch", seq: 2, ops: [{ op: "replace", path: `/models/${id("k")}/attrs/title`, value: "K" }] });
    expect(attr("out", "text")).toBe("");
    doc.receivePatch({ kind: "patch", seq: 3, ops: [{ op: "replace", path: `/models/${id("k")}/attrs/value`, value: 4 }] });
    expect(attr("out", "text")).toBe("x");
  });

  it("sends what it assigns to a client-writable attribute, and keeps the rest in the page", () => {
    const { doc, sent, id, attr } = page((d) => {
      const k = new Slider({ name: "k", start: 0, end: 10, value: 1 });
      const other = new Slider({ name: "other", start: 0, end: 10, value: 0 });
      const out = new Div({ name: "out", text: "" });
      k.jsOnChange("value", new CustomJS({ args: { other, out }, code: "other.value = cb_obj.value; out.text = 'moved'" }));
      d.addRoot(column(k, other, out));
    });
    doc.set(id("k"), "value", 5);
    const paths = sent.flatMap((message) => (message.kind === "patch" ? message.ops.map((op) => op.path) : []));
    expect(paths).toEqual([`/models/${id("k")}/attrs/value`, `/models/${id("other")}/attrs/value`]);
    expect(attr("out", "text")).toBe("moved");
  });

  it("jsLink keeps the target equal to the source attribute", () => {
    const { doc, id, attr } = page((d) => {
      const a = new Slider({ name: "a", start: 0, end: 10, value: 1 });
      const b = new Slider({ name: "b", start: 0, end: 10, value: 1 });
      a.jsLink("value", b, "value");
      d.addRoot(column(a, b));
    });
    doc.set(id("a"), "value", 7);
    expect(attr("b", "value")).toBe(7);
  });

  it("source.change.emit() after an in-place edit gives the page new column arrays", () => {
    const { doc, id, attr } = page((d) => {
      const k = new Slider({ name: "k", start: 0, end: 10, value: 1 });
      const source = new ColumnDataSource({ name: "source", data: { y: [1, 2, 3] } });
      k.jsOnChange("value", new CustomJS({ args: { source }, code: "source.data.y[0] = cb_obj.value; source.change.emit()" }));
      d.addRoot(column(k, new Div({ text: "" })));
      d.addRoot(source);
    });
    const before = (attr("source", "data") as { y: number[] }).y;
    doc.set(id("k"), "value", 9);
    const after = (attr("source", "data") as { y: number[] }).y;
    expect(after).toEqual([9, 2, 3]);
    expect(after).not.toBe(before);
  });

  it("runs a jsOnEvent callback with the event's payload as cb_data before the event is sent", () => {
    const { doc, sent, id, attr } = page((d) => {
      const button = new Button({ name: "go", label: "Go" });
      const out = new Div({ name: "out", text: "" });
      button.jsOnEvent("click", new CustomJS({ args: { out }, code: "out.text = 'clicked ' + JSON.stringify(cb_data)" }));
      d.addRoot(column(button, out));
    });
    doc.event(id("go"), "click", { n: 1 });
    expect(attr("out", "text")).toBe('clicked {"n":1}');
    expect(sent.at(-1)).toMatchObject({ kind: "event", name: "click" });
  });

  it("says when a callback throws, and when callbacks set each other off without end", () => {
    const { doc, errors, id } = page((d) => {
      const a = new Slider({ name: "a", start: 0, end: 1_000, value: 0 });
      const b = new Slider({ name: "b", start: 0, end: 1_000, value: 0 });
      a.jsOnChange("value", new CustomJS({ args: { b }, code: "b.value = cb_obj.value + 1" }));
      b.jsOnChange("value", new CustomJS({ args: { a }, code: "a.value = cb_obj.value + 1" }));
      const c = new Slider({ name: "c", start: 0, end: 1, value: 0 });
      c.jsOnChange("value", new CustomJS({ code: "throw new Error('no such thing')" }));
      d.addRoot(column(a, b, c));
    });
    doc.set(id("c"), "value", 1);
    expect(errors).toEqual(["CustomJS failed: no such thing"]);
    doc.set(id("a"), "value", 1);
    expect(errors.at(-1)).toMatch(/more than 16 deep/);
  });
});
