/**
 * Which glyphs show hover text, and whose tooltips: a glyph's own `tooltips` always show;
 * an active HoverTool adds its `tooltips` and `formatters` to the glyphs it inspects (its
 * `renderers`, or all of the figure's) that have none. Every other glyph hovers silently
 * (clicks and crosshairs still work: Plotly's `hoverinfo: "none"`).
 */
import type { DocState, ModelId, Value } from "../../server/protocol/index.ts";
import type { PlotlyObject } from "./figure-spec.ts";
import { activeHover, type Tools } from "./toolbar.ts";
import { modelOf, refIds } from "./values.ts";

export interface Inspection {
  /** The document, with the HoverTool's tooltips and formatters on the glyphs it lends them to. */
  state: DocState;
  /** Glyph renderers whose points show hover text. */
  inspected: ReadonlySet<ModelId>;
}

const hasTooltips = (attrs: Record<string, Value> | undefined) => Array.isArray(attrs?.tooltips) && attrs.tooltips.length > 0;

export function inspection(state: DocState, figure: ModelId, tools: Tools): Inspection {
  const renderers = refIds(modelOf(state, figure)?.attrs.renderers);
  const inspected = new Set(renderers.filter((id) => hasTooltips(modelOf(state, id)?.attrs)));
  const hover = activeHover(tools);
  if (hover === undefined) return { state, inspected };
  const named = refIds(hover.attrs.renderers);
  const covered = named.length > 0 ? renderers.filter((id) => named.includes(id)) : renderers;
  const models = { ...state.models };
  for (const id of covered) {
    inspected.add(id);
    const model = models[id];
    if (model === undefined || hasTooltips(model.attrs) || !Array.isArray(hover.attrs.tooltips)) continue;
    models[id] = { ...model, attrs: { ...model.attrs, tooltips: hover.attrs.tooltips, hoverFormatters: hover.attrs.formatters ?? {} } };
  }
  return { state: { ...state, models }, inspected };
}

/** Silences the hover of the traces of glyphs no tool inspects. */
export function silenceUninspected(
  traces: PlotlyObject[],
  renderers: readonly ModelId[],
  state: DocState,
  inspected: ReadonlySet<ModelId>,
): void {
  traces.forEach((trace, i) => {
    const id = renderers[i];
    if (id === undefined || inspected.has(id) || modelOf(state, id)?.type !== "GlyphRenderer") return;
    trace.hoverinfo = "none";
    delete trace.hovertemplate;
  });
}
