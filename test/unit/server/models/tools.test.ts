import { describe, expect, it } from "vitest";
import { Document } from "../../../../server/document/document.ts";
import { AttributeError } from "../../../../server/document/model.ts";
import { BoxSelectTool, HoverTool, PanTool, TapTool, TOOL_NAMES, figure, parseTools, toolNamed } from "../../../../server/models/index.ts";

const types = (tools: readonly { type: string }[]) => tools.map((tool) => tool.type);

describe("parseTools", () => {
  it("reads Bokeh's tool string, spaces and empty items aside", () => {
    const tools = parseTools(
      " pan, wheel_zoom,box_zoom,reset,save,hover,box_select,lasso_select,tap,crosshair,undo,redo,zoom_in,zoom_out,,",
    );
    expect(types(tools)).toEqual([
      "PanTool",
      "WheelZoomTool",
      "BoxZoomTool",
      "ResetTool",
      "SaveTool",
      "HoverTool",
      "BoxSelectTool",
      "LassoSelectTool",
      "TapTool",
      "CrosshairTool",
      "UndoTool",
      "RedoTool",
      "ZoomInTool",
      "ZoomOutTool",
    ]);
  });

  it("gives x and y prefixed tools one dimension", () => {
    const [xpan, ywheel, xbox] = parseTools("xpan,ywheel_zoom,xbox_select") as [PanTool, PanTool, BoxSelectTool];
    expect([xpan.dimensions, ywheel.dimensions, xbox.dimensions]).toEqual(["width", "height", "width"]);
  });

  it("takes tool models and names mixed", () => {
    const hover = new HoverTool({ mode: "vline" });
    expect(parseTools([hover, "reset"])[0]).toBe(hover);
  });

  it.each(["poly_select", "xhover", "Pan", "pan;zoom"])("refuses the unknown tool %j, listing the known ones", (name) => {
    expect(() => toolNamed(name)).toThrow(AttributeError);
    expect(() => toolNamed(name)).toThrow(/the tools are .*box_zoom/);
  });

  it("knows every name of the issue's list", () => {
    for (const name of "pan,wheel_zoom,box_zoom,reset,save,hover,box_select,lasso_select,tap,crosshair,undo,redo,zoom_in,zoom_out".split(
      ",",
    ))
      expect(TOOL_NAMES).toContain(name);
  });
});

describe("figure's toolbar", () => {
  it("has Bokeh's default tools, pan active and no wheel zoom until asked", () => {
    const { toolbar } = figure();
    expect(types(toolbar.tools)).toEqual(["PanTool", "WheelZoomTool", "BoxZoomTool", "SaveTool", "ResetTool", "HelpTool"]);
    expect(toolbar.activeDrag?.type).toBe("PanTool");
    expect(toolbar.activeScroll).toBeNull();
    expect(toolbar.autohide).toBe(false);
  });

  it("activates the tools named by activeDrag, activeScroll and activeTap", () => {
    const { toolbar } = figure({ tools: "pan,box_zoom,wheel_zoom,tap", activeDrag: "box_zoom", activeScroll: "wheel_zoom" });
    expect([toolbar.activeDrag?.type, toolbar.activeScroll?.type, toolbar.activeTap?.type]).toEqual([
      "BoxZoomTool",
      "WheelZoomTool",
      "TapTool",
    ]);
  });

  it("takes Aperture's older drag names (zoom, select, lasso)", () => {
    expect(figure({ tools: "box_select", activeDrag: "select" }).toolbar.activeDrag?.type).toBe("BoxSelectTool");
  });

  it("adds the tool an active keyword names to Bokeh's defaults when no tools are given", () => {
    const { toolbar } = figure({ activeDrag: "select" });
    expect(types(toolbar.tools).at(-1)).toBe("BoxSelectTool");
    expect(toolbar.activeDrag?.type).toBe("BoxSelectTool");
  });

  it("refuses an active tool the figure does not have, or of the wrong gesture", () => {
    expect(() => figure({ tools: "pan", activeDrag: "box_zoom" })).toThrow(/not one of the figure's tools/);
    expect(() => figure({ tools: "pan,wheel_zoom", activeDrag: "wheel_zoom" })).toThrow(/not a drag tool/);
  });

  it("has no active drag for activeDrag null, and no inspector for activeInspect null", () => {
    const { toolbar } = figure({ tools: "pan,hover", activeDrag: null, activeInspect: null });
    expect(toolbar.activeDrag).toBeNull();
    expect(toolbar.activeInspect).toEqual([]);
  });

  it("adds a HoverTool for figure({ tooltips }), as Bokeh, and activates it", () => {
    const { toolbar } = figure({ tools: "pan", tooltips: [["y", "@y"]] });
    const hover = toolbar.tools[1] as HoverTool;
    expect(hover.type).toBe("HoverTool");
    expect(hover.tooltips).toEqual([["y", "@y"]]);
    expect(toolbar.activeInspect).toEqual([hover]);
  });

  it("addTools adds tools by model or name, active inspectors included", () => {
    const plot = figure({ tools: "pan" });
    const hover = new HoverTool();
    plot.addTools(hover, "crosshair");
    expect(types(plot.tools)).toEqual(["PanTool", "HoverTool", "CrosshairTool"]);
    expect(types(plot.toolbar.activeInspect)).toEqual(["HoverTool", "CrosshairTool"]);
  });

  it("refuses formatters other than Bokeh's three kinds", () => {
    expect(() => new HoverTool({ formatters: { "@t": "strftime" as never } })).toThrow(/numeral, datetime, printf/);
  });

  it("runs a TapTool's callback for a tap on the figure", async () => {
    const taps: number[] = [];
    const plot = figure({ tools: [new TapTool({ callback: ({ index }) => void taps.push(index) })] });
    const renderer = plot.scatter([1, 2], [3, 4]);
    new Document().addRoot(plot);
    const [callback] = plot.eventCallbacks.get("tap")!;
    await callback!({ renderer: renderer.id, index: 1 });
    expect(taps).toEqual([1]);
  });
});
