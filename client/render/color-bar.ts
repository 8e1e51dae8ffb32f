/**
 * A ColorBar as Plotly draws one: an empty scatter trace whose marker carries the mapper's
 * palette as a stepped colorscale between its low and high (log10 of them for a log mapper),
 * with Plotly's colorbar beside the plot. DOM-free.
 */
import type { DocState, ModelId, Value } from "../../server/protocol/index.ts";
import { escapeHtml } from "../../server/protocol/format.ts";
import type { PlotlyObject } from "./figure-spec.ts";
import { columnOf, glyphData } from "./traces/resolve.ts";
import { asNumber, asString, modelOf, refId, refIds } from "./values.ts";

/** The palette as bins of equal width: each color from its bin's start to its end. */
function stepped(palette: readonly string[]): [number, string][] {
  return palette.flatMap((color, i): [number, string][] => [
    [i / palette.length, color],
    [(i + 1) / palette.length, color],
  ]);
}

/** The data range of the fields drawn through `mapper` (for a mapper whose low or high is automatic). */
function fieldRange(state: DocState, figure: ModelId, mapper: ModelId): [number, number] {
  let [low, high] = [Infinity, -Infinity];
  for (const id of refIds(modelOf(state, figure)?.attrs.renderers)) {
    const g = glyphData(state, id);
    const index = g === undefined ? -1 : refIds(g.attrs.transforms).indexOf(mapper);
    if (g === undefined || index < 0) continue;
    for (const value of Object.values(g.attrs)) {
      const spec = value as Record<string, Value> | null;
      if (typeof spec !== "object" || spec === null || spec.transform !== index) continue;
      for (const v of Array.from(columnOf(g.data, spec.field)))
        if (typeof v === "number") [low, high] = [Math.min(low, v), Math.max(high, v)];
    }
  }
  return Number.isFinite(low) ? [low, high] : [0, 1];
}

function colorBarTrace(state: DocState, figure: ModelId, bar: ModelId, side: "right" | "left"): PlotlyObject | undefined {
  const attrs = modelOf(state, bar)?.attrs;
  const mapperId = refId(attrs?.colorMapper);
  const mapper = modelOf(state, mapperId);
  if (attrs === undefined || mapper === undefined || !["LinearColorMapper", "LogColorMapper"].includes(mapper.type)) return undefined;
  const palette = Array.isArray(mapper.attrs.palette) ? mapper.attrs.palette.filter((c): c is string => typeof c === "string") : [];
  const [autoLow, autoHigh] = fieldRange(state, figure, mapperId!);
  const log = mapper.type === "LogColorMapper";
  const scale = (v: number) => (log ? Math.log10(v) : v);
  const [cmin, cmax] = [scale(asNumber(mapper.attrs.low, autoLow)), scale(asNumber(mapper.attrs.high, autoHigh))];
  const powers = log ? Array.from({ length: Math.floor(cmax) - Math.ceil(cmin) + 1 }, (_, i) => Math.ceil(cmin) + i) : undefined;
  const colorbar = {
    title: { text: escapeHtml(asString(attrs.title)) },
    thickness: asNumber(attrs.width, 16),
    x: side === "right" ? 1.02 : -0.12,
    xanchor: side === "right" ? "left" : "right",
    ...(powers ? { tickvals: powers, ticktext: powers.map((p) => `1e${p}`) } : {}),
  };
  const marker = { color: [cmin], colorscale: stepped(palette), cmin, cmax, showscale: true, colorbar };
  return { uid: bar, type: "scatter", mode: "markers", x: [null], y: [null], marker, hoverinfo: "skip", showlegend: false };
}

/** The color bars a figure has beside it (`right` and `left`), as traces. */
export function colorBarTraces(state: DocState, figure: ModelId): PlotlyObject[] {
  const attrs = modelOf(state, figure)?.attrs ?? {};
  return (["right", "left"] as const).flatMap((side) =>
    refIds(attrs[side]).flatMap((id) =>
      modelOf(state, id)?.type === "ColorBar"
        ? [colorBarTrace(state, figure, id, side)].filter((t): t is PlotlyObject => t !== undefined)
        : [],
    ),
  );
}
