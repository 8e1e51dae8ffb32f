/**
 * Figure: a Plotly graph div. Redrawn with `Plotly.react` about once per animation frame at most
 * (at once when it was not redrawn within the last frame: frame-throttle.ts);
 * rows streamed into its sources are appended with `Plotly.extendTraces` instead, so a live
 * plot sends Plotly the new points only. Plotly is loaded on the first figure's creation
 * (plotly-loader.ts); what changes before it is in is drawn once it is.
 */
import type { PlotlyApi, PlotlyHTMLElement } from "plotly.js/lib/core";
import type { ModelId } from "../../server/protocol/index.ts";
import type { Changes, StreamBatch } from "../patch/changes.ts";
import { h } from "./dom.ts";
import {
  axisTypeOf,
  buildFigure,
  figureDeps,
  rangesFromRelayout,
  selectionFromPoints,
  tapFromClick,
  type FigureSpec,
  type RangeAttrs,
} from "./figure-spec.ts";
import { ticksCover, toTimeRows } from "./date-figure.ts";
import { drawnMatchesState, extensionsFor, forPlotly } from "./figure-stream.ts";
import { frameThrottle } from "./frame-throttle.ts";
import { loadPlotly, unregisteredTypes } from "./plotly-loader.ts";
import { LAYOUT_MARK_TYPES } from "./annotations/shapes.ts";
import { listenDecorations } from "./figure-clicks.ts";
import { layoutMarksOf } from "./figure-decorations.ts";
import { RangeHistory, writeRanges } from "./range-history.ts";
import { drawnAxes, shownRanges } from "./ranges.ts";
import { tapSelects, toolbarConfig } from "./toolbar.ts";
import type { RenderContext, View } from "./view.ts";
import { asString } from "./values.ts";
import { inspection } from "./hover-tool.ts";
import { figureTraceTypes } from "./traces/index.ts";

// A double click resets to the ranges first drawn (never "autosize": a Range1d has no "fit the data").
const CONFIG = { responsive: true, doubleClick: "reset" as const };
const KEPT_TIMINGS = 500;
const PAGE_FRAMES = {
  now: () => performance.now(),
  request: (run: () => void) => requestAnimationFrame(run),
  cancel: (id: number) => cancelAnimationFrame(id),
};

/** Counters a page (or a test) can read off the figure's element to see how it was drawn. */
export interface FigureStats {
  reacts: number;
  extends: number;
  /** Redraws of the annotations only (a moved Span, a resized box). */
  relayouts: number;
  /** Full redraws that have finished (drawn or failed): fewer than `reacts` while one is under way. */
  settled: number;
  /** Milliseconds of recent full redraws and appends (the last 500 of each). */
  reactMs: number[];
  appendMs: number[];
}

export type FigureElement = HTMLDivElement & { apertureStats: FigureStats };

function timed(list: number[], fn: () => void): void {
  const start = performance.now();
  fn();
  list.push(performance.now() - start);
  if (list.length > KEPT_TIMINGS) list.shift();
}

interface Listening {
  drawn: () => FigureSpec | undefined;
  history: RangeHistory;
  /** Draws the figure from the document again (a zoom past a range's interval limit shows the limit). */
  redraw: () => void;
}

/** Pans, zooms (twin axes too), selections and clicks become range writes, `selected` writes and `tap` events. */
function listen(ctx: RenderContext, gd: PlotlyHTMLElement, { drawn, history, redraw }: Listening): void {
  gd.on("plotly_relayout", (event) => {
    const types = { x: axisTypeOf(ctx.state(), ctx.id, "x"), y: axisTypeOf(ctx.state(), ctx.id, "y") };
    const ranges = rangesFromRelayout(event, drawnAxes(ctx.state(), ctx.id, types));
    if (Object.keys(ranges).length > 0) history.record(shownRanges(ctx.state(), ctx.id));
    if (writeRanges(ctx, ranges)) redraw();
  });
  const select = (points: Parameters<typeof selectionFromPoints>[0]) => {
    for (const [source, indices] of selectionFromPoints(points, drawn()?.sources ?? [], drawn()?.rows))
      ctx.setOther(source, "selected", indices);
  };
  gd.on("plotly_selected", (event) => select(event?.points ?? []));
  gd.on("plotly_deselect", () => select([]));
  gd.on("plotly_click", (event) => {
    const tap = tapFromClick(event.points, drawn()?.renderers ?? [], drawn()?.rows);
    if (tap === undefined) return;
    ctx.event("tap", tap);
    const source = drawn()?.sources[event.points[0]!.curveNumber];
    if (source !== undefined && tapSelects(drawn()!.tools)) ctx.setOther(source, "selected", [tap.index]);
  });
}

