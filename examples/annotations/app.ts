/**
 * Bokeh's annotations and axes, ported as a Bokeh user writes them: a threshold Span and a
 * BoxAnnotation the server moves (only the moved attributes travel, and the page redraws only
 * its shapes), a Label, an Arrow, extra Titles, a Legend whose clicks hide lines, a twin y
 * axis on an extra range with formatted ticks, error bars (Whisker), a Band, a LabelSet, and a
 * legend outside the plot whose clicks mute.
 */
import {
  Arrow,
  Band,
  BoxAnnotation,
  Button,
  ColumnDataSource,
  Label,
  LabelSet,
  Legend,
  LinearAxis,
  NormalHead,
  NumeralTickFormatter,
  PrintfTickFormatter,
  RadioButtonGroup,
  Range1d,
  Span,
  Title,
  Whisker,
  column,
  figure,
  grid,
  row,
  type Document,
} from "aperture";

export const title = "Annotations and axes: spans, boxes, labels, arrows, legends, twin axes";

/** A deterministic series, the same for every session. */
const X = Float64Array.from({ length: 60 }, (_, i) => i / 6);
const SIGNAL = X.map((x) => Math.sin(x) + 0.3 * Math.sin(3.1 * x));
const TREND = X.map((x) => 0.8 * Math.cos(x / 2));

function thresholds() {
  const plot = figure({ name: "thresholds", title: "Threshold (Span and BoxAnnotation)", height: 340 });
  plot.line(X, SIGNAL, { legendLabel: "signal", lineWidth: 2 });
  plot.line(X, TREND, { legendLabel: "trend", lineDash: "dashed", color: "#ff7f0e" });
  const threshold = new Span({
    name: "threshold",
    location: 0.5,
    dimension: "width",
    lineColor: "#d62728",
    lineDash: "dashed",
    lineWidth: 2,
  });
  const high = new BoxAnnotation({ name: "high", bottom: 0.5, fillColor: "#d62728", fillAlpha: 0.08 });
  plot.addLayout(threshold).addLayout(high);
  plot.addLayout(new Span({ location: 5, dimension: "height", lineColor: "#888888" }));
  plot.addLayout(
    new Label({ x: 10, y: 10, xUnits: "screen", yUnits: "screen", text: "synthetic data", textFontSize: "11px", textColor: "#888888" }),
  );
  const peak = X[SIGNAL.indexOf(Math.max(...SIGNAL))]!;
  plot.addLayout(
    new Arrow({
      end: new NormalHead({ size: 12 }),
      xStart: peak + 1.5,
      yStart: 1.5,
      xEnd: peak,
      yEnd: Math.max(...SIGNAL),
      lineWidth: 1.5,
    }),
  );
  plot.addLayout(new Label({ x: peak + 1.5, y: 1.5, text: "peak", xOffset: 4 }));
  plot.addLayout(new Title({ text: "Moved from the server by the button below", textFontStyle: "italic" }), "above");
  plot.addLayout(new Title({ text: "Source: a sum of sines", align: "right", textFontSize: "11px" }), "below");
  plot.legend.location = "top_left";
  plot.legend.clickPolicy = "hide";
  plot.xaxis.axisLabel = "time (s)";
  const raise = new Button({ name: "raise", label: "Raise the threshold" });
  raise.onClick(() => {
    const next = threshold.location! >= 1.25 ? -0.5 : threshold.location! + 0.25;
    threshold.location = next;
    high.bottom = next;
  });
  // What a click on a legend entry does, as Bokeh's legend click_policy.
  const POLICIES = ["hide", "mute"] as const;
  const policy = new RadioButtonGroup({ name: "click-policy", labels: ["Legend click hides", "Legend click mutes"], active: 0 });
  policy.onChange("active", (_attr, _old, active) => void (plot.legend.clickPolicy = POLICIES[active ?? 0] ?? "hide"));
  return column(row(raise, policy), plot);
}

function twin() {
  const months = Float64Array.from({ length: 12 }, (_, i) => i + 1);
  const temperature = months.map((m) => 12 + 10 * Math.sin(((m - 4) / 12) * 2 * Math.PI));
  const rain = months.map((m) => 1200 + 900 * Math.cos(((m - 1) / 12) * 2 * Math.PI));
  // A zoom shows at least 10 °C and at most 60 °C (Bokeh's minInterval / maxInterval).
  const yRange = new Range1d({ start: -5, end: 30, minInterval: 10, maxInterval: 60 });
  const plot = figure({ name: "twin", title: "Twin axes (extraYRanges)", height: 340, yRange });
  plot.extraYRanges = { rain: new Range1d({ start: 0, end: 2500 }) };
  plot.vbar({ x: months, top: rain, width: 0.6, color: "#9ecae1", yRangeName: "rain", legendLabel: "rain" });
  plot.line(months, temperature, { color: "#d62728", lineWidth: 3, legendLabel: "temperature" });
  plot.addLayout(
    new LinearAxis({ yRangeName: "rain", axisLabel: "rain (mm)", formatter: new NumeralTickFormatter({ format: "0,0" }) }),
    "right",
  );
  plot.yaxis[0]!.formatter = new PrintfTickFormatter({ format: "%d °C" });
  plot.yaxis[0]!.axisLabel = "temperature";
  plot.xaxis.majorLabelOrientation = Math.PI / 4;
  plot.xaxis.ticker = [1, 3, 5, 7, 9, 11];
  plot.xaxis.majorLabelOverrides = { 1: "Jan", 3: "Mar", 5: "May", 7: "Jul", 9: "Sep", 11: "Nov" };
  plot.xgrid.visible = false;
  plot.legend.location = "top_right";
  return plot;
}

function errors() {
  const x = [1, 2, 3, 4, 5, 6];
  const y = [2.1, 3.9, 3.2, 5.6, 4.8, 6.3];
  const source = new ColumnDataSource({
    name: "measurements",
    data: { x, y, lower: y.map((v) => v - 0.6), upper: y.map((v) => v + 0.8), label: ["a", "b", "c", "d", "e", "f"] },
  });
  const plot = figure({ name: "errors", title: "Error bars (Whisker), Band, LabelSet", height: 340 });
  plot.addLayout(new Band({ base: "x", lower: "lower", upper: "upper", source, fillColor: "#2ca02c", fillAlpha: 0.12, lineColor: null }));
  plot.addLayout(new Whisker({ base: "x", lower: "lower", upper: "upper", source, lineColor: "#555555" }));
  const points = plot.scatter("x", "y", { source, size: 9, color: "#2ca02c" });
  const fit = plot.line([1, 6], [2.2, 6.1], { color: "#555555", lineDash: "dotted" });
  plot.addLayout(new LabelSet({ x: "x", y: "y", text: "label", xOffset: 6, yOffset: 4, source, textFontSize: "11px" }));
  plot.addLayout(
    new Legend({
      items: [
        ["measured", [points]],
        ["fit", [fit]],
      ],
      location: "top",
      clickPolicy: "mute",
    }),
    "right",
  );
  return plot;
}

export default function annotations(doc: Document): void {
  doc.addRoot(grid([[thresholds(), twin()], [errors()]], { name: "gallery" }));
}
