/**
 * Linked plots, as Bokeh's stocks example (with made-up prices): the two price plots share
 * one x range, so panning or zooming either moves both in the page, with no server round
 * trip; the server holds the shown range too (the line under the plots says which days).
 * All three plots share one source, so selecting days in the scatter highlights them in the
 * price plots, and the table beside them (pandas' `describe()`, as Bokeh's) summarizes the
 * selected days, or every day when none are. Each ticker list leaves out the other's choice.
 */
import { ColumnDataSource, Div, HoverTool, PreText, Select, column, figure, row, type Document } from "aperture";
import { TICKERS, describe, makePrices, returns, type Ticker } from "./data.ts";

export const title = "Linked plots: stock prices";

const prices = makePrices();

function columns(t1: Ticker, t2: Ticker) {
  const [a, b] = [prices.close[t1], prices.close[t2]];
  return { date: prices.date, t1: a, t2: b, t1Returns: returns(a), t2Returns: returns(b) };
}

/** A ticker is not compared with itself: each list leaves out the other's choice (Bokeh's `nix`). */
const nix = (value: string) => TICKERS.filter((ticker) => ticker !== value);

const day = (ms: number | null) => (ms === null ? "…" : new Date(ms).toISOString().slice(0, 10));

export default function linked(doc: Document): void {
  const ticker1 = new Select({ name: "ticker1", title: "Ticker 1", value: "AAPL", options: nix("GOOG") });
  const ticker2 = new Select({ name: "ticker2", title: "Ticker 2", value: "GOOG", options: nix("AAPL") });
  const source = new ColumnDataSource({ name: "prices", data: columns("AAPL", "GOOG") });

  const correlation = figure({
    name: "correlation",
    title: "AAPL returns vs. GOOG returns",
    width: 360,
    height: 360,
    tools: "pan,wheel_zoom,box_select,reset",
    activeDrag: "box_select",
  });
  correlation.scatter("t1Returns", "t2Returns", {
    source,
    size: 4,
    alpha: 0.8,
    selectionColor: "orange",
    selectionAlpha: 0.5,
    nonselectionAlpha: 0.1,
  });

  const tools = "xpan,xwheel_zoom,xbox_zoom,undo,redo,reset,save";
  const ts1 = figure({ name: "ts1", title: "AAPL", xAxisType: "datetime", height: 220, tools, activeScroll: "xwheel_zoom" });
  const line1 = ts1.line("date", "t1", { source });
  ts1.scatter("date", "t1", { source, size: 2, color: "#ff7f0e" });
  // The same range object: the two price plots pan and zoom together.
  const ts2 = figure({
    name: "ts2",
    title: "GOOG",
    xAxisType: "datetime",
    height: 220,
    tools,
    activeScroll: "xwheel_zoom",
    xRange: ts1.xRange,
  });
  const line2 = ts2.line("date", "t2", { source });
  ts2.scatter("date", "t2", { source, size: 2, color: "#ff7f0e" });
  for (const [plot, line] of [
    [ts1, line1],
    [ts2, line2],
  ] as const) {
    const tooltips: [string, string][] = [
      ["date", "@date{%F}"],
      ["close", "$y{0.00}"],
    ];
    plot.addTools(new HoverTool({ tooltips, formatters: { "@date": "datetime" }, mode: "vline", renderers: [line] }));
  }

  const shown = new Div({ name: "shown", text: "Showing every day" });
  ts1.xRange.onChange(["start", "end"], () => {
    const { start, end } = ts1.xRange;
    shown.text = start === null && end === null ? "Showing every day" : `Showing ${day(start)} to ${day(end)}`;
  });

  // Bokeh's `stats = PreText(...)`: pandas' describe() of the chosen days (every day when none are).
  const stats = new PreText({ name: "stats", text: "" });
  const updateStats = (rows: readonly number[] | null) => {
    const [t1, t2] = [ticker1.value, ticker2.value];
    const { t1: a, t2: b, t1Returns, t2Returns } = source.data as Record<string, Float64Array>;
    const table = { [`Close_${t1}`]: a!, [`Close_${t2}`]: b!, [`Returns_${t1}`]: t1Returns!, [`Returns_${t2}`]: t2Returns! };
    stats.text = describe(table, rows);
  };

  const update = () => {
    const [t1, t2] = [ticker1.value as Ticker, ticker2.value as Ticker];
    source.data = columns(t1, t2);
    source.selected = [];
    correlation.title = `${t1} returns vs. ${t2} returns`;
    ts1.title = t1;
    ts2.title = t2;
    updateStats(null);
  };
  ticker1.onChange("value", (_attr, _old, value) => {
    ticker2.options = nix(value);
    update();
  });
  ticker2.onChange("value", (_attr, _old, value) => {
    ticker1.options = nix(value);
    update();
  });
  source.onChange("selected", (_attr, _old, rows) => updateStats(rows.length > 0 ? rows : null));
  updateStats(null);

  doc.addRoot(column(row(ticker1, ticker2), row(correlation, column(ts1, ts2), stats), shown));
}
