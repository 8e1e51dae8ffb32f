/**
 * Extra titles (`plot.addLayout(new Title({ text }), side)`) as paper-anchored Plotly
 * annotations, with the margin on that side grown to hold them. Titles above stack outward
 * from the figure's own title, as in Bokeh; below, they sit under the x axis.
 */
import type { DocState, ModelId } from "../../../server/protocol/index.ts";
import { escapeHtml } from "../../../server/protocol/format.ts";
import type { PlotlyObject } from "../figure-spec.ts";
import { asString, modelOf, refIds } from "../values.ts";
import { fontStyle } from "./style.ts";

const SIDES = ["above", "below", "left", "right"] as const;
type Side = (typeof SIDES)[number];

/** Pixels per stacked title. */
const LINE = 22;
/** Room the x axis' tick labels and title take below the plot, and the y axis' beside it. */
const AXIS_ROOM = { above: 0, below: 44, left: 56, right: 8 } as const;

export interface ExtraTitles {
  annotations: PlotlyObject[];
  /** Pixels to add to each margin. */
  margin: Record<Side, number>;
}

const ALIGN: Readonly<Record<string, number>> = { left: 0, center: 0.5, right: 1 };

function place(side: Side, index: number, align: string, mainTitle: boolean): PlotlyObject {
  const along = ALIGN[align] ?? 0;
  const out = AXIS_ROOM[side] + (side === "above" && mainTitle ? LINE + 6 : 0) + index * LINE + 4;
  const anchor = align === "center" ? "center" : align === "right" ? "right" : "left";
  if (side === "above") return { x: along, xanchor: anchor, y: 1, yanchor: "bottom", yshift: out };
  if (side === "below") return { x: along, xanchor: anchor, y: 0, yanchor: "top", yshift: -out };
  const angle = side === "left" ? -90 : 90;
  const vertical = align === "center" ? "middle" : (side === "left") === (align === "right") ? "top" : "bottom";
  return side === "left"
    ? { x: 0, xanchor: "right", xshift: -out, y: along, yanchor: vertical, textangle: angle }
    : { x: 1, xanchor: "left", xshift: out, y: along, yanchor: vertical, textangle: angle };
}

export function extraTitles(state: DocState, figure: ModelId): ExtraTitles {
  const attrs = modelOf(state, figure)?.attrs ?? {};
  const mainTitle = asString(attrs.title) !== "";
  const result: ExtraTitles = { annotations: [], margin: { above: 0, below: 0, left: 0, right: 0 } };
  for (const side of SIDES) {
    const titles = refIds(attrs[side])
      .map((id) => modelOf(state, id))
      .filter((model) => model?.type === "Title" && model.attrs.visible !== false);
    titles.forEach((title, i) => {
      const a = title!.attrs;
      const text = escapeHtml(asString(a.text));
      const at = place(side, i, asString(a.align, "left"), mainTitle);
      result.annotations.push({ text, showarrow: false, xref: "paper", yref: "paper", font: fontStyle(a), ...at });
    });
    result.margin[side] = titles.length * LINE;
  }
  return result;
}
