/**
 * Bokeh's `hexbin(x, y, size)`: points counted per hexagonal tile in axial coordinates
 * (`q`, `r`), the tiles `Figure.hexTile` draws. The same arithmetic as `bokeh.util.hex`.
 */
import type { Figure } from "./figure.ts";
import type { GlyphOptions } from "./glyphs/options.ts";
import type { GlyphRenderer } from "./glyphs/renderer.ts";
import { linearCmap } from "./mappers.ts";
import { ColumnDataSource } from "./source.ts";

export type HexOrientation = "pointytop" | "flattop";

export interface HexbinOptions {
  orientation?: HexOrientation;
  /** Stretch of the tiles along x (pointytop) or y (flattop), for axes of unequal scales. */
  aspectScale?: number;
}

export interface HexBins {
  q: Int32Array;
  r: Int32Array;
  counts: Int32Array;
}

/** The hexagon (axial `q`, `r`) that contains each point: Bokeh's `cartesian_to_axial`, rounded in cube coordinates. */
function toAxial(x: number, y: number, size: number, orientation: HexOrientation, aspectScale: number): [number, number] {
  const [a, b, c, d] = orientation === "flattop" ? [2 / 3, 0, -1 / 3, Math.sqrt(3) / 3] : [Math.sqrt(3) / 3, -1 / 3, 0, 2 / 3];
  const sx = (x / size) * (orientation === "pointytop" ? aspectScale : 1);
  const sy = -y / size / (orientation === "flattop" ? aspectScale : 1);
  const [q, r] = [a * sx + b * sy, c * sx + d * sy];
  const [rx, ry, rz] = [Math.round(q), Math.round(-q - r), Math.round(r)];
  const [dx, dy, dz] = [Math.abs(rx - q), Math.abs(ry - (-q - r)), Math.abs(rz - r)];
  const xWorst = dx > dy && dx > dz;
  return [xWorst ? -(ry + rz) : rx, !xWorst && !(dy > dz) ? -(rx + ry) : rz];
}

/**
 * Counts the points per hexagonal tile of `size` (centre to corner, data units); tiles sorted by q, then r.
 * @example const bins = hexbin(x, y, 0.5) // { q, r, counts }
 */
export function hexbin(x: ArrayLike<number>, y: ArrayLike<number>, size: number, options: HexbinOptions = {}): HexBins {
  const { orientation = "pointytop", aspectScale = 1 } = options;
  if (!(size > 0) || !Number.isFinite(size)) throw new RangeError(`hexbin: size must be a positive number, got ${size}`);
  if (x.length !== y.length) throw new RangeError(`hexbin: x has ${x.length} values, y ${y.length}`);
  const counts = new Map<string, [number, number, number]>();
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
    const [q, r] = toAxial(x[i]!, y[i]!, size, orientation, aspectScale);
    const key = `${q},${r}`;
    const bin = counts.get(key);
    if (bin === undefined) counts.set(key, [q, r, 1]);
    else bin[2]++;
  }
  const bins = [...counts.values()].sort((s, t) => s[0] - t[0] || s[1] - t[1]);
  return { q: Int32Array.from(bins, (b) => b[0]), r: Int32Array.from(bins, (b) => b[1]), counts: Int32Array.from(bins, (b) => b[2]) };
}

export interface FigureHexbinOptions extends HexbinOptions, Omit<GlyphOptions, "source" | "palette" | "size" | "fillColor"> {
  /** Colors from no points to the fullest tile (Bokeh's default, Viridis256). */
  palette?: string | string[];
}

/** `plot.hexbin(x, y, size)`: the tiles drawn with `hexTile`, colored by count; returns the renderer and the bins. */
export function drawHexbin(
  plot: Figure,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  size: number,
  options: FigureHexbinOptions = {},
): { renderer: GlyphRenderer; bins: HexBins } {
  const { orientation = "pointytop", aspectScale = 1, palette = "Viridis256", ...style } = options;
  const bins = hexbin(x, y, size, { orientation, aspectScale });
  const source = new ColumnDataSource({ data: { q: bins.q, r: bins.r, c: bins.counts } });
  const high = bins.counts.reduce((a, b) => Math.max(a, b), 0);
  const renderer = plot.hexTile({ q: "q", r: "r", size, orientation, source, fillColor: linearCmap("c", palette, 0, high), ...style });
  return { renderer, bins };
}
