/**
 * Bokeh's `examples/server/app/selection_histogram.py`, ported by renaming: a scatter plot
 * with linked histograms on both axes. Select points (box or lasso) and each histogram shows
 * the selected points' counts above its axis and the others' below.
 * Changes beyond camelCase: the random samples are seeded; `line_color=None` is
 * `lineColor: "transparent"`; Bokeh's
 * `hh1.data_source.data["top"] = …` (an in-place edit) is `source.data = { ...source.data, top }`;
 * `r.data_source.selected.on_change("indices", …)` is `source.onChange("selected", …)`;
 * `gridplot(…, merge_tools=False)` is `grid` (Aperture's `gridplot` puts every plot's toolbar in
 * one place, and these keep their own); `min_border` and the select tools' `continuous = False` (Aperture's
 * selections are sent when the drag ends) are left out.
 */
import { figure, grid, type Document, type GlyphRenderer } from "aperture";
import { concat, histogram, histogramEdges, normalSampler } from "./data.ts";

export const title = "Selection Histogram";

// create three normal population samples with different parameters
const normal = normalSampler(20_240_101);
const x = concat(
  normal(5.0, 400).map((v) => v * 100),
  normal(5.0, 800).map((v) => v * 50),
  normal(55.0, 200).map((v) => v * 10),
);
const y = concat(
  normal(10.0, 400).map((v) => v * 10),
  normal(5.0, 800).map((v) => v * 10),
  normal(4.0, 200).map((v) => v * 10),
);

const TOOLS = "pan,wheel_zoom,box_select,lasso_select,reset";
const LINE_ARGS = { color: "#3A5785", lineColor: "transparent" };

/** Replaces one column of a glyph's own source (Bokeh edits `data["top"]` in place). */
const setColumn = (renderer: GlyphRenderer, name: string, values: Float64Array) => {
  const source = renderer.source!;
  source.data = { ...source.data, [name]: values };
};

export default function selectionHistogram(doc: Document): void {
  // create the scatter plot
  const p = figure({
    name: "scatter",
    tools: TOOLS,
    width: 600,
    height: 600,
    toolbarLocation: "above",
    xAxisLocation: null,
    yAxisLocation: null,
    title: "Linked Histograms",
  });
  p.backgroundFillColor = "#fafafa";
  const r = p.scatter(x, y, { size: 3, color: "#3A5785", alpha: 0.6 });

  // create the horizontal histogram
  const hedges = histogramEdges(x, 20);
  const hhist = histogram(x, hedges);
  const hzeros = new Float64Array(hedges.length - 1);
  const hmax = Math.max(...hhist) * 1.1;
  const [hleft, hright] = [hedges.slice(0, -1), hedges.slice(1)];

  const ph = figure({
    name: "xhist",
    toolbarLocation: null,
    width: p.width,
    height: 200,
    xRange: p.xRange,
    yRange: [-hmax, hmax],
    yAxisLocation: "right",
  });
  ph.xgrid.gridLineColor = null;
  ph.yaxis.majorLabelOrientation = Math.PI / 4;
  ph.backgroundFillColor = "#fafafa";
  ph.quad({ bottom: 0, left: hleft, right: hright, top: hhist, color: "white", lineColor: "#3A5785" });
  const hh1 = ph.quad({ bottom: 0, left: hleft, right: hright, top: hzeros, alpha: 0.5, ...LINE_ARGS });
  const hh2 = ph.quad({ bottom: 0, left: hleft, right: hright, top: hzeros, alpha: 0.1, ...LINE_ARGS });

  // create the vertical histogram
  const vedges = histogramEdges(y, 20);
  const vhist = histogram(y, vedges);
  const vzeros = new Float64Array(vedges.length - 1);
  const vmax = Math.max(...vhist) * 1.1;
  const [vbottom, vtop] = [vedges.slice(0, -1), vedges.slice(1)];

  const pv = figure({
    name: "yhist",
    toolbarLocation: null,
    width: 200,
    height: p.height,
    xRange: [-vmax, vmax],
    yRange: p.yRange,
    yAxisLocation: "right",
  });
  pv.ygrid.gridLineColor = null;
  pv.xaxis.majorLabelOrientation = Math.PI / 4;
  pv.backgroundFillColor = "#fafafa";
  pv.quad({ left: 0, bottom: vbottom, top: vtop, right: vhist, color: "white", lineColor: "#3A5785" });
  const vh1 = pv.quad({ left: 0, bottom: vbottom, top: vtop, right: vzeros, alpha: 0.5, ...LINE_ARGS });
  const vh2 = pv.quad({ left: 0, bottom: vbottom, top: vtop, right: vzeros, alpha: 0.1, ...LINE_ARGS });

  doc.addRoot(
    grid([
      [p, pv],
      [ph, null],
    ]),
  );
  doc.title = "Selection Histogram";

  r.source!.onChange("selected", (_attr, _old, inds: number[]) => {
    let [hhist1, hhist2, vhist1, vhist2]: [Float64Array, Float64Array, Float64Array, Float64Array] = [hzeros, hzeros, vzeros, vzeros];
    if (inds.length > 0 && inds.length < x.length) {
      const chosen = new Set(inds);
      const others = Array.from(x.keys()).filter((i) => !chosen.has(i));
      [hhist1, vhist1] = [histogram(x, hedges, inds), histogram(y, vedges, inds)];
      [hhist2, vhist2] = [histogram(x, hedges, others), histogram(y, vedges, others)];
    }
    doc.batch(() => {
      setColumn(hh1, "top", hhist1);
      setColumn(
        hh2,
        "top",
        hhist2.map((v) => -v),
      );
      setColumn(vh1, "right", vhist1);
      setColumn(
        vh2,
        "right",
        vhist2.map((v) => -v),
      );
    });
  });
}
