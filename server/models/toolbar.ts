/**
 * A figure's toolbar, as Bokeh's `Toolbar`: its tools and which are active. `figure()` takes
 * Bokeh's keywords (`tools`, `tooltips`, `activeDrag`, `activeScroll`, `activeTap`,
 * `activeInspect`) and builds one; `plot.toolbar.autohide = true` shows it only on hover.
 */
import { AttributeError, defineModel } from "../document/model.ts";
import { prop } from "../document/props.ts";
import type { Tooltips } from "./glyphs/renderer.ts";
import { HoverTool, parseTools, toolNamed, type Tool } from "./tools.ts";

export const TOOLBAR_LOCATIONS = ["above", "below", "left", "right"] as const;
export type ToolbarLocation = (typeof TOOLBAR_LOCATIONS)[number];

/** Bokeh's default tools of a figure. */
export const DEFAULT_TOOLS = "pan,wheel_zoom,box_zoom,save,reset,help";

export class Toolbar extends defineModel("Toolbar", {
  tools: prop.refs<Tool>(),
  /** What dragging on the plot does first (the modebar switches it). */
  activeDrag: prop.ref<Tool>({ nullable: true }),
  /** A WheelZoomTool here makes the mouse wheel zoom; none by default, as Bokeh (the page scrolls). */
  activeScroll: prop.ref<Tool>({ nullable: true }),
  activeTap: prop.ref<Tool>({ nullable: true }),
  activeInspect: prop.refs<Tool>(),
  /** True: the toolbar shows only while the mouse is over the plot. */
  autohide: prop.boolean(false),
}) {}

/** A tool, the name of one of the figure's tools (`"box_zoom"`), `"auto"`, or null for none. */
export type ActiveTool = Tool | string | null;

/** Bokeh's figure keywords about tools. */
export interface ToolbarOptions {
  /** @example tools: "pan,wheel_zoom,box_zoom,reset,save,hover" */
  tools?: string | readonly (Tool | string)[];
  /** Adds a HoverTool with these tooltips, as Bokeh's `figure(tooltips=...)`. */
  tooltips?: Tooltips;
  activeDrag?: ActiveTool;
  activeScroll?: ActiveTool;
  activeTap?: ActiveTool;
  activeInspect?: ActiveTool | readonly (Tool | string)[];
}

const GESTURES = {
  drag: ["PanTool", "BoxZoomTool", "BoxSelectTool", "LassoSelectTool"],
  scroll: ["WheelZoomTool"],
  tap: ["TapTool"],
  inspect: ["HoverTool", "CrosshairTool"],
} as const;
type Gesture = keyof typeof GESTURES;

/** Names Aperture took for `activeDrag` before it had tools (Plotly's drag modes). */
const DRAG_ALIASES: Readonly<Record<string, string>> = { zoom: "box_zoom", select: "box_select", lasso: "lasso_select" };

const ofGesture = (tool: Tool, gesture: Gesture) => (GESTURES[gesture] as readonly string[]).includes(tool.type);

/** The tool of `tools` that `active` names; "auto" picks the first of the gesture (none for scroll, as Bokeh). */
function resolveActive(active: ActiveTool | undefined, tools: readonly Tool[], gesture: Gesture): Tool | null {
  if (active === null) return null;
  if (active === undefined || active === "auto")
    return gesture === "scroll" ? null : (tools.find((tool) => ofGesture(tool, gesture)) ?? null);
  const wanted = typeof active === "string" ? toolNamed(DRAG_ALIASES[active] ?? active) : active;
  const found = tools.find(
    (tool) => tool === wanted || (typeof active === "string" && tool.type === wanted.type && sameDimensions(tool, wanted)),
  );
  if (found === undefined) throw new AttributeError(`Figure: active ${gesture} tool ${describe(active)} is not one of the figure's tools`);
  if (!ofGesture(found, gesture)) throw new AttributeError(`Figure: ${found.type} is not a ${gesture} tool`);
  return found;
}

const describe = (active: Tool | string) => (typeof active === "string" ? JSON.stringify(active.slice(0, 40)) : active.type);

const sameDimensions = (a: Tool, b: Tool) =>
  ("dimensions" in a ? a.dimensions : undefined) === ("dimensions" in b ? b.dimensions : undefined);

function resolveInspect(active: ToolbarOptions["activeInspect"], tools: readonly Tool[]): Tool[] {
  if (active === null) return [];
  if (active === undefined || active === "auto") return tools.filter((tool) => ofGesture(tool, "inspect"));
  const list = typeof active === "string" || !Array.isArray(active) ? [active as Tool | string] : (active as (Tool | string)[]);
  return list.map((item) => resolveActive(item, tools, "inspect")!);
}

/**
 * Bokeh's default tools, plus any tool an `active*` keyword names that they lack
 * (`figure({ activeDrag: "box_select" })` without `tools`: Bokeh would refuse it).
 */
function defaultTools(options: ToolbarOptions): Tool[] {
  const tools = parseTools(DEFAULT_TOOLS);
  for (const active of [options.activeDrag, options.activeScroll, options.activeTap]) {
    if (typeof active !== "string" || active === "auto") continue;
    const wanted = toolNamed(DRAG_ALIASES[active] ?? active);
    if (!tools.some((tool) => tool.type === wanted.type && sameDimensions(tool, wanted))) tools.push(wanted);
  }
  return tools;
}

/** The toolbar `figure()` builds from Bokeh's keywords. */
export function makeToolbar(options: ToolbarOptions): Toolbar {
  const tools = options.tools === undefined ? defaultTools(options) : parseTools(options.tools);
  if (options.tooltips !== undefined) tools.push(new HoverTool({ tooltips: options.tooltips }));
  return new Toolbar({
    tools,
    activeDrag: resolveActive(options.activeDrag, tools, "drag"),
    activeScroll: resolveActive(options.activeScroll, tools, "scroll"),
    activeTap: resolveActive(options.activeTap, tools, "tap"),
    activeInspect: resolveInspect(options.activeInspect, tools),
  });
}

/** Adds tools to a toolbar, as Bokeh's `add_tools`: inspectors added are active, and so is the first of a gesture that had none. */
export function addToToolbar(toolbar: Toolbar, added: readonly Tool[]): void {
  const tools = [...toolbar.tools, ...added];
  toolbar.tools = tools;
  toolbar.activeInspect = [...toolbar.activeInspect, ...added.filter((tool) => ofGesture(tool, "inspect"))];
  toolbar.activeDrag ??= resolveActive("auto", tools, "drag");
  toolbar.activeTap ??= resolveActive("auto", tools, "tap");
}
