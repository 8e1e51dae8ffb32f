/**
 * The figure's page events that belong to its decorations: a legend click acts by the
 * Legend's `clickPolicy` (hide or mute the entry's renderers, written to the server as a
 * person's write of `visible`/`muted`), and a pan or zoom of a twin axis writes its range's
 * `start`/`end`.
 */
import type { PlotlyHTMLElement } from "plotly.js/lib/core";
import type { ModelId } from "../../server/protocol/index.ts";
import { clickedRenderers, legendOf } from "./annotations/legend.ts";
import { axisIdsOf, extraRange, layoutKey } from "./axis-ids.ts";
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

/** A relayout event's new ends of one axis (`yaxis2.range[0]`, or the whole `yaxis2.range`). */
function endsOf(event: Record<string, unknown>, key: string): [number, number] | undefined {
  const whole = event[`${key}.range`];
  const [start, end] = Array.isArray(whole) ? (whole as unknown[]) : [event[`${key}.range[0]`], event[`${key}.range[1]`]];
  return typeof start === "number" && typeof end === "number" && Number.isFinite(start) && Number.isFinite(end) ? [start, end] : undefined;
}

function onRelayout(ctx: RenderContext, event: Record<string, unknown>): void {
  const state = ctx.state();
  const ids = axisIdsOf(state, ctx.id);
  for (const letter of ["x", "y"] as const) {
    for (const [name, id] of ids[letter]) {
      const ends = name === "default" ? undefined : endsOf(event, layoutKey(id));
      const range: ModelId | undefined = ends === undefined ? undefined : extraRange(state, ctx.id, letter, name);
      if (ends === undefined || range === undefined) continue;
      ctx.setOther(range, "start", ends[0]);
      ctx.setOther(range, "end", ends[1]);
    }
  }
}

export function listenDecorations(ctx: RenderContext, gd: PlotlyHTMLElement, drawn: () => FigureSpec | undefined): void {
  gd.on("plotly_legendclick", (event) => {
    onLegendClick(ctx, drawn(), event.curveNumber);
    // Plotly's own toggling would hide the trace without the document knowing.
    return false;
  });
  gd.on("plotly_relayout", (event) => onRelayout(ctx, event));
}
