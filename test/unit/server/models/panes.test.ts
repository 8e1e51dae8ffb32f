import { describe, expect, it } from "vitest";
import { Accordion, Alert, Card, Div, accordion } from "../../../../server/models/index.ts";
import { outcome } from "../../../helpers/client-writes.ts";

describe("Card", () => {
  it("lets the page fold and unfold it, and nothing else", () => {
    const card = new Card({ title: "Filters", children: [new Div({ text: "x" })] });
    expect(outcome(card, "collapsed", true)).toBe("accepted");
    expect(outcome(card, "collapsed", "yes")).toBe("PATCH_BAD_VALUE");
    expect(outcome(card, "title", "Other")).toBe("PATCH_NOT_WRITABLE");
  });
});

describe("Accordion", () => {
  it("is built from [title, model] pairs, all folded", () => {
    const made = accordion(["A", new Div()], ["B", new Div()]);
    expect([made.titles, made.children.length, made.active]).toEqual([["A", "B"], 2, []]);
  });

  it("takes open card indices, one at most with toggle", () => {
    const open = accordion(["A", new Div()], ["B", new Div()]);
    expect(outcome(open, "active", [0, 1])).toBe("accepted");
    expect(outcome(open, "active", [2])).toBe("PATCH_BAD_VALUE");
    const toggled = new Accordion({ titles: ["A", "B"], children: [new Div(), new Div()], toggle: true });
    expect(outcome(toggled, "active", [1])).toBe("accepted");
    expect(outcome(toggled, "active", [0, 1])).toBe("PATCH_BAD_VALUE");
  });
});

describe("Alert", () => {
  it("takes Panel's alert types only", () => {
    expect(new Alert({ object: "Saved", alertType: "success" }).alertType).toBe("success");
    expect(() => new Alert({ alertType: "loud" as never })).toThrow(/alertType/);
  });
});
