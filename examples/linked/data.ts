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
