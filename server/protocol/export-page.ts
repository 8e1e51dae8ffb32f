/**
 * What the client's export chunk (client/export.ts) offers the headless page that
 * `exportPng` / `exportSvg` drive (server/export/export-page.ts): one contract for both sides.
 * `E` is the page's element type (the server compiles without the DOM's types).
 */

/** What the page drew: the union of its roots' boxes, in CSS pixels from the page's corner. */
export interface DrawnBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ExportPageApi<E> {
  /** Draws the document of a `doc` message frame (base64 of a binary frame, or JSON text) into `element`; resolves once every figure has drawn. */
  renderSnapshot(element: E, frame: string, binary: boolean): Promise<DrawnBox>;
  /** Every figure in `element` as Plotly draws it to SVG, placed where it is within `box`, as one SVG document of the box's size. */
  figuresSvg(element: E, box: DrawnBox): Promise<string>;
}

/** The id of the element the export page draws into. */
export const EXPORT_ELEMENT_ID = "export";
