import { describe, expect, it } from "vitest";
import type { DocState, Value } from "../../../../server/protocol/index.ts";
import { READABLE_WIDTH, fillOf, sizeStyles, sizingOf } from "../../../../client/render/sizing.ts";

type Models = Record<string, { type: string; attrs: Record<string, Value> }>;
const stateOf = (models: Models): DocState => ({ roots: [], models });
const figure = (attrs: Record<string, Value> = {}) => ({ type: "Figure", attrs: { width: null, height: 400, sizingMode: null, ...attrs } });
const layout = (type: string, children: string[], attrs: Record<string, Value> = {}) => ({
  type,
  attrs: { width: null, sizingMode: null, children: children.map((ref) => ({ ref })), ...attrs },
});
const widget = (attrs: Record<string, Value> = {}) => ({ type: "Slider", attrs: { width: null, sizingMode: null, ...attrs } });

describe("sizingOf", () => {
  it("a figure without a width fills its container's width and is readable down to 300 px", () => {
    expect(sizingOf(stateOf({ p: figure() }), "p")).toEqual({ fillWidth: true, fillHeight: false, basis: READABLE_WIDTH });
    expect(READABLE_WIDTH).toBe(300);
  });

  it("a figure with a width is fixed at it, and that width is its basis", () => {
    expect(sizingOf(stateOf({ p: figure({ width: 800 }) }), "p")).toEqual({ fillWidth: false, fillHeight: false, basis: 800 });
  });

  it("a widget without a width keeps its content's width", () => {
    expect(sizingOf(stateOf({ s: widget() }), "s")).toEqual({ fillWidth: false, fillHeight: false });
  });

  it("a layout fills when any child does, readable at its widest child's basis", () => {
    const state = stateOf({
      r: layout("Row", ["c", "p"]),
      c: layout("Column", ["s", "f"]),
      s: widget(),
      f: figure({ width: 360 }),
      p: figure(),
    });
    expect(sizingOf(state, "r")).toEqual({ fillWidth: true, fillHeight: false, basis: 360, wraps: true });
    expect(sizingOf(state, "c")).toEqual({ fillWidth: false, fillHeight: false, basis: 360 });
  });

  it("the contents of tabs count as the tabs' children", () => {
    const state = stateOf({
      t: { type: "Tabs", attrs: { tabs: [{ ref: "panel" }] } },
      panel: { type: "TabPanel", attrs: { child: { ref: "p" } } },
      p: figure(),
    });
    expect(sizingOf(state, "t").fillWidth).toBe(true);
  });

  it("a minWidth is the basis, whatever the mode", () => {
    expect(sizingOf(stateOf({ p: figure({ minWidth: 420 }) }), "p").basis).toBe(420);
    expect(sizingOf(stateOf({ s: widget({ sizingMode: "stretch_width", minWidth: 150 }) }), "s").basis).toBe(150);
  });

  it("the stretch modes fill the dimensions they name", () => {
    const of = (sizingMode: string) => sizingOf(stateOf({ s: widget({ sizingMode }) }), "s");
    expect([of("stretch_width"), of("stretch_height"), of("stretch_both")].map((s) => [s.fillWidth, s.fillHeight])).toEqual([
      [true, false],
      [false, true],
      [true, true],
    ]);
    expect(sizingOf(stateOf({ p: figure({ width: 500, sizingMode: "fixed" }) }), "p").fillWidth).toBe(false);
  });

  it("the scale modes keep the aspectRatio, or width / height, with Bokeh's 600 px for a figure without a width", () => {
    expect(sizingOf(stateOf({ p: figure({ sizingMode: "scale_width", aspectRatio: 3 }) }), "p").ratio).toBe(3);
    expect(sizingOf(stateOf({ p: figure({ sizingMode: "scale_width", width: 800, height: 200 }) }), "p").ratio).toBe(4);
    expect(sizingOf(stateOf({ p: figure({ sizingMode: "scale_both" }) }), "p").ratio).toBe(1.5);
  });

  it("an aspectRatio applies while a dimension follows the container, and a fixed model ignores it", () => {
    expect(sizingOf(stateOf({ p: figure({ aspectRatio: 2 }) }), "p").ratio).toBe(2);
    expect(sizingOf(stateOf({ p: figure({ aspectRatio: "auto", width: 300, height: 300, sizingMode: "stretch_width" }) }), "p").ratio).toBe(
      1,
    );
    expect(sizingOf(stateOf({ p: figure({ aspectRatio: 2, width: 300 }) }), "p").ratio).toBeUndefined();
  });

  it("a missing model neither fills nor has a basis", () => {
    expect(sizingOf(stateOf({}), "nothing")).toEqual({ fillWidth: false, fillHeight: false });
  });
});

describe("sizeStyles", () => {
  const styles = (models: Models, id: string) => sizeStyles(models[id]!.attrs, sizingOf(stateOf(models), id));

  it("a fixed width shrinks with a container narrower than it", () => {
    expect(styles({ p: figure({ width: 800, height: 300 }) }, "p")).toEqual({ width: "800px", height: "300px", "max-width": "100%" });
  });

  it("a filled width is left to the layout (a given width ignored, as Bokeh does), which reads the basis", () => {
    expect(styles({ p: figure({ width: 800, sizingMode: "stretch_width" }) }, "p")).toEqual({
      height: "400px",
      "--aperture-basis": "300px",
    });
  });

  it("with a ratio the height follows the width, and the content does not hold the box open", () => {
    expect(styles({ p: figure({ sizingMode: "scale_width", aspectRatio: 3 }) }, "p")).toEqual({
      "aspect-ratio": "3",
      "min-height": "0",
      "--aperture-basis": "300px",
    });
  });

  it("a row's height is each of its lines' (a row wraps): the row's minimum, and the height its filling children take", () => {
    expect(styles({ r: layout("Row", [], { height: 360 }) }, "r")).toEqual({ "min-height": "360px", "--aperture-line-height": "360px" });
    expect(styles({ c: layout("Column", [], { height: 360 }) }, "c")).toEqual({ height: "360px" });
  });

  it("scale_height lets the width follow the height", () => {
    expect(styles({ p: figure({ sizingMode: "scale_height", width: 400, height: 200 }) }, "p")).toEqual({
      "aspect-ratio": "2",
      "min-height": "0",
    });
  });

  it("a minWidth never exceeds the container, and a maxWidth caps a fixed width at the container too", () => {
    expect(styles({ s: widget({ minWidth: 250 }) }, "s")).toEqual({ "min-width": "min(100%, 250px)" });
    expect(styles({ s: widget({ width: 900, maxWidth: 600 }) }, "s")).toEqual({ width: "900px", "max-width": "min(100%, 600px)" });
    expect(styles({ s: widget({ sizingMode: "stretch_width", maxWidth: 600 }) }, "s")).toMatchObject({ "max-width": "600px" });
  });
});

describe("fillOf", () => {
  it("names the dimensions taken from the container", () => {
    expect(fillOf({ fillWidth: true, fillHeight: true })).toBe("width height");
    expect(fillOf({ fillWidth: false, fillHeight: true })).toBe("height");
    expect(fillOf({ fillWidth: false, fillHeight: false })).toBe("");
  });
});
