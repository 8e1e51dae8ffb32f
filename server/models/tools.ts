/**
 * Bokeh's plot tools as models (drawn as Plotly's modebar in the page, see
 * client/render/toolbar.ts). A tool list is Bokeh's string (`"pan,wheel_zoom,box_zoom"`,
 * `x`/`y` prefixes for one dimension) or tool models, or both.
 */
import { AttributeError, defineModel, type Model } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { FORMATTERS, type Formatters } from "../protocol/format.ts";
import { custom } from "./checks.ts";
import type { TapEvent } from "./figure.ts";
import type { GlyphRenderer, Tooltips } from "./glyphs/renderer.ts";
import { checkTooltips } from "./glyphs/renderer.ts";

const DIMENSIONS = ["both", "width", "height"] as const;
export type Dimensions = (typeof DIMENSIONS)[number];
const dimensions = () => ({ dimensions: prop.enum(DIMENSIONS, "both") });

/** Drags the plot's ranges. @example new PanTool({ dimensions: "width" }) */
export class PanTool extends defineModel("PanTool", dimensions()) {}
/** The mouse wheel zooms (once it is the toolbar's `activeScroll`). */
export class WheelZoomTool extends defineModel("WheelZoomTool", dimensions()) {}
/** Drag a box to zoom into it. */
export class BoxZoomTool extends defineModel("BoxZoomTool", dimensions()) {}
export class ZoomInTool extends defineModel("ZoomInTool", dimensions()) {}
export class ZoomOutTool extends defineModel("ZoomOutTool", dimensions()) {}
/** Back to the ranges first drawn. */
export class ResetTool extends defineModel("ResetTool", {}) {}
/** Downloads the plot as a PNG named `filename` (or the plot's title). @example new SaveTool({ filename: "prices" }) */
export class SaveTool extends defineModel("SaveTool", { filename: prop.nullableString(null) }) {}
export class BoxSelectTool extends defineModel("BoxSelectTool", dimensions()) {}
export class LassoSelectTool extends defineModel("LassoSelectTool", {}) {}
/** Steps back and forth through the ranges a person panned and zoomed to. */
export class UndoTool extends defineModel("UndoTool", {}) {}
export class RedoTool extends defineModel("RedoTool", {}) {}
/** Accepted for Bokeh's tool strings; Plotly's modebar has no help button, so it draws nothing. */
export class HelpTool extends defineModel("HelpTool", {}) {}

/** Lines across the plot at the mouse. @example new CrosshairTool({ dimensions: "height" }) */
export class CrosshairTool extends defineModel("CrosshairTool", {
  ...dimensions(),
  lineColor: prop.string("#000000", { maxLength: 60 }),
  lineWidth: prop.number(1, { min: 0, max: 20 }),
}) {}

function checkFormatters(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return 'expected { "@field": "numeral" | "datetime" | "printf" }';
  const entries = Object.entries(value);
  if (entries.length > 100) return "more than 100 formatters";
  const bad = entries.find(([key, kind]) => key.length > 200 || !FORMATTERS.includes(kind as never));
  return bad === undefined ? undefined : `formatter "${bad[0].slice(0, 40)}" must be one of ${FORMATTERS.join(", ")}`;
}

const hoverProps = {
  /** Null: Plotly's own hover text (x and y), as Bokeh's default tooltips show the data. */
  tooltips: custom<Tooltips | null>(null, checkTooltips),
  formatters: custom<Formatters>(() => ({}), checkFormatters),
  /** `mouse`: the point under the mouse; `vline`/`hline`: every point on the line through it. */
  mode: prop.enum(["mouse", "vline", "hline"], "mouse"),
  /** The glyphs it inspects (none given: all of the figure's). */
  renderers: prop.refs<GlyphRenderer>(),
};

