import { describe, expect, it } from "vitest";
import { Document, engineOf } from "../../../../server/document/document.ts";
import { CheckboxButtonGroup, CheckboxGroup, Dropdown, RadioButtonGroup, Switch, menuItems } from "../../../../server/models/index.ts";
import { EventPayloadError } from "../../../../server/models/events.ts";
import { outcome } from "../../../helpers/client-writes.ts";

describe("CheckboxGroup and CheckboxButtonGroup", () => {
  for (const Group of [CheckboxGroup, CheckboxButtonGroup]) {
    it(`${Group.type} accepts indices of its labels, each once`, () => {
      const group = new Group({ labels: ["a", "b", "c"], active: [0] });
      expect(outcome(group, "active", [0, 2])).toBe("accepted");
      expect(outcome(group, "active", [])).toBe("accepted");
      expect(outcome(group, "active", "0")).toBe("PATCH_BAD_VALUE");
      expect(outcome(group, "active", [3])).toBe("PATCH_BAD_VALUE");
      expect(outcome(group, "active", [1, 1])).toBe("PATCH_BAD_VALUE");
      expect(outcome(group, "labels", ["x"])).toBe("PATCH_NOT_WRITABLE");
    });
  }
});

describe("RadioButtonGroup", () => {
  it("accepts one label index or null, nothing else", () => {
    const group = new RadioButtonGroup({ labels: ["Day", "Week"], active: 0 });
    expect(outcome(group, "active", 1)).toBe("accepted");
    expect(outcome(group, "active", null)).toBe("accepted");
    expect(outcome(group, "active", 2)).toBe("PATCH_BAD_VALUE");
    expect(outcome(group, "active", [1])).toBe("PATCH_BAD_VALUE");
  });
});

describe("Switch", () => {
  it("accepts true or false", () => {
    expect(outcome(new Switch(), "active", true)).toBe("accepted");
    expect(outcome(new Switch(), "active", "on")).toBe("PATCH_BAD_VALUE");
  });
});

describe("Dropdown", () => {
  function attached() {
    const dropdown = new Dropdown({ label: "Export", menu: ["csv", ["Excel", "xlsx"], null], split: true });
    const doc = new Document();
    doc.addRoot(dropdown);
    const items: (string | null)[] = [];
    dropdown.onClick((item) => void items.push(item));
    return { dropdown, items, engine: engineOf(doc) };
  }

  it("names its menu's items (labels and separators aside)", () => {
    expect(menuItems(["csv", ["Excel", "xlsx"], null])).toEqual(["csv", "xlsx"]);
  });

  it("calls onClick with the clicked item, and with null for the split button's own half", () => {
    const { dropdown, items } = attached();
    for (const callback of dropdown.eventCallbacks.get("menu_item_click")!) void callback({ item: "xlsx" });
    for (const callback of dropdown.eventCallbacks.get("click")!) void callback({});
    expect(items).toEqual(["xlsx", null]);
  });

  it("refuses an item that is not in the menu, or a label, before any callback runs", () => {
    const { dropdown, items } = attached();
    const [callback] = dropdown.eventCallbacks.get("menu_item_click")!;
    expect(() => callback!({ item: "Excel" })).toThrow(EventPayloadError);
    expect(() => callback!({ item: 1 })).toThrow(EventPayloadError);
    expect(() => callback!({})).toThrow(EventPayloadError);
    expect(items).toEqual([]);
  });
});
