/**
 * Color palettes. Glyphs without a `color` take the theme's palette in order (the page's
 * default is `Category10`); images take a continuous palette by name or as a list of colors.
 */
import { checkColor } from "./checks.ts";

/** d3's (and Bokeh's) ten categorical colors. */
export const Category10 = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
] as const;

/** Tableau's ten, a softer categorical set. */
export const Tableau10 = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
] as const;

/** Viridis in 11 steps (perceptually uniform, readable in grey and by most color-blind people). */
export const Viridis11 = [
  "#440154",
  "#482475",
  "#414487",
  "#355f8d",
  "#2a788e",
  "#21918c",
  "#22a884",
  "#44bf70",
  "#7ad151",
  "#bddf26",
  "#fde725",
] as const;

/** Continuous palettes known by name (Plotly's built-in colorscales). */
export const PALETTE_NAMES = [
  "Viridis",
  "Cividis",
  "Blues",
  "Greens",
  "Greys",
  "Reds",
  "YlOrRd",
  "YlGnBu",
  "RdBu",
  "Hot",
  "Jet",
  "Electric",
  "Portland",
  "Picnic",
  "Rainbow",
  "Blackbody",
  "Earth",
  "Bluered",
] as const;

export type PaletteName = (typeof PALETTE_NAMES)[number];

/**
 * A continuous palette: a name (Bokeh's "Viridis256" is read as "Viridis") or two or more colors.
 */
export function checkPalette(value: unknown): string | undefined {
  if (typeof value === "string") {
    const name = value.replace(/\d+$/, "");
    return (PALETTE_NAMES as readonly string[]).includes(name)
      ? undefined
      : `unknown palette ${JSON.stringify(value.slice(0, 40))}; use one of ${PALETTE_NAMES.join(", ")} or a list of colors`;
  }
  if (!Array.isArray(value) || value.length < 2 || value.length > 256) return "expected a palette name or a list of 2 to 256 colors";
  for (const color of value) {
    const problem = checkColor(color);
    if (problem) return problem;
  }
  return undefined;
}
