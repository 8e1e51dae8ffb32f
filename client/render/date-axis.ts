/**
 * Datetime axes drawn as linear axes of milliseconds, with the date ticks and hover labels
 * made here. Plotly converts every value of a `date` axis on every redraw (`dateTime2ms`: per
 * value a `String()`, a regex and a `Date`), even a column that did not change; on a linear
 * axis it takes a typed array as it is. So a datetime column is turned into numbers once per
 * column object (`timeColumn`), and only the few tick labels are formatted per redraw.
 */
import { cachedFor } from "./column-cache.ts";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2024-05-01 06:30:00.125" (Plotly's UTC-based date text) → ms since the epoch. */
export function plotlyDateToMs(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = /^(-?\d{4,})-(\d\d)-(\d\d)(?:[ T](\d\d)(?::(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?)?$/.exec(value.trim());
  if (match === null) return undefined;
  const [, y, mo, d, hh = "0", mm = "0", ss = "0", frac = ""] = match;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(hh), Number(mm), Number(ss), Number(frac.padEnd(3, "0").slice(0, 3)));
  return date.getTime();
}

function toMs(value: unknown): number {
  const ms = plotlyDateToMs(value) ?? (typeof value === "string" ? Date.parse(value) : Number.NaN);
  return Number.isFinite(ms) ? ms : Number.NaN;
}

/**
 * A datetime column as ms numbers: a typed array is already that and is passed on as the same
 * object; a list (numbers or date text) is converted once per column object.
 */
export function timeColumn(values: ArrayLike<unknown>): ArrayLike<number> {
  if (ArrayBuffer.isView(values)) return values as unknown as ArrayLike<number>;
  return cachedFor(values, "time", () => Float64Array.from(values, toMs));
}

/** The smallest and largest finite value of a numeric column, once per column object. */
export function extentOf(values: ArrayLike<number>): [number, number] | undefined {
  return cachedFor(values, "extent", () => {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return min <= max ? ([min, max] as [number, number]) : undefined;
  });
}

/** Tick steps from a millisecond to a century; months and years step by calendar. */
const STEPS = [
  1,
  2,
  5,
  10,
  20,
  50,
  100,
  200,
  500,
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  MONTH,
  2 * MONTH,
  3 * MONTH,
  6 * MONTH,
  YEAR,
  2 * YEAR,
  5 * YEAR,
  10 * YEAR,
  20 * YEAR,
  50 * YEAR,
  100 * YEAR,
];

function stepFor(span: number, count: number): number {
  return STEPS.find((step) => step >= span / count) ?? Math.ceil(span / count / (100 * YEAR)) * 100 * YEAR;
}

/** Tick positions from `from` to `to`: calendar months/years, or multiples of a fixed step. */
function tickValues(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  if (step >= MONTH) {
    const months = step >= YEAR ? Math.round(step / YEAR) * 12 : Math.round(step / MONTH);
    const start = new Date(from);
    let month = Math.floor((start.getUTCFullYear() * 12 + start.getUTCMonth()) / months) * months;
    for (let t = Date.UTC(Math.floor(month / 12), month % 12); t <= to; t = Date.UTC(Math.floor(month / 12), month % 12)) {
      if (t >= from) values.push(t);
      month += months;
    }
    return values;
  }
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) values.push(t);
  return values;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const dayText = (d: Date) => `${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCDate()}`;

/** A tick's label for `step`, with the larger unit under it where that unit changes. */
function tickText(t: number, step: number, previous: number | undefined): string {
  const d = new Date(t);
  const before = previous === undefined ? undefined : new Date(previous);
  const year = String(d.getUTCFullYear());
  const newYear = before?.getUTCFullYear() !== d.getUTCFullYear();
  if (step >= YEAR) return year;
  if (step >= MONTH) return newYear ? `${MONTH_NAMES[d.getUTCMonth()]}<br>${year}` : MONTH_NAMES[d.getUTCMonth()]!;
  if (step >= DAY) return newYear ? `${dayText(d)}<br>${year}` : dayText(d);
  let clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (step < MINUTE) clock += `:${pad(d.getUTCSeconds())}`;
  if (step < SECOND) clock += `.${pad(d.getUTCMilliseconds(), 3)}`;
  const newDay = before === undefined || Math.floor(previous! / DAY) !== Math.floor(t / DAY);
  return newDay ? `${clock}<br>${dayText(d)}, ${year}` : clock;
}

export interface DateTicks {
  tickvals: number[];
  ticktext: string[];
}

/**
 * About `count` date ticks across `visible` (ms), laid out one visible width beyond each end
 * too, so a pan shows ticks before the new range is drawn. The first tick inside `visible`
 * carries the larger unit too (the date under a time, the year under a day).
 */
export function dateTicks(visible: readonly [number, number], count: number): DateTicks {
  if (!visible.every(Number.isFinite)) return { tickvals: [], ticktext: [] };
  const [lo, hi] = visible[0] <= visible[1] ? visible : [visible[1], visible[0]];
  const span = Math.max(hi - lo, 1);
  const step = stepFor(span, Math.max(2, Math.floor(count)));
  const tickvals = tickValues(lo - span, hi + span, step);
  let shown: number | undefined;
  const ticktext = tickvals.map((t, i) => {
    const first = shown === undefined && t >= lo;
    if (first) shown = t;
    return tickText(t, step, first ? undefined : tickvals[i - 1]);
  });
  return { tickvals, ticktext };
}

/** "Jan 5, 2016", then ", 06:00", ":30" and ".250" as far as any value of the column needs. */
function hoverText(t: number, precision: number): string {
  if (!Number.isFinite(t)) return "";
  const d = new Date(t);
  let text = `${dayText(d)}, ${d.getUTCFullYear()}`;
  if (precision < DAY) text += `, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (precision < MINUTE) text += `:${pad(d.getUTCSeconds())}`;
  if (precision < SECOND) text += `.${pad(d.getUTCMilliseconds(), 3)}`;
  return text;
}

/** The coarsest unit (day, minute, second, ms) every value of the column is a whole multiple of. */
function precisionOf(values: ArrayLike<number>): number {
  let precision = DAY;
  for (let i = 0; i < values.length && precision > 1; i++) {
    const v = values[i]!;
    while (precision > 1 && Number.isFinite(v) && v % precision !== 0)
      precision = precision === DAY ? MINUTE : precision === MINUTE ? SECOND : 1;
  }
  return precision;
}

/**
 * The column's values as hover labels, once per column object: Plotly formats dates in hover
 * templates only for date axes, so the labels travel as the trace's `hovertext`.
 */
export function dateHoverTexts(values: ArrayLike<number>): string[] {
  return cachedFor(values, "hover", () => {
    const precision = precisionOf(values);
    return Array.from(values, (t) => hoverText(t, precision));
  });
}
