/**
 * Linked plots, as Bokeh's stocks example (with made-up prices): the two price plots share
 * one x range, so panning or zooming either moves both in the page, with no server round
 * trip; the server holds the shown range too (the line under the plots says which days).
 * All three plots share one source, so selecting days in the scatter highlights them in the
 * price plots.
 */
import { ColumnDataSource, Div, HoverTool, Select, column, figure, row, type Document } from "aperture";
import { TICKERS, makePrices, returns, type Ticker } from "./data.ts";

export const title = "Linked plots: stock prices";

const prices = makePrices();

function columns(t1: Ticker, t2: Ticker) {
  const [a, b] = [prices.close[t1], prices.close[t2]];
  return { date: prices.date, t1: a, t2: b, t1Returns: returns(a), t2Returns: returns(b) };
}

const day = (ms: number | null) => (ms === null ? "…" : new Date(ms).toISOString().slice(0, 10));

export default function linked(doc: Document): void {
  const ticker1 = new Select({ name: "ticker1", title: "Ticker 1", value: "AAPL", options: [...TICKERS] });
  const ticker2 = new Select({ name: "ticker2", title: "Ticker 2", value: "GOOG", options: [...TICKERS] });
  const source = new ColumnDataSource({ name: "prices", data: columns("AAPL", "GOOG") });

  const correlation = figure({
    name: "correlation",
    title: "AAPL returns vs. GOOG returns",
    width: 360,
    height: 360,
    tools: "pan,wheel_zoom,box_select,reset",
    activeDrag: "box_select",
  });
  correlation.scatter("t1Returns", "t2Returns", { source, size: 4, alpha: 0.6 });

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

  const update = () => {
    const [t1, t2] = [ticker1.value as Ticker, ticker2.value as Ticker];
    source.data = columns(t1, t2);
    correlation.title = `${t1} returns vs. ${t2} returns`;
    ts1.title = t1;
    ts2.title = t2;
  };
  ticker1.onChange("value", update);
  ticker2.onChange("value", update);

  doc.addRoot(column(row(ticker1, ticker2), row(correlation, column(ts1, ts2)), shown));
}
