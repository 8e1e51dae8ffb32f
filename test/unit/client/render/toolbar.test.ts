import { describe, expect, it } from "vitest";
import { ColumnDataSource, CrosshairTool, HoverTool, SaveTool } from "../../../../server/models/index.ts";
import { modeBarButtons, saveFilename, toolbarConfig, toolsOf } from "../../../../client/render/toolbar.ts";
import { engineOf } from "../../../../server/document/document.ts";
import { extensionsFor } from "../../../../client/render/figure-stream.ts";
import { inspection } from "../../../../client/render/hover-tool.ts";
import { drawn } from "../../../helpers/drawn.ts";

const noActions = { undo: () => {}, redo: () => {} };
const source = () => new ColumnDataSource({ data: { x: [1, 2], y: [3.14159, 2000.5], t: [Date.UTC(2024, 0, 2, 3, 4, 5), 0] } });

function configOf(spec: ReturnType<typeof drawn>) {
  return toolbarConfig(spec.tools, spec.plot.title, noActions);
}

describe("the toolbar as Plotly's modebar", () => {
  it("shows the buttons of the tools, in order, always (Bokeh's autohide false)", () => {
    const spec = drawn(() => {}, {
      tools: "pan,wheel_zoom,box_zoom,reset,save,hover,box_select,lasso_select,tap,crosshair,undo,redo,zoom_in,zoom_out",
    });
    expect(modeBarButtons(spec.tools)).toEqual([
      "pan2d",
      "zoom2d",
      "resetScale2d",
      "toImage",
      "select2d",
      "lasso2d",
      "toggleSpikelines",
      "undo",
      "redo",
      "zoomIn2d",
      "zoomOut2d",
    ]);
    const config = configOf(spec);
    expect(config.displayModeBar).toBe(true);
    const buttons = (config.modeBarButtons as unknown[][])[0]!;
    expect(buttons.filter((button) => typeof button === "object").map((button) => (button as { name: string }).name)).toEqual([
      "undo",
      "redo",
    ]);
  });

  it("shows the toolbar on hover only with autohide, and none for toolbarLocation null", () => {
    const hidden = drawn((plot) => void (plot.toolbar.autohide = true));
    expect(configOf(hidden).displayModeBar).toBe("hover");
    expect(configOf(drawn(() => {}, { toolbarLocation: null })).displayModeBar).toBe(false);
  });

  it("turns the modebar vertical beside the plot and makes room for it", () => {
    const right = drawn(() => {});
    const below = drawn(() => {}, { toolbarLocation: "below" });
    expect(right.layout.modebar).toEqual({ orientation: "v" });
    expect((right.layout.margin as { r: number }).r).toBeGreaterThan(16);
    expect(below.layout.modebar).toEqual({ orientation: "h" });
    expect((below.layout.margin as { b: number }).b).toBeGreaterThan(48);
  });

  it("maps the active drag to Plotly's drag mode, and none to no drag", () => {
    expect(drawn(() => {}).layout.dragmode).toBe("pan");
    expect(drawn(() => {}, { tools: "box_zoom,lasso_select", activeDrag: "lasso_select" }).layout.dragmode).toBe("lasso");
    expect(drawn(() => {}, { activeDrag: null }).layout.dragmode).toBe(false);
  });

  it("zooms with the wheel only when a wheel zoom is the active scroll", () => {
    expect(configOf(drawn(() => {})).scrollZoom).toBe(false);
    expect(configOf(drawn(() => {}, { activeScroll: "wheel_zoom" })).scrollZoom).toBe(true);
  });

  it("fixes the y axis when every pan and zoom tool is x-only (xpan, xwheel_zoom)", () => {
    const spec = drawn(() => {}, { tools: "xpan,xwheel_zoom,reset" });
    expect(spec.layout.yaxis).toMatchObject({ fixedrange: true });
    expect((spec.layout.xaxis as { fixedrange?: boolean }).fixedrange).toBeUndefined();
  });

  it("names the PNG after the title, or the SaveTool's filename", () => {
    expect(configOf(drawn(() => {}, { title: "Prices: AAPL/GOOG" })).toImageButtonOptions).toEqual({
      format: "png",
      filename: "Prices_ AAPL_GOOG",
    });
    expect(saveFilename(drawn(() => {}, { tools: [new SaveTool({ filename: "chart" })] }).tools, "x")).toBe("chart");
    expect(saveFilename(drawn(() => {}).tools, "")).toBe("bokeh_plot");
  });

  it("draws a crosshair as Plotly's spikes across the plot, per dimension", () => {
    const both = drawn(() => {}, { tools: "crosshair" });
    expect(both.layout.xaxis).toMatchObject({ showspikes: true, spikemode: "across", spikesnap: "cursor" });
    expect(both.layout.yaxis).toMatchObject({ showspikes: true });
    const vertical = drawn(() => {}, { tools: [new CrosshairTool({ dimensions: "height" })] });
    expect(vertical.layout.xaxis).toMatchObject({ showspikes: true });
    expect((vertical.layout.yaxis as { showspikes?: boolean }).showspikes).toBeUndefined();
  });
});

