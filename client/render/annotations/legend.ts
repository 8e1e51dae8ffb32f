/**
 * A figure's Legend model as Plotly's legend: where it sits (inside the plot at `location`,
 * or beside it when the legend was added to a side), which way it runs, its entries (the
 * Legend's `items`, or one per `legendLabel`), and what a click on an entry does. Plotly's
 * own click toggling is off: a click writes the renderers' `visible` or `muted` (see plotly.ts),
 * as Bokeh's legend does, so the server sees it too.
 */
import type { DocState, ModelId, ModelState, Value } from "../../../server/protocol/index.ts";
import { escapeHtml } from "../../../server/protocol/format.ts";
import type { PlotlyObject } from "../figure-spec.ts";
import { asString, modelOf, refIds } from "../values.ts";
import { fontStyle, withAlpha } from "./style.ts";
import { asNumber } from "../values.ts";

const SIDES = ["center", "right", "left", "above", "below"] as const;
type Side = (typeof SIDES)[number];

export interface LegendModel {
  id: ModelId;
  side: Side;
  model: ModelState;
}

/** The figure's first Legend model and the side it was put on. */
export function legendOf(state: DocState, figure: ModelId): LegendModel | undefined {
  const attrs = modelOf(state, figure)?.attrs ?? {};
  for (const side of SIDES) {
    for (const id of refIds(attrs[side])) {
      const model = modelOf(state, id);
      if (model?.type === "Legend") return { id, side, model };
    }
  }
  return undefined;
}

/** Bokeh's location names as a [horizontal, vertical] place: 0 (left/bottom), 0.5, 1 (right/top). */
const PLACES: Readonly<Record<string, [number, number]>> = {
  top_left: [0, 1],
  top_center: [0.5, 1],
  top_right: [1, 1],
  top: [0.5, 1],
  center_left: [0, 0.5],
  center: [0.5, 0.5],
  center_right: [1, 0.5],
  left: [0, 0.5],
  right: [1, 0.5],
  bottom_left: [0, 0],
  bottom_center: [0.5, 0],
  bottom_right: [1, 0],
  bottom: [0.5, 0],
};

const X_ANCHOR = ["left", "center", "right"] as const;
const Y_ANCHOR = ["bottom", "middle", "top"] as const;

/** Where the legend box goes, in paper units: inside (a little in from the corner), or beside the plot. */
function position(side: Side, location: Value | undefined): PlotlyObject {
  if (Array.isArray(location)) {
    // [x, y] in pixels from the plot's lower-left corner: as a fraction Plotly cannot know, so at the corner nearest.
    return { x: 0.01, xanchor: "left", y: 0.01, yanchor: "bottom" };
  }
  const [h, v] = PLACES[asString(location)] ?? [1, 1];
  const inset = (at: number) => 0.01 + at * 0.98;
  const xanchor = X_ANCHOR[h * 2]!;
  const yanchor = Y_ANCHOR[v * 2]!;
  if (side === "center") return { x: inset(h), xanchor, y: inset(v), yanchor };
  if (side === "right") return { x: 1.02, xanchor: "left", y: v, yanchor };
  if (side === "left") return { x: -0.1, xanchor: "right", y: v, yanchor };
  if (side === "above") return { x: h, xanchor, y: 1.02, yanchor: "bottom" };
  return { x: h, xanchor, y: -0.12, yanchor: "top" };
}

/** The Plotly legend of a Legend model. */
export function legendLayout(legend: LegendModel): PlotlyObject {
  const a = legend.model.attrs;
  const title = a.title;
  return {
    ...position(legend.side, a.location),
    orientation: asString(a.orientation) === "horizontal" ? "h" : "v",
    bgcolor: withAlpha(a.backgroundFillColor, asNumber(a.backgroundFillAlpha, 0.95)) ?? "rgba(0,0,0,0)",
    bordercolor: withAlpha(a.borderLineColor, 1) ?? "rgba(0,0,0,0)",
    borderwidth: a.borderLineColor === null ? 0 : 1,
    font: fontStyle(a, "labelText"),
    title: typeof title === "string" && title !== "" ? { text: escapeHtml(title) } : undefined,
    // Clicks are handled by the page (clickPolicy), never by Plotly's own toggling.
    itemclick: false,
    itemdoubleclick: false,
  };
}

/** The legend's `items`: each entry named by its label on its renderers' first trace, the others grouped with it. */
export function applyItems(state: DocState, legend: LegendModel, traces: PlotlyObject[], renderers: readonly ModelId[]): void {
  const items = refIds(legend.model.attrs.items).map((id) => ({ id, model: modelOf(state, id) }));
  if (items.length === 0) return;
  for (const trace of traces) trace.showlegend = false;
  for (const { id, model } of items) {
    if (model === undefined || model.attrs.visible === false) continue;
    const members = new Set(refIds(model.attrs.renderers));
    let first = true;
    traces.forEach((trace, i) => {
      if (!members.has(renderers[i]!)) return;
      Object.assign(trace, { legendgroup: id, name: escapeHtml(asString(model.attrs.label)), showlegend: first });
      first = false;
    });
  }
}

/** The renderers a click on a legend entry acts on: the item's renderers, or the clicked trace's own. */
export function clickedRenderers(state: DocState, trace: PlotlyObject | undefined, renderer: ModelId | undefined): ModelId[] {
  const group = trace?.legendgroup;
  const item = typeof group === "string" ? modelOf(state, group) : undefined;
  if (item?.type === "LegendItem") return refIds(item.attrs.renderers);
  return renderer === undefined ? [] : [renderer];
}

/** An invisible renderer keeps its legend entry (greyed), as in Bokeh. */
export function keepHiddenEntries(traces: PlotlyObject[]): void {
  for (const trace of traces) if (trace.visible === false && trace.showlegend === true) trace.visible = "legendonly";
}
