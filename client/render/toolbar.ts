/**
 * A figure's Bokeh toolbar as Plotly's modebar, drag mode, hover mode and spikes (DOM-free,
 * unit-tested). Tools without a Plotly button (wheel zoom, hover, tap, help) act without
 * one; undo and redo are buttons of ours over the range history (range-history.ts).
 */
import type { DocState, ModelId, Value } from "../../server/protocol/index.ts";
import type { PlotlyObject } from "./figure-spec.ts";
import { asNumber, asString, modelOf, refId, refIds } from "./values.ts";

export interface ToolState {
  id: ModelId;
  type: string;
  attrs: Record<string, Value>;
}

export interface Tools {
  tools: ToolState[];
  activeDrag?: ToolState;
  activeScroll?: ToolState;
  activeTap?: ToolState;
  activeInspect: ToolState[];
  autohide: boolean;
  /** Where the toolbar sits; null: no toolbar. */
  location: string | null;
}

function toolState(state: DocState, id: ModelId | undefined): ToolState | undefined {
  const model = modelOf(state, id);
  return model === undefined || id === undefined ? undefined : { id, type: model.type, attrs: model.attrs };
}

export function toolsOf(state: DocState, figure: ModelId): Tools {
  const attrs = modelOf(state, figure)?.attrs ?? {};
  const toolbar = modelOf(state, refId(attrs.toolbar))?.attrs ?? {};
  const list = (value: Value | undefined) =>
    refIds(value)
      .map((id) => toolState(state, id))
      .filter((tool): tool is ToolState => tool !== undefined);
  const location = attrs.toolbarLocation === null ? null : asString(attrs.toolbarLocation, "right");
  return {
    tools: list(toolbar.tools),
    activeDrag: toolState(state, refId(toolbar.activeDrag)),
    activeScroll: toolState(state, refId(toolbar.activeScroll)),
    activeTap: toolState(state, refId(toolbar.activeTap)),
    activeInspect: list(toolbar.activeInspect),
    autohide: toolbar.autohide === true,
    location,
  };
}

const DRAG_MODES: Readonly<Record<string, string>> = {
  PanTool: "pan",
  BoxZoomTool: "zoom",
  BoxSelectTool: "select",
  LassoSelectTool: "lasso",
};
const HOVER_MODES: Readonly<Record<string, string>> = { mouse: "closest", vline: "x", hline: "y" };
const BUTTONS: Readonly<Record<string, string>> = {
  PanTool: "pan2d",
  BoxZoomTool: "zoom2d",
  BoxSelectTool: "select2d",
  LassoSelectTool: "lasso2d",
  ZoomInTool: "zoomIn2d",
  ZoomOutTool: "zoomOut2d",
  ResetTool: "resetScale2d",
  SaveTool: "toImage",
  CrosshairTool: "toggleSpikelines",
};
const RANGE_TOOLS = new Set(["PanTool", "WheelZoomTool", "BoxZoomTool", "ZoomInTool", "ZoomOutTool"]);
/** Room (px) the modebar takes beside the plot at each location. */
const ROOM = 36;

const dimensionsOf = (tool: ToolState) => asString(tool.attrs.dimensions, "both");

/** A click on a point selects its row (the active TapTool's `behavior: "select"`, as Bokeh). */
export function tapSelects(tools: Tools): boolean {
  return tools.activeTap?.type === "TapTool" && tools.activeTap.attrs.behavior !== "inspect";
}

export function activeHover(tools: Tools): ToolState | undefined {
  return tools.activeInspect.find((tool) => tool.type === "HoverTool");
}

/** An axis no pan or zoom tool moves (all of them `width`-only: y is fixed) is fixed in Plotly too. */
function fixedAxes(tools: Tools): { x: boolean; y: boolean } {
  const movers = tools.tools.filter((tool) => RANGE_TOOLS.has(tool.type)).map(dimensionsOf);
  if (movers.length === 0) return { x: false, y: false };
  return { x: movers.every((d) => d === "height"), y: movers.every((d) => d === "width") };
}

