/**
 * Streamed rows as `Plotly.extendTraces` calls, so a live plot appends ten points instead of
 * re-sending its thousand. DOM-free: the figure view asks, and redraws in full when the answer
 * is undefined (a glyph that cannot append, batches with different rollovers, a missing column).
 */
import type { DocState, ModelId, Value } from "../../server/protocol/index.ts";
import type { StreamBatch } from "../patch/changes.ts";
import { hoverSpec, hoverTexts } from "./tooltips.ts";
import { escapeColumn } from "./escape.ts";
import { columnOf, formattersOf, plottedColumns, tooltipRows } from "./traces/index.ts";
import { asString, modelOf, refId } from "./values.ts";

type Rows = ArrayLike<unknown>;

/** One `extendTraces(gd, update, indices, maxPoints)` call: traces that extend the same attributes. */
export interface TraceExtension {
  update: Record<string, Rows[]>;
  indices: number[];
  maxPoints?: number;
}

const APPENDABLE = new Set(["line", "scatter", "area", "vbar", "hbar"]);

/** The batches' rows of one column, joined; undefined when a batch lacks it. */
function joined(batches: readonly StreamBatch[], column: string): Rows | undefined {
  const parts: Rows[] = [];
  for (const batch of batches) {
    if (!Object.hasOwn(batch.rows, column)) return undefined;
    parts.push(batch.rows[column]!);
  }
  if (parts.length === 1) return parts[0];
  const first = parts[0];
  if (ArrayBuffer.isView(first)) {
    const Ctor = (first as unknown as { constructor: new (n: number) => Float64Array }).constructor;
    const out = new Ctor(parts.reduce((n, part) => n + part.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part as ArrayLike<number>, at);
      at += part.length;
    }
    return out;
  }
  return parts.flatMap((part) => Array.from(part));
}

/** True when the trace shows plain columns only: no other coordinates, no per-row looks, no legend per row. */
function drawnFromPlainColumns(attrs: Record<string, Value>): boolean {
  const coords = attrs.coords;
  const noCoords = coords === undefined || (typeof coords === "object" && coords !== null && Object.keys(coords).length === 0);
  const perRow = ["color", "fillColor", "lineColor", "alpha", "fillAlpha", "lineAlpha", "size", "marker"].some(
    (key) => typeof attrs[key] === "object" && attrs[key] !== null,
  );
  const unset = (value: Value | undefined) => value === undefined || value === null;
  return noCoords && !perRow && unset(attrs.legendField) && unset(attrs.view);
}

/** What to append to one trace, or undefined when it cannot append. */
/** `sourceRows`: the source's row count after the batches (so streamed points know their `$index`). */
function traceRows(attrs: Record<string, Value>, batches: readonly StreamBatch[], sourceRows: number): Record<string, Rows> | undefined {
  if (typeof attrs.glyph !== "string" || !APPENDABLE.has(attrs.glyph) || !drawnFromPlainColumns(attrs)) return undefined;
  const plotted = plottedColumns(attrs);
  const x = joined(batches, plotted.x ?? "");
  const y = joined(batches, plotted.y ?? "");
  if (x === undefined || y === undefined) return undefined;
  const rows: Record<string, Rows> = { x: escapeColumn(x), y: escapeColumn(y) };
  const tooltips = tooltipRows(attrs.tooltips);
  if (tooltips.length > 0) {
    const spec = hoverSpec(tooltips, plotted);
    const columns: Record<string, Rows> = {};
    for (const field of spec.fields) {
      const column = joined(batches, field);
      if (column === undefined) return undefined;
      columns[field] = column;
    }
    rows.customdata = hoverTexts(spec, columns, x.length, {
      plotted,
      name: asString(attrs.legendLabel),
      formatters: formattersOf(attrs),
      firstIndex: Math.max(0, sourceRows - x.length),
    });
  }
  return rows;
}

