/**
 * The figure's page events that belong to its decorations: a legend click acts by the
 * Legend's `clickPolicy` (hide or mute the entry's renderers, written to the server as a
 * person's write of `visible`/`muted`). A pan or zoom of a twin axis is written with the main
 * axes' (plotly.ts, ranges.ts).
 */
import type { PlotlyHTMLElement } from "plotly.js/lib/core";
import { clickedRenderers, legendOf } from "./annotations/legend.ts";
import type { FigureSpec } from "./figure-spec.ts";
import type { RenderContext } from "./view.ts";
import { modelOf } from "./values.ts";

function onLegendClick(ctx: RenderContext, drawn: FigureSpec | undefined, curveNumber: number): void {
  const state = ctx.state();
  const policy = legendOf(state, ctx.id)?.model.attrs.clickPolicy;
  if (drawn === undefined || (policy !== "hide" && policy !== "mute")) return;
  const attr = policy === "hide" ? "visible" : "muted";
  for (const renderer of clickedRenderers(state, drawn.traces[curveNumber], drawn.renderers[curveNumber])) {
    const attrs = modelOf(state, renderer)?.attrs;
    if (attrs?.glyph === undefined) continue;
    const now = policy === "hide" ? attrs.visible !== false : attrs.muted === true;
    ctx.setOther(renderer, attr, !now);
  }
}

export function listenDecorations(ctx: RenderContext, gd: PlotlyHTMLElement, drawn: () => FigureSpec | undefined): void {
  gd.on("plotly_legendclick", (event) => {
    onLegendClick(ctx, drawn(), event.curveNumber);
    // Plotly's own toggling would hide the trace without the document knowing.
    return false;
  });
}
