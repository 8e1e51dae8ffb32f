/**
 * A figure's datetime axes as linear axes of ms (see date-axis.ts): its traces' columns on
 * those axes as numbers, the axes' ticks, and hover labels that show dates.
 */
import type { PlotlyObject } from "./figure-spec.ts";
import { dateTicks, extentOf, dateHoverTexts, timeColumn } from "./date-axis.ts";

export type DateAxes = Partial<Record<"x" | "y", boolean>>;

/** Per autoranged date axis, the first and last of its ticks. */
export type TickCover = Partial<Record<"x" | "y", [number, number]>>;

/** Pixels between date ticks, per axis (date labels are wider than they are tall). */
const TICK_SPACING = { x: 110, y: 50 } as const;

/** Plotly's default hover of each trace type that has `hovertext`, the dates as given. */
const DEFAULT_HOVER: Readonly<Record<string, (x: string, y: string) => string>> = {
  scatter: (x, y) => `(${x}, ${y})`,
  bar: (x, y) => `(${x}, ${y})`,
};

/** The trace's columns on date axes as ms numbers (the same objects when already typed). */
export function toTimeColumns(trace: PlotlyObject, dates: DateAxes): void {
  for (const axis of ["x", "y"] as const) {
    const values = trace[axis];
    if (dates[axis] && values !== undefined && typeof values === "object" && values !== null && "length" in values) {
      trace[axis] = timeColumn(values as ArrayLike<unknown>);
    }
  }
}

/** The values the axis shows: its fixed range, or the extent of the traces' columns on it. */
function visibleRange(traces: readonly PlotlyObject[], axis: "x" | "y", fixed: readonly number[] | undefined): [number, number] {
  if (fixed !== undefined) return [fixed[0]!, fixed[1]!];
  let lo = Infinity;
  let hi = -Infinity;
  for (const trace of traces) {
    const values = trace[axis];
    const extent = ArrayBuffer.isView(values) ? extentOf(values as unknown as ArrayLike<number>) : undefined;
    if (extent === undefined) continue;
    lo = Math.min(lo, extent[0]);
    hi = Math.max(hi, extent[1]);
  }
  return [lo, hi];
}

/** The Plotly axis of a datetime axis; `pixels` is its length on screen (for the tick density). */
export function dateAxis(
  traces: readonly PlotlyObject[],
  axis: "x" | "y",
  fixed: readonly number[] | undefined,
  pixels: number,
): { layout: PlotlyObject; cover: [number, number] } {
  const { tickvals, ticktext } = dateTicks(visibleRange(traces, axis, fixed), pixels / TICK_SPACING[axis]);
  const cover: [number, number] = tickvals.length === 0 ? [Infinity, -Infinity] : [tickvals[0]!, tickvals[tickvals.length - 1]!];
  return { layout: { type: "linear", tickmode: "array", tickvals, ticktext }, cover };
}

/** Streamed rows on date axes as ms numbers, like the drawn columns they extend. */
export function toTimeRows(update: Record<string, ArrayLike<unknown>[]>, dates: DateAxes): void {
  for (const axis of ["x", "y"] as const) {
    if (dates[axis] && update[axis] !== undefined) update[axis] = update[axis].map(timeColumn);
  }
}

/** False when rows appended to autoranged date axes reach past their ticks (they need new ones). */
export function ticksCover(cover: TickCover, update: Readonly<Record<string, readonly ArrayLike<unknown>[]>>): boolean {
  for (const axis of ["x", "y"] as const) {
    const reach = cover[axis];
    if (reach === undefined) continue;
    for (const rows of update[axis] ?? []) {
      const extent = extentOf(timeColumn(rows));
      if (extent !== undefined && (extent[0] < reach[0] || extent[1] > reach[1])) return false;
    }
  }
  return true;
}

/**
 * Hover labels that show a date axis' values as dates (x's when both are dates): Plotly
 * formats dates only on date axes, so they travel as `hovertext`, made once per column.
 * In a trace's own template, `%{x}` (with or without a format) reads them.
 */
export function dateHover(trace: PlotlyObject, dates: DateAxes): void {
  const axis = dates.x ? "x" : dates.y ? "y" : undefined;
  const values = axis === undefined ? undefined : trace[axis];
  const make = typeof trace.type === "string" && Object.hasOwn(DEFAULT_HOVER, trace.type) ? DEFAULT_HOVER[trace.type] : undefined;
  if (axis === undefined || !ArrayBuffer.isView(values) || make === undefined) return;
  const template = trace.hovertemplate;
  const token = new RegExp(`%\\{${axis}(?:\\|[^}]*)?\\}`, "g");
  if (typeof template === "string" && !token.test(template)) return;
  trace.hovertext = dateHoverTexts(values as unknown as ArrayLike<number>);
  const read = (name: "x" | "y") => (name === axis ? "%{hovertext}" : `%{${name}}`);
  trace.hovertemplate = typeof template === "string" ? template.replace(token, "%{hovertext}") : make(read("x"), read("y"));
}
