/** A figure built with the server's API, then drawn by the client's DOM-free figure builder. */
import { buildFigure, type FigureSpec } from "../../client/render/figure-spec.ts";
import { Document, engineOf } from "../../server/document/document.ts";
import { figure, type Figure, type FigureOptions } from "../../server/models/index.ts";

export function drawn(build: (plot: Figure) => void, options: FigureOptions = {}): FigureSpec & { plot: Figure; doc: Document } {
  const doc = new Document();
  const plot = figure(options);
  build(plot);
  doc.addRoot(plot);
  return { ...buildFigure(engineOf(doc).state, plot.id!, 1), plot, doc };
}
