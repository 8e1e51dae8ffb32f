/**
 * Bokeh's marker names and the Plotly symbol that draws each (server checks the names, the
 * page draws the symbols). Where Plotly has no such shape the nearest one is used; the
 * approximations are listed in docs/plotting.md.
 */
export const MARKER_SYMBOLS = {
  asterisk: "asterisk-open",
  circle: "circle",
  circle_cross: "circle-cross",
  circle_dot: "circle-dot",
  circle_x: "circle-x",
  circle_y: "circle-x",
  cross: "cross-thin-open",
  dash: "line-ew-open",
  diamond: "diamond",
  diamond_cross: "diamond-cross",
  diamond_dot: "diamond-dot",
  dot: "circle",
  hex: "hexagon",
  hex_dot: "hexagon-dot",
  inverted_triangle: "triangle-down",
  plus: "cross",
  square: "square",
  square_cross: "square-cross",
  square_dot: "square-dot",
  square_pin: "square",
  square_x: "square-x",
  star: "star",
  star_dot: "star-dot",
  triangle: "triangle-up",
  triangle_dot: "triangle-up-dot",
  triangle_pin: "triangle-up",
  x: "x-thin-open",
  y: "y-down-open",
} as const;

export type MarkerType = keyof typeof MARKER_SYMBOLS;

export const MARKER_TYPES = Object.keys(MARKER_SYMBOLS) as MarkerType[];

/** The Plotly symbol of a marker name (unknown names draw circles). */
export function plotlySymbol(marker: unknown): string {
  return typeof marker === "string" && Object.hasOwn(MARKER_SYMBOLS, marker) ? MARKER_SYMBOLS[marker as MarkerType] : "circle";
}