function spikes(crosshair: ToolState | undefined, axis: "x" | "y"): PlotlyObject {
  if (crosshair === undefined) return {};
  const dims = dimensionsOf(crosshair);
  // A vertical line (x's spike) spans the height; a horizontal one (y's) the width.
  if (dims !== "both" && dims !== (axis === "x" ? "height" : "width")) return {};
  return {
    showspikes: true,
    spikemode: "across",
    spikesnap: "cursor",
    spikedash: "solid",
    spikecolor: asString(crosshair.attrs.lineColor, "#000000"),
    spikethickness: asNumber(crosshair.attrs.lineWidth, 1),
  };
}

export interface ToolbarLayout {
  layout: PlotlyObject;
  xaxis: PlotlyObject;
  yaxis: PlotlyObject;
  /** Extra margin (px) per side for the modebar. */
  margin: Partial<Record<"t" | "r" | "b" | "l", number>>;
}

export function toolbarLayout(tools: Tools): ToolbarLayout {
  const hover = activeHover(tools);
  const crosshair = tools.activeInspect.find((tool) => tool.type === "CrosshairTool");
  const fixed = fixedAxes(tools);
  const vertical = tools.location === "left" || tools.location === "right";
  const side = { above: "t", below: "b", left: "l", right: "r" }[tools.location ?? ""] as "t" | "b" | "l" | "r" | undefined;
  const shown = tools.location !== null && modeBarButtons(tools).length > 0;
  return {
    layout: {
      dragmode: (tools.activeDrag && DRAG_MODES[tools.activeDrag.type]) ?? false,
      hovermode: HOVER_MODES[asString(hover?.attrs.mode, "mouse")] ?? "closest",
      modebar: { orientation: vertical ? "v" : "h" },
    },
    xaxis: { ...(fixed.x ? { fixedrange: true } : {}), ...spikes(crosshair, "x") },
    yaxis: { ...(fixed.y ? { fixedrange: true } : {}), ...spikes(crosshair, "y") },
    margin: shown && side !== undefined ? { [side]: ROOM } : {},
  };
}

/** Plotly's built-in button names, and ours ("undo", "redo"), in the tools' order, once each. */
export function modeBarButtons(tools: Tools): string[] {
  const names = tools.tools.map((tool) => BUTTONS[tool.type] ?? { UndoTool: "undo", RedoTool: "redo" }[tool.type]);
  return [...new Set(names.filter((name): name is string => name !== undefined))];
}

/** A file name from the plot's title (what the save button downloads, ".png" added by Plotly). */
export function saveFilename(tools: Tools, title: string): string {
  const save = tools.tools.find((tool) => tool.type === "SaveTool");
  const chosen = typeof save?.attrs.filename === "string" && save.attrs.filename !== "" ? save.attrs.filename : title;
  const safe = chosen.replace(/[^\w\- .]+/g, "_").trim();
  return safe === "" ? "bokeh_plot" : safe.slice(0, 120);
}

export interface CustomButton {
  name: string;
  title: string;
  icon: { width: number; height: number; path: string };
  click: () => void;
}

const ICONS = {
  undo: "M420 180 L120 440 L420 700 L420 540 C640 540 800 620 880 820 C860 560 700 360 420 340 Z",
  redo: "M580 180 L880 440 L580 700 L580 540 C360 540 200 620 120 820 C140 560 300 360 580 340 Z",
};

/** Plotly's config for the toolbar: which buttons, shown always or on hover, the wheel, the PNG's name. */
export function toolbarConfig(tools: Tools, title: string, actions: { undo: () => void; redo: () => void }): PlotlyObject {
  const buttons = modeBarButtons(tools).map((name): string | CustomButton =>
    name === "undo" || name === "redo"
      ? { name, title: name === "undo" ? "Undo" : "Redo", icon: { width: 1000, height: 1000, path: ICONS[name] }, click: actions[name] }
      : name,
  );
  return {
    displaylogo: false,
    displayModeBar: tools.location === null || buttons.length === 0 ? false : tools.autohide ? "hover" : true,
    modeBarButtons: [buttons],
    scrollZoom: tools.activeScroll?.type === "WheelZoomTool",
    toImageButtonOptions: { format: "png", filename: saveFilename(tools, title) },
  };
}
