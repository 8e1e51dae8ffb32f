/** Bokeh's `gridplot`: plots in a grid, sized alike, with their toolbars on one side. */
import type { Model } from "../document/model.ts";
import type { SizingMode } from "./common.ts";
import { Figure } from "./figure.ts";
import { grid, type GridBox, type LayoutOptions } from "./layouts.ts";
import type { ToolbarLocation } from "./toolbar.ts";

export interface GridplotOptions extends LayoutOptions {
  /** Plots per row of a flat list (a list of rows needs none). */
  ncols?: number;
  /** Where every plot's toolbar sits, or null for none (Bokeh's default "above"). */
  toolbarLocation?: ToolbarLocation | null;
  /** Pixels given to every plot. */
  width?: number;
  height?: number;
  sizingMode?: SizingMode | null;
}

/**
 * Plots in a grid, rows of plots (`null` leaves a cell empty) or a flat list with `ncols`. On a
 * narrow window the grid shows fewer columns, down to one. Bokeh merges the plots' toolbars
 * into one; here each plot keeps its own (its tools act on it), placed at `toolbarLocation`.
 * @example doc.addRoot(gridplot([[p1, p2], [null, p3]], { toolbarLocation: "right" }))
 * @example doc.addRoot(gridplot([p1, p2, p3, p4], { ncols: 2, width: 300, height: 300 }))
 */
export function gridplot(children: (Model | null)[][] | (Model | null)[], options: GridplotOptions = {}): GridBox {
  const { toolbarLocation = "above", width, height, ...layout } = options;
  for (const child of children.flat()) {
    if (!(child instanceof Figure)) continue;
    child.toolbarLocation = toolbarLocation;
    if (width !== undefined) child.width = width;
    if (height !== undefined) child.height = height;
  }
  return grid(children, layout);
}
