/** Figure: a Plotly graph div, redrawn with `Plotly.react` at most once per animation frame. */
import Plotly, { type PlotlyHTMLElement } from "plotly.js-cartesian-dist-min";
import type { ModelId } from "../../server/protocol/index.ts";
import { h } from "./dom.ts";
import { axisTypeOf, buildFigure, figureDeps, rangesFromRelayout, selectionFromPoints } from "./figure-spec.ts";
import type { RenderContext, View } from "./view.ts";
import { asOptionalNumber } from "./values.ts";

const CONFIG = { responsive: true, displaylogo: false };

/** Pans, zooms and selections become writes of the figure's ranges and the sources' `selected`. */
function listen(ctx: RenderContext, gd: PlotlyHTMLElement, sources: () => (ModelId | undefined)[]): void {
  gd.on("plotly_relayout", (event) => {
    const types = { x: axisTypeOf(ctx.state(), ctx.id, "x"), y: axisTypeOf(ctx.state(), ctx.id, "y") };
    const ranges = rangesFromRelayout(event, types);
    if (Object.keys(ranges).length > 0) ctx.update(ranges);
  });
  const select = (points: Parameters<typeof selectionFromPoints>[0]) => {
    for (const [source, indices] of selectionFromPoints(points, sources())) ctx.setOther(source, "selected", indices);
  };
  gd.on("plotly_selected", (event) => select(event?.points ?? []));
  gd.on("plotly_deselect", () => select([]));
}

export function renderFigure(ctx: RenderContext): View {
  const div = h("div", { className: "aperture-figure" });
  let frame: number | undefined;
  let revision = 0;
  let sources: (ModelId | undefined)[] = [];
  let listening = false;

  const draw = () => {
    frame = undefined;
    const spec = buildFigure(ctx.state(), ctx.id, ++revision);
    sources = spec.sources;
    const width = asOptionalNumber(ctx.attr("width"));
    div.style.width = width === undefined ? "" : `${width}px`;
    div.classList.toggle("aperture-fill", width === undefined);
    Plotly.react(div, spec.traces, spec.layout, CONFIG).then(
      (gd) => {
        if (listening) return;
        listening = true;
        listen(ctx, gd, () => sources);
      },
      (error: unknown) => console.warn(`[aperture] figure ${ctx.id} could not be drawn:`, error),
    );
  };

  return {
    el: div,
    deps: () => figureDeps(ctx.state(), ctx.id),
    // Many patches within one frame cost one redraw.
    update() {
      frame ??= requestAnimationFrame(draw);
    },
    dispose() {
      if (frame !== undefined) cancelAnimationFrame(frame);
      Plotly.purge(div);
    },
  };
}