/**
 * The extendTraces calls that bring the drawn traces (renderer ids in trace order) up to
 * date with the batches streamed into their sources since the last draw.
 */
export function extensionsFor(
  state: DocState,
  renderers: readonly ModelId[],
  batches: ReadonlyMap<ModelId, readonly StreamBatch[]>,
): TraceExtension[] | undefined {
  const rollovers = new Set([...batches.values()].flat().map((batch) => batch.rollover));
  if (rollovers.size > 1) return undefined;
  const [rollover] = rollovers;
  const groups = new Map<string, TraceExtension>();
  for (const [index, id] of renderers.entries()) {
    const attrs = modelOf(state, id)?.attrs;
    const source = refId(attrs?.source);
    const streamed = source === undefined ? undefined : batches.get(source);
    if (attrs === undefined || streamed === undefined) continue;
    const rows = traceRows(attrs, streamed, columnOf(modelOf(state, source)?.attrs.data, attrs.x).length);
    if (rows === undefined) return undefined;
    const key = Object.keys(rows).join(",");
    const group = groups.get(key) ?? {
      update: Object.fromEntries(Object.keys(rows).map((attr) => [attr, []])),
      indices: [],
      ...(rollover === undefined ? {} : { maxPoints: rollover }),
    };
    for (const [attr, values] of Object.entries(rows)) group.update[attr]!.push(values);
    group.indices.push(index);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Plotly refuses to extend an array with one of another kind: new rows take the kind of the
 * drawn array (a typed column of the same dtype, or a plain array).
 */
export function likeDrawn(rows: Rows, drawn: unknown): Rows {
  if (ArrayBuffer.isView(drawn)) {
    const Ctor = (drawn as unknown as { constructor: new (values: ArrayLike<number>) => Rows }).constructor;
    return rows.constructor === Ctor ? rows : new Ctor(rows as ArrayLike<number>);
  }
  return Array.isArray(rows) ? (rows as unknown[]) : Array.from(rows);
}

/** An extendTraces call ready for Plotly: rows of the drawn arrays' kind, a limit per trace. */
export interface PlotlyExtension {
  update: Record<string, Rows[]>;
  indices: number[];
  /** Per attribute and trace: the points to keep, or -1 for no limit. */
  maxPoints: Record<string, number[]>;
}

/**
 * Fits an extension to the drawn traces. Plotly trims typed arrays to `maxPoints` even when
 * they hold fewer points (it then allocates a negative length and throws), so a limit is
 * given only to traces that would pass it.
 */
export function forPlotly(extension: TraceExtension, drawn: readonly Record<string, unknown>[]): PlotlyExtension {
  const update: Record<string, Rows[]> = {};
  const maxPoints: Record<string, number[]> = {};
  for (const [attr, rows] of Object.entries(extension.update)) {
    update[attr] = rows.map((values, i) => likeDrawn(values, drawn[extension.indices[i]!]?.[attr]));
    maxPoints[attr] = rows.map((values, i) => {
      const current = drawn[extension.indices[i]!]?.[attr] as Rows | undefined;
      const total = (current?.length ?? 0) + values.length;
      return extension.maxPoints !== undefined && total > extension.maxPoints ? extension.maxPoints : -1;
    });
  }
  return { update, indices: extension.indices, maxPoints };
}

/** True when every drawn trace holds as many points as its source has rows. */
export function drawnMatchesState(state: DocState, renderers: readonly ModelId[], drawn: readonly { x?: ArrayLike<unknown> }[]): boolean {
  return renderers.every((id, index) => {
    const attrs = modelOf(state, id)?.attrs;
    const data = modelOf(state, refId(attrs?.source))?.attrs.data as Record<string, ArrayLike<unknown>> | undefined;
    const column = data && typeof attrs?.x === "string" && Object.hasOwn(data, attrs.x) ? data[attrs.x] : undefined;
    return column === undefined || drawn[index]?.x?.length === column.length;
  });
}
