/**
 * Bokeh's `bar_nested` example: fruit counts by year as bars on nested factors
 * (`FactorRange` of `[fruit, year]`), and the same by quarter within year (`[year, quarter, month]`).
 */
import { ColumnDataSource, FactorRange, figure, type Figure } from "aperture";

const FRUITS = ["Apples", "Pears", "Nectarines", "Plums", "Grapes", "Strawberries"];
const YEARS = ["2015", "2016", "2017"];
const COUNTS = [2, 5, 3, 1, 3, 2, 4, 3, 4, 2, 4, 6, 5, 4, 4, 2, 3, 3];

export function fruitsByYear(): Figure {
  const x = FRUITS.flatMap((fruit) => YEARS.map((year): [string, string] => [fruit, year]));
  const source = new ColumnDataSource({ name: "fruit-counts", data: { x, counts: COUNTS } });
  const plot = figure({ name: "nested", xRange: new FactorRange({ factors: x }), height: 320, title: "Fruit counts by year" });
  plot.vbar({ x: "x", top: "counts", width: 0.9, source, tooltips: [["", "@x: @counts"]] });
  plot.xaxis.majorLabelOrientation = 1;
  plot.xgrid.visible = false;
  return plot;
}

export function salesByQuarter(): Figure {
  const months = [
    ["Q1", ["jan", "feb", "mar"]],
    ["Q2", ["apr", "may", "jun"]],
  ] as const;
  const x = ["2016", "2017"].flatMap((year) =>
    months.flatMap(([quarter, names]) => names.map((month): [string, string, string] => [year, quarter, month])),
  );
  const sales = x.map((_, i) => 3 + ((i * 7) % 5));
  const plot = figure({ name: "nested3", xRange: x, height: 320, title: "Sales by month, quarter and year" });
  plot.vbar({ x, top: sales, width: 0.8, color: "#ff7f0e" });
  return plot;
}
