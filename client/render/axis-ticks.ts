/**
 * Tick labels of an axis with a Bokeh tick formatter: tick values laid out here (about one
 * per 80 px, at 1/2/5 steps; dates at date-axis.ts' steps) and each label formatted by the
 * shared format module, so `NumeralTickFormatter({ format: "$0,0" })` reads as a tooltip's
 * `{$0,0}` does. The axis is redrawn with new ticks after every pan or zoom (a range write).
 */
import type { ModelState } from "../../server/protocol/index.ts";
import { datetimeFormat, numeralFormat, printfFormat } from "../../server/protocol/format.ts";
import { dateTicks } from "./date-axis.ts";
import { asString } from "./values.ts";

export interface Ticks {
  tickvals: number[];
  ticktext: string[];
}

/** Values at 1, 2 or 5 × 10^k steps, about `count` of them across [lo, hi]. */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo > hi) [lo, hi] = [hi, lo];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(count, 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw * 0.999) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let i = Math.ceil(lo / step); i * step <= hi + step * 1e-9 && ticks.length < 1_000; i++)
    ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Bokeh's DatetimeTickFormatter scale for ticks `step` ms apart. */
function dateScale(step: number): string {
  if (step < SECOND) return "milliseconds";
  if (step < MINUTE) return "seconds";
  if (step < HOUR) return "minsec";
  if (step < DAY) return "hourmin";
  if (step < 28 * DAY) return "days";
  if (step < 365 * DAY) return "months";
  return "years";
}

function formatted(formatter: ModelState, values: number[], date: boolean): string[] {
  const a = formatter.attrs;
  if (formatter.type === "NumeralTickFormatter") return values.map((v) => numeralFormat(v, asString(a.format, "0,0")));
  if (formatter.type === "PrintfTickFormatter") return values.map((v) => printfFormat(v, asString(a.format, "%s")));
  if (formatter.type === "DatetimeTickFormatter" || date) {
    const step = values.length > 1 ? values[1]! - values[0]! : DAY;
    const format = asString(a[dateScale(step)], "%Y-%m-%d");
    return values.map((v) => datetimeFormat(v, format));
  }
  return values.map(String);
}

/** Formatter types this module lays ticks out for (a CategoricalTickFormatter or BasicTickFormatter leaves them to Plotly). */
export const TICK_FORMATTERS: ReadonlySet<string> = new Set(["NumeralTickFormatter", "PrintfTickFormatter", "DatetimeTickFormatter"]);

/**
 * Ticks across `visible` (data units; ms on date axes; log axes at powers of ten), labelled by
 * `formatter` and then by `overrides` (Bokeh's `majorLabelOverrides`); `fixed` values (a ticker list) when given.
 */
export function axisTicks(options: {
  visible: [number, number];
  pixels: number;
  formatter: ModelState | undefined;
  type: string;
  fixed?: number[];
  overrides?: Readonly<Record<string, string>>;
}): Ticks {
  const { visible, pixels, formatter, type, fixed, overrides = {} } = options;
  const count = Math.max(2, Math.floor(pixels / 80));
  const date = type === "date";
  let tickvals =
    fixed ?? (date ? dateTicks(visible, count).tickvals : type === "log" ? powersOfTen(visible) : niceTicks(visible[0], visible[1], count));
  tickvals = tickvals.filter(Number.isFinite);
  const ticktext =
    formatter !== undefined && TICK_FORMATTERS.has(formatter.type)
      ? formatted(formatter, tickvals, date)
      : date
        ? dateTicks(visible, count).ticktext
        : tickvals.map(String);
  return { tickvals, ticktext: tickvals.map((v, i) => (Object.hasOwn(overrides, String(v)) ? overrides[String(v)]! : ticktext[i]!)) };
}

function powersOfTen([lo, hi]: [number, number]): number[] {
  if (!(lo > 0 && hi > 0)) return [];
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(Math.min(lo, hi))); k <= Math.ceil(Math.log10(Math.max(lo, hi))) && out.length < 400; k++)
    out.push(10 ** k);
  return out;
}
