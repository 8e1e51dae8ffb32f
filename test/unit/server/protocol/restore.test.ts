import { describe, expect, it } from "vitest";
import {
  fitRestore,
  latestEntries,
  restoreTarget,
  socketProtocols,
  tokenOfProtocols,
  type DocState,
  type RestoreEntry,
} from "../../../../server/protocol/index.ts";

const state: DocState = {
  roots: ["1"],
  models: {
    "1": { type: "Slider", name: "window", attrs: { value: 0 } },
    "2": { type: "Tabs", attrs: { active: 0 } },
    "3": { type: "Div", name: "twice", attrs: {} },
    "4": { type: "Div", name: "twice", attrs: {} },
  },
};

const entry = (over: Partial<RestoreEntry>): RestoreEntry => ({ model: "9", type: "Slider", attr: "value", value: 1, ...over });

describe("restoreTarget", () => {
  it.each<[string, Partial<RestoreEntry>, string | undefined]>([
    ["a named model by its name, whatever its old id", { name: "window", model: "77" }, "1"],
    ["an unnamed model by its id and type", { model: "2", type: "Tabs" }, "2"],
    ["nothing for an id whose model has another type", { model: "2", type: "Slider" }, undefined],
    ["nothing for an id whose model has a name (it is found by name or not at all)", { model: "1" }, undefined],
    ["nothing for a name two models share", { name: "twice", type: "Div" }, undefined],
    ["nothing for a name of another type", { name: "window", type: "Select" }, undefined],
    ["nothing for an inherited key as id", { model: "constructor", type: "Object" }, undefined],
  ])("finds %s", (_name, over, expected) => {
    expect(restoreTarget(state, entry(over))).toBe(expected);
  });
});

describe("latestEntries", () => {
  it("keeps the last entry per model and attribute, in the order of those last entries", () => {
    const entries = [entry({ name: "a", value: 1 }), entry({ name: "b", value: 2 }), entry({ name: "a", value: 3 })];
    expect(latestEntries(entries).map((e) => e.value)).toEqual([2, 3]);
  });
});

describe("fitRestore", () => {
  it("keeps the person's latest entries that fit, dropping a value too large to offer", () => {
    const huge = entry({ name: "selection", attr: "selected", value: Array.from({ length: 2000 }, (_, i) => i) });
    const small = [entry({ name: "a" }), entry({ name: "b" })];
    expect(fitRestore([huge, ...small], 1000)).toEqual(small);
    expect(fitRestore([huge, ...small])).toEqual([huge, ...small]);
  });
});

describe("socket sub-protocols", () => {
  it("carry a token beside the protocol, and read it back from the handshake header", () => {
    expect(socketProtocols()).toEqual(["aperture"]);
    expect(socketProtocols("w1-abc.1.sig")).toEqual(["aperture", "aperture-token.w1-abc.1.sig"]);
    expect(tokenOfProtocols("aperture, aperture-token.w1-abc.1.sig")).toBe("w1-abc.1.sig");
    expect(tokenOfProtocols("aperture")).toBeUndefined();
    expect(tokenOfProtocols(undefined)).toBeUndefined();
    expect(tokenOfProtocols("aperture, aperture-token.")).toBe("");
  });
});