/**
 * Tooltips for the figure's glyphs (a glyph's own `tooltips` win for that glyph).
 * @example new HoverTool({ tooltips: [["date", "@date{%F}"], ["close", "$y{0.00}"]], formatters: { "@date": "datetime" }, mode: "vline" })
 */
export class HoverTool extends defineModel("HoverTool", hoverProps) {}

type TapCallback = (tap: TapEvent) => void | Promise<void>;

const tapProps = { behavior: prop.enum(["select", "inspect"], "select") };

/**
 * A click on a point: `select` selects that row of its source (as Bokeh's), and `callback`
 * runs on the server with `{ renderer, source, index }`.
 * @example new TapTool({ callback: ({ index }) => { shown.text = names[index] } })
 */
export class TapTool extends defineModel("TapTool", tapProps) {
  /** Server-side only (a function is not a document value). */
  readonly callback: TapCallback | undefined;

  constructor(init: { behavior?: "select" | "inspect"; callback?: TapCallback; name?: string } = {}) {
    const { callback, ...rest } = init;
    super(rest);
    this.callback = callback;
  }
}

export type Tool =
  | PanTool
  | WheelZoomTool
  | BoxZoomTool
  | ZoomInTool
  | ZoomOutTool
  | ResetTool
  | SaveTool
  | BoxSelectTool
  | LassoSelectTool
  | UndoTool
  | RedoTool
  | HelpTool
  | CrosshairTool
  | HoverTool
  | TapTool;

const one = (make: (dims: { dimensions: Dimensions }) => Tool) => ({
  "": () => make({ dimensions: "both" }),
  x: () => make({ dimensions: "width" }),
  y: () => make({ dimensions: "height" }),
});

const BY_DIMENSION: Readonly<Record<string, Record<string, () => Tool>>> = {
  pan: one((d) => new PanTool(d)),
  wheel_zoom: one((d) => new WheelZoomTool(d)),
  box_zoom: one((d) => new BoxZoomTool(d)),
  zoom_in: one((d) => new ZoomInTool(d)),
  zoom_out: one((d) => new ZoomOutTool(d)),
  box_select: one((d) => new BoxSelectTool(d)),
};

const PLAIN: Readonly<Record<string, () => Tool>> = {
  reset: () => new ResetTool(),
  save: () => new SaveTool(),
  lasso_select: () => new LassoSelectTool(),
  undo: () => new UndoTool(),
  redo: () => new RedoTool(),
  help: () => new HelpTool(),
  crosshair: () => new CrosshairTool(),
  hover: () => new HoverTool(),
  tap: () => new TapTool(),
};

/** Every name Bokeh's tool strings may use here. */
export const TOOL_NAMES: readonly string[] = [
  ...Object.keys(BY_DIMENSION).flatMap((name) => [name, `x${name}`, `y${name}`]),
  ...Object.keys(PLAIN),
].sort();

/** One tool from its Bokeh name (`"xwheel_zoom"`); an unknown name throws, listing the known ones. */
export function toolNamed(name: string): Tool {
  const plain = PLAIN[name];
  if (plain !== undefined) return plain();
  const prefix = /^[xy]/.test(name) && BY_DIMENSION[name.slice(1)] !== undefined ? name[0]! : "";
  const make = BY_DIMENSION[name.slice(prefix.length)]?.[prefix];
  if (make === undefined) throw new AttributeError(`unknown tool "${name.slice(0, 40)}"; the tools are ${TOOL_NAMES.join(", ")}`);
  return make();
}

/** Bokeh's `tools` argument: `"pan,wheel_zoom"`, or a list of names and tool models. */
export function parseTools(tools: string | readonly (Tool | string)[]): Tool[] {
  const items = typeof tools === "string" ? tools.split(",") : tools;
  return items
    .map((item) => (typeof item === "string" ? item.trim() : item))
    .filter((item) => item !== "")
    .map((item) => (typeof item === "string" ? toolNamed(item) : item));
}

export const isTool = (model: Model): model is Tool => model.type.endsWith("Tool");
