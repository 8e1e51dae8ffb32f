/** Images: values on a grid colored by a palette (a heatmap), and packed RGBA pixels. */
import { colorscaleOf } from "../theme.ts";
import { asNumber } from "../values.ts";
import { baseTrace, type Drawn } from "./base.ts";
import { coord, numbers, specOf, type GlyphData } from "./resolve.ts";

/** Columns x, y, z of equal length: Plotly bins them into the grid of cells. */
export function drawImage(g: GlyphData): Drawn[] {
  return [
    {
      trace: {
        ...baseTrace(g),
        type: "heatmap",
        x: coord(g, "x"),
        y: coord(g, "y"),
        z: coord(g, "z"),
        colorscale: colorscaleOf(g.attrs.palette),
        selectedpoints: undefined,
        showscale: true,
      },
    },
  ];
}

/** A coordinate given as one value (the image's corner and size). */
function first(g: GlyphData, key: string, fallback: number): number {
  const spec = specOf(g, key);
  if (spec === undefined) return fallback;
  return Object.hasOwn(spec, "value") ? asNumber(spec.value, fallback) : asNumber(numbers(g, key)[0], fallback);
}

/** uint32 pixels (red in the low byte, row 0 at the bottom) as a Plotly image of [r, g, b, a] rows. */
export function drawImageRgba(g: GlyphData): Drawn[] {
  const pixels = coord(g, "image") as ArrayLike<number>;
  const nx = Math.max(1, first(g, "nx", pixels.length));
  const ny = Math.ceil(pixels.length / nx);
  const z: number[][][] = [];
  for (let i = 0; i < ny; i++) {
    const row: number[][] = [];
    for (let j = 0; j < nx; j++) {
      const p = pixels[i * nx + j] ?? 0;
      row.push([p & 0xff, (p >>> 8) & 0xff, (p >>> 16) & 0xff, ((p >>> 24) & 0xff) / 255]);
    }
    z.push(row);
  }
  const dx = first(g, "dw", nx) / nx;
  const dy = first(g, "dh", ny) / ny;
  const trace = {
    ...baseTrace(g),
    selectedpoints: undefined,
    type: "image",
    colormodel: "rgba",
    z,
    x0: first(g, "x", 0) + dx / 2,
    y0: first(g, "y", 0) + dy / 2,
    dx,
    dy,
  };
  return [{ trace }];
}
