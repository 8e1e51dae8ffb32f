/**
 * Bokeh's named palettes as lists of colors: the matplotlib scales (`Viridis256`, `viridis(n)`,
 * Inferno, Magma, Plasma, Cividis, Turbo, Greys), d3's Category10/20 and ColorBrewer's
 * (Spectral, RdBu, …, 3 to 11 colors), from d3-scale-chromatic (the same sources Bokeh uses).
 */
import * as chromatic from "d3-scale-chromatic";

type Interpolator = (t: number) => string;

const SCALES: Readonly<Record<string, Interpolator>> = {
  Viridis: chromatic.interpolateViridis,
  Inferno: chromatic.interpolateInferno,
  Magma: chromatic.interpolateMagma,
  Plasma: chromatic.interpolatePlasma,
  Cividis: chromatic.interpolateCividis,
  Turbo: chromatic.interpolateTurbo,
  Greys: (t) => chromatic.interpolateGreys(1 - t),
};

/** d3's 20 categorical colors (d3 v4's schemeCategory20, which Bokeh keeps). */
const CATEGORY20 = [
  "#1f77b4",
  "#aec7e8",
  "#ff7f0e",
  "#ffbb78",
  "#2ca02c",
  "#98df8a",
  "#d62728",
  "#ff9896",
  "#9467bd",
  "#c5b0d5",
  "#8c564b",
  "#c49c94",
  "#e377c2",
  "#f7b6d2",
  "#7f7f7f",
  "#c7c7c7",
  "#bcbd22",
  "#dbdb8d",
  "#17becf",
  "#9edae5",
];

const BREWER = [
  "Spectral",
  "RdBu",
  "RdYlBu",
  "RdYlGn",
  "RdGy",
  "PiYG",
  "PRGn",
  "BrBG",
  "PuOr",
  "Blues",
  "Greens",
  "Greys",
  "Oranges",
  "Purples",
  "Reds",
  "BuGn",
  "BuPu",
  "GnBu",
  "OrRd",
  "PuBu",
  "PuBuGn",
  "PuRd",
  "RdPu",
  "YlGn",
  "YlGnBu",
  "YlOrBr",
  "YlOrRd",
] as const;

function toHex(color: string): string {
  const match = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(color);
  return match
    ? `#${match
        .slice(1)
        .map((c) => Number(c).toString(16).padStart(2, "0"))
        .join("")}`
    : color;
}

function sampled(scale: Interpolator, n: number): string[] {
  return Array.from({ length: n }, (_, i) => toHex(scale(n === 1 ? 0.5 : i / (n - 1))));
}

/** Bokeh's families and the sizes each comes in. */
export const PALETTE_FAMILIES = [...Object.keys(SCALES), "Category10", "Category20", ...BREWER.filter((name) => name !== "Greys")];

/**
 * A palette by Bokeh's name: `palette("Viridis256")`, `palette("Category10_10")`, `palette("Spectral", 11)`.
 * ColorBrewer's run dark to light as in Bokeh (reversed from d3's order).
 */
export function palette(name: string, size?: number): string[] {
  const family =
    [...PALETTE_FAMILIES].sort((a, b) => b.length - a.length).find((f) => name.startsWith(f) && /^(_?\d+)?$/.test(name.slice(f.length))) ??
    name;
  const suffix = /\d+$/.exec(name.slice(family.length))?.[0];
  const n = size ?? (suffix === undefined ? undefined : Number(suffix));
  if (Object.hasOwn(SCALES, family)) return sampled(SCALES[family]!, n ?? 256);
  if (family === "Category10") return [...chromatic.schemeCategory10].slice(0, n ?? 10);
  if (family === "Category20") return CATEGORY20.slice(0, n ?? 20);
  const scheme = (chromatic as unknown as Record<string, readonly (readonly string[])[] | undefined>)[`scheme${family}`];
  const colors = scheme?.[n ?? scheme.length - 1];
  if (colors !== undefined && n !== undefined && n >= 3) return [...colors].reverse();
  throw new RangeError(
    `unknown palette ${JSON.stringify(name)}${size === undefined ? "" : ` of ${size}`}; families: ${PALETTE_FAMILIES.join(", ")} (ColorBrewer's in sizes 3 to 9 or 11)`,
  );
}

/** n colors of a continuous palette, as Bokeh's `viridis(n)` and friends. */
export const viridis = (n: number) => palette("Viridis", n);
export const inferno = (n: number) => palette("Inferno", n);
export const magma = (n: number) => palette("Magma", n);
export const plasma = (n: number) => palette("Plasma", n);
export const cividis = (n: number) => palette("Cividis", n);
export const turbo = (n: number) => palette("Turbo", n);
export const grey = (n: number) => palette("Greys", n);

export const Viridis256 = viridis(256);
export const Inferno256 = inferno(256);
export const Magma256 = magma(256);
export const Plasma256 = plasma(256);
export const Cividis256 = cividis(256);
export const Turbo256 = turbo(256);
export const Category20 = CATEGORY20;
export const Spectral11 = palette("Spectral11");
export const RdBu11 = palette("RdBu11");
