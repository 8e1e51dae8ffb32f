/**
 * Bokeh's sizing of a model's element (`sizingMode`, `aspectRatio`, `width`/`height` and their
 * limits) as CSS, so that layouts reflow on narrow windows instead of crushing plots: a model
 * that fills its container's width says so in `data-aperture-fill` and gives the narrowest
 * width it stays readable at in `--aperture-basis`; rows wrap before a child gets narrower
 * than that (style.ts), grids drop columns (containers.ts), and a fixed width never exceeds
 * the container.
 */
import type { DocState, ModelId, ModelState, Value } from "../../server/protocol/index.ts";
import { asOptionalNumber, asString, modelOf, refId, refIds } from "./values.ts";

/** The narrowest a stretching plot is drawn beside others: room for its axes and ticks. */
export const READABLE_WIDTH = 300;
/** Bokeh's default figure width: the aspect ratio of a `scale_*` figure that fills its width. */
const BOKEH_WIDTH = 600;
const MAX_DEPTH = 50;

const FILLS_WIDTH = new Set(["stretch_width", "stretch_both", "scale_width", "scale_both"]);
const FILLS_HEIGHT = new Set(["stretch_height", "stretch_both", "scale_height", "scale_both"]);
const SCALES = new Set(["scale_width", "scale_height", "scale_both"]);

export interface Sizing {
  fillWidth: boolean;
  fillHeight: boolean;
  /** width / height kept while a dimension follows the container. */
  ratio?: number;
  /** Pixels: the narrowest the model is readable at (a fixed width, a `minWidth`, a plot's minimum). */
  basis?: number;
  /** A row, which wraps: its `height` is each line's, so a wrapped line never overlaps what follows. */
  wraps?: boolean;
}

/** The models laid out inside `model` (a layout's children, the tabs' contents). */
export function childIds(state: DocState, model: ModelState | undefined): ModelId[] {
  if (model === undefined) return [];
  const panels = refIds(model.attrs.tabs).map((panel) => refId(modelOf(state, panel)?.attrs.child));
  return [...refIds(model.attrs.children), ...panels.filter((id): id is ModelId => id !== undefined)];
}

/** Bokeh's `aspect_ratio`: a number, or "auto" (and every `scale_*` mode) for width / height. */
function ratioOf(attrs: Record<string, Value>, mode: string, isFigure: boolean): number | undefined {
  const given = attrs.aspectRatio;
  if (typeof given === "number" && given > 0 && Number.isFinite(given)) return given;
  if (given !== "auto" && !SCALES.has(mode)) return undefined;
  const width = asOptionalNumber(attrs.width) ?? (isFigure ? BOKEH_WIDTH : undefined);
  const height = asOptionalNumber(attrs.height);
  return width !== undefined && height !== undefined && height > 0 ? width / height : undefined;
}

/**
 * How the model of `id` sizes itself. With no `sizingMode`, a figure without a `width` fills
 * its container's width (as before), and so does a layout holding anything that does.
 */
export function sizingOf(state: DocState, id: ModelId, depth = 0): Sizing {
  const model = modelOf(state, id);
  if (model === undefined || depth > MAX_DEPTH) return { fillWidth: false, fillHeight: false };
  const attrs = model.attrs;
  const mode = asString(attrs.sizingMode);
  const width = asOptionalNumber(attrs.width);
  const children = childIds(state, model).map((child) => sizingOf(state, child, depth + 1));
  const byDefault = mode === "" && width === undefined && (model.type === "Figure" || children.some((child) => child.fillWidth));
  const fillWidth = FILLS_WIDTH.has(mode) || byDefault;
  const fillHeight = FILLS_HEIGHT.has(mode);
  const flexible = fillWidth || fillHeight;
  const ratio = flexible ? ratioOf(attrs, mode, model.type === "Figure") : undefined;
  const bases = children.map((child) => child.basis).filter((basis): basis is number => basis !== undefined);
  const own = asOptionalNumber(attrs.minWidth) ?? (fillWidth ? undefined : width);
  const basis = own ?? (bases.length > 0 ? Math.max(...bases) : fillWidth ? READABLE_WIDTH : undefined);
  return {
    fillWidth,
    fillHeight,
    ...(ratio === undefined ? {} : { ratio }),
    ...(basis === undefined ? {} : { basis }),
    ...(model.type === "Row" ? { wraps: true } : {}),
  };
}

/** `12px` for a finite number, else undefined. */
export const px = (value: Value | undefined) => (typeof value === "number" && Number.isFinite(value) ? `${value}px` : undefined);

/** The `data-aperture-fill` value: the dimensions the model takes from its container. */
export function fillOf(sizing: Sizing): string {
  return [sizing.fillWidth ? "width" : "", sizing.fillHeight ? "height" : ""].filter(Boolean).join(" ");
}

/**
 * The inline CSS of the model's size. A filled dimension comes from the container (style.ts);
 * with a ratio, the other one follows it. A fixed width shrinks with a narrower container
 * (Bokeh's would overflow it) and a `minWidth` never exceeds the container.
 */
export function sizeStyles(attrs: Record<string, Value>, sizing: Sizing): Record<string, string> {
  const out: Record<string, string> = {};
  const heightFollows = sizing.ratio !== undefined && sizing.fillWidth;
  const widthFollows = sizing.ratio !== undefined && !sizing.fillWidth;
  const [width, height, minWidth, maxWidth] = [px(attrs.width), px(attrs.height), px(attrs.minWidth), px(attrs.maxWidth)];
  if (width !== undefined && !sizing.fillWidth && !widthFollows) out.width = width;
  if (height !== undefined && !sizing.fillHeight && !heightFollows) {
    if (sizing.wraps === true) out["--aperture-line-height"] = out["min-height"] = height;
    else out.height = height;
  }
  if (minWidth !== undefined) out["min-width"] = `min(100%, ${minWidth})`;
  if (maxWidth !== undefined) out["max-width"] = out.width === undefined ? maxWidth : `min(100%, ${maxWidth})`;
  else if (out.width !== undefined) out["max-width"] = "100%";
  const [minHeight, maxHeight] = [px(attrs.minHeight), px(attrs.maxHeight)];
  if (minHeight !== undefined) out["min-height"] = minHeight;
  if (maxHeight !== undefined) out["max-height"] = maxHeight;
  if (sizing.ratio !== undefined) {
    out["aspect-ratio"] = String(sizing.ratio);
    // Else a box with a ratio grows to fit its content (the plot drawn at the old size).
    out["min-height"] ??= "0";
  }
  if (sizing.basis !== undefined && sizing.fillWidth) out["--aperture-basis"] = `${sizing.basis}px`;
  return out;
}
