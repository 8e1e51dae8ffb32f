/** Deterministic made-up daily closing prices (shared by every session, never copied). */
export const TICKERS = ["AAPL", "GOOG", "INTC", "BRCM", "YHOO"] as const;
export type Ticker = (typeof TICKERS)[number];

export interface Prices {
  /** Trading days, ms since the epoch (weekdays of 2020 and 2021). */
  date: Float64Array;
  close: Record<Ticker, Float64Array>;
}

const DAY = 86_400_000;

function tradingDays(from: number, to: number): Float64Array {
  const days: number[] = [];
  for (let t = from; t < to; t += DAY) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(t);
  }
  return Float64Array.from(days);
}

/** A random walk per ticker, all moved by one shared "market" walk so that they correlate. */
export function makePrices(seed = 20_200_101): Prices {
  let state = seed;
  const random = () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646;
  const date = tradingDays(Date.UTC(2020, 0, 1), Date.UTC(2022, 0, 1));
  const market = Float64Array.from(date, () => (random() - 0.5) * 0.03);
  const close = {} as Record<Ticker, Float64Array>;
  TICKERS.forEach((ticker, n) => {
    const prices = new Float64Array(date.length);
    let price = 40 + n * 35;
    for (let i = 0; i < date.length; i++) {
      price *= 1 + market[i]! * (0.6 + n * 0.15) + (random() - 0.5) * 0.02;
      prices[i] = Math.round(price * 100) / 100;
    }
    close[ticker] = prices;
  });
  return { date, close };
}

/** Day-over-day returns (the first day's is 0). */
export function returns(prices: Float64Array): Float64Array {
  return Float64Array.from(prices, (price, i) => (i === 0 ? 0 : price / prices[i - 1]! - 1));
}

/** The value at quantile `q` of sorted values, interpolated linearly (pandas' default). */
export function quantile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
}

const STATISTICS = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"] as const;

/** pandas' `DataFrame.describe()` of the columns at `rows` (all when null), as its text table. */
export function describe(columns: Record<string, Float64Array>, rows: readonly number[] | null): string {
  const names = Object.keys(columns);
  const stats = names.map((name) => {
    const all = columns[name]!;
    const values = rows === null ? all : Float64Array.from(rows, (i) => all[i]!);
    const sorted = Float64Array.from(values).sort();
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1));
    return [values.length, mean, std, sorted[0]!, quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75), sorted.at(-1)!];
  });
  const width = Math.max(...names.map((name) => name.length)) + 2;
  const cell = (text: string) => text.padStart(width);
  const lines = STATISTICS.map((label, k) => label.padEnd(6) + stats.map((column) => cell(column[k]!.toFixed(6))).join(""));
  return [" ".repeat(6) + names.map(cell).join(""), ...lines].join("\n");
}