export function renderFigure(ctx: RenderContext): View {
  const div = h("div", { className: "aperture-figure" }) as FigureElement;
  const stats: FigureStats = { reacts: 0, extends: 0, relayouts: 0, settled: 0, reactMs: [], appendMs: [] };
  div.apertureStats = stats;
  let revision = 0;
  let drawn: FigureSpec | undefined;
  let ready = false;
  let listening = false;
  // What changed since the last draw: rows to append per source, or a reason to redraw all.
  let full = true;
  let batches = new Map<ModelId, StreamBatch[]>();
  // Only annotation models changed: their shapes and labels are redrawn with a relayout.
  let marks = false;
  let Plotly: PlotlyApi | undefined;
  let disposed = false;
  const history = new RangeHistory();
  const step = (to: RangeAttrs | undefined) => to !== undefined && writeRanges(ctx, to);
  const actions = {
    undo: () => step(history.undo(shownRanges(ctx.state(), ctx.id))),
    redo: () => step(history.redo(shownRanges(ctx.state(), ctx.id))),
  };
  // One config object while the toolbar stays the same: Plotly.react redraws everything for a new one.
  let config = { key: "", value: {} as Record<string, unknown> };
  const configFor = (spec: FigureSpec) => {
    const toolbar = toolbarConfig(spec.tools, asString(ctx.attr("title")), actions);
    const key = JSON.stringify(toolbar);
    if (key !== config.key) config = { key, value: { ...CONFIG, ...toolbar } };
    return config.value;
  };
  const failed = (error: unknown) => {
    div.textContent = `Aperture: the plot could not be drawn (${String(error)})`;
    console.warn(`[aperture] figure ${ctx.id}: plotly.js did not load:`, error);
  };
  const redrawAll = () => {
    if (disposed) return;
    full = true;
    drawSoon.schedule();
  };

  const react = (Plotly: PlotlyApi) => {
    const size = { width: div.clientWidth || undefined, height: div.clientHeight || undefined };
    const spec = buildFigure(ctx.state(), ctx.id, ++revision, { size });
    // A glyph added since the figure was made may draw a trace type plotly has not loaded yet.
    const missing = unregisteredTypes(spec.traces);
    if (missing.length > 0) return void loadPlotly(missing).then(redrawAll, failed);
    drawn = spec;
    ready = false;
    div.dataset.toolbarLocation = spec.tools.location ?? "none";
    let done: Promise<PlotlyHTMLElement> | undefined;
    timed(stats.reactMs, () => {
      done = Plotly.react(div, spec.traces, spec.layout, configFor(spec));
    });
    stats.reacts++;
    done!.then(
      (gd) => {
        stats.settled++;
        if (drawn === spec) ready = true;
        if (listening) return;
        listening = true;
        listen(ctx, gd, { drawn: () => drawn, history, redraw });
        listenDecorations(ctx, gd, () => drawn);
      },
      (error: unknown) => {
        stats.settled++;
        console.warn(`[aperture] figure ${ctx.id} could not be drawn:`, error);
      },
    );
  };

  /** Appends the streamed rows; false when they need a full redraw instead. */
  const append = (Plotly: PlotlyApi): boolean => {
    if (!ready || drawn === undefined || !drawn.appendable) return false;
    // Tooltips a HoverTool lends its glyphs apply to streamed points too.
    const state = inspection(ctx.state(), ctx.id, drawn.tools).state;
    const extensions = extensionsFor(state, drawn.renderers, batches);
    if (extensions === undefined) return false;
    for (const extension of extensions) toTimeRows(extension.update, drawn.dates);
    if (!extensions.every((extension) => ticksCover(drawn!.tickCover, extension.update))) return false;
    const traces = (div as unknown as PlotlyHTMLElement).data;
    timed(stats.appendMs, () => {
      for (const extension of extensions) {
        const { update, indices, maxPoints } = forPlotly(extension, traces);
        void Plotly.extendTraces(div, update, indices, maxPoints);
      }
    });
    stats.extends++;
    return drawnMatchesState(state, drawn.renderers, traces);
  };

  const draw = () => {
    if (Plotly === undefined) return;
    const appended = !full && batches.size > 0 && append(Plotly);
    if (!appended && (full || batches.size > 0)) react(Plotly);
    else if (marks && ready) {
      void Plotly.relayout(div, layoutMarksOf(ctx.state(), ctx.id));
      stats.relayouts++;
    } else if (marks) react(Plotly);
    full = false;
    marks = false;
    batches = new Map();
  };

  const drawSoon = frameThrottle(draw, PAGE_FRAMES);

  const redraw = () => {
    full = true;
    drawSoon.schedule();
  };

  /** Notes what changed: only streamed rows of its sources can be appended. */
  const collect = (changes: Changes | undefined) => {
    if (changes === undefined || full) return void (full = true);
    const mine = new Set([ctx.id, ...figureDeps(ctx.state(), ctx.id)]);
    for (const id of changes.models) {
      if (!mine.has(id)) continue;
      if (LAYOUT_MARK_TYPES.has(ctx.state().models[id]?.type ?? "")) {
        marks = true;
        continue;
      }
      const streamed = changes.streams?.get(id);
      if (streamed === undefined) return void (full = true);
      batches.set(id, [...(batches.get(id) ?? []), ...streamed]);
    }
  };

  // Plotly follows its element's size: a window resize, a row wrapping, a figure drawn while
  // hidden (an inactive tab) shown, a height that follows the width (sizing.ts).
  let size = "";
  const observer =
    typeof ResizeObserver === "undefined"
      ? undefined
      : new ResizeObserver((entries) => {
          const box = entries[0]?.contentRect;
          const now = box === undefined || box.width === 0 ? "" : `${box.width}x${box.height}`;
          if (now !== size && now !== "" && ready) void Plotly?.Plots.resize(div);
          size = now;
        });
  observer?.observe(div);
  // The trace types the glyphs draw are loaded before the first draw (a page of lines loads no bar chunk).
  loadPlotly(figureTraceTypes(ctx.state(), ctx.id)).then((api) => {
    if (disposed) return;
    Plotly = api;
    drawSoon.schedule();
  }, failed);

  return {
    el: div,
    deps: () => figureDeps(ctx.state(), ctx.id),
    update(changes) {
      collect(changes);
      // A burst of patches costs one redraw (or one append) a frame; none before plotly is in.
      if (Plotly !== undefined) drawSoon.schedule();
    },
    dispose() {
      drawSoon.cancel();
      observer?.disconnect();
      disposed = true;
      Plotly?.purge(div);
    },
  };
}