describe("HoverTool", () => {
  it("lends its tooltips and formatters to the glyphs without their own", () => {
    const spec = drawn(
      (plot) => {
        const data = source();
        plot.line("x", "y", { source: data });
        plot.scatter("x", "y", { source: data, tooltips: [["own", "@y{0}"]] });
      },
      {
        tools: [
          new HoverTool({
            tooltips: [
              ["y", "@y{0,0.00}"],
              ["t", "@t{%F %T}"],
              ["i", "$index"],
            ],
            formatters: { "@t": "datetime" },
          }),
        ],
      },
    );
    expect(spec.traces[0]!.customdata).toEqual([
      "y: 3.14<br>t: 2024-01-02 03:04:05<br>i: 0",
      "y: 2,000.50<br>t: 1970-01-01 00:00:00<br>i: 1",
    ]);
    expect(spec.traces[1]!.customdata).toEqual(["own: 3", "own: 2001"]);
  });

  it("maps mode vline and hline to Plotly's x and y hover modes", () => {
    expect(drawn(() => {}, { tools: [new HoverTool({ mode: "vline" })] }).layout.hovermode).toBe("x");
    expect(drawn(() => {}, { tools: [new HoverTool({ mode: "hline" })] }).layout.hovermode).toBe("y");
    expect(drawn(() => {}, { tools: "hover" }).layout.hovermode).toBe("closest");
  });

  it("inspects only its renderers; the others hover silently", () => {
    const spec = drawn(
      (plot) => {
        const data = source();
        const line = plot.line("x", "y", { source: data });
        plot.scatter("x", "y", { source: data });
        plot.addTools(new HoverTool({ tooltips: [["y", "@y"]], renderers: [line] }));
      },
      { tools: "pan" },
    );
    expect(spec.traces[0]!.hovertemplate).toBeDefined();
    expect(spec.traces[1]).toMatchObject({ hoverinfo: "none" });
  });

  it("without a HoverTool, only glyphs with their own tooltips show hover text", () => {
    const spec = drawn((plot) => void plot.line("x", "y", { source: source() }));
    expect(spec.traces[0]).toMatchObject({ hoverinfo: "none" });
  });

  it("keeps its tooltips for rows streamed into the glyph's source", () => {
    const spec = drawn((plot) => void plot.line("x", "y", { source: source() }), { tooltips: [["y", "@y{0.0}"]] });
    const state = engineOf(spec.doc).state;
    const sourceId = (state.models[spec.renderers[0]!]!.attrs.source as { ref: string }).ref;
    const batches = new Map([[sourceId, [{ rows: { x: [3], y: [1.25], t: [0] } }]]]);
    const lent = inspection(state, spec.plot.id!, toolsOf(state, spec.plot.id!)).state;
    expect(extensionsFor(lent, spec.renderers, batches)![0]!.update.customdata).toEqual([["y: 1.3"]]);
  });
});
