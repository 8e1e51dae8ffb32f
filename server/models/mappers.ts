/**
 * Transforms a field goes through before it is drawn (Bokeh's mappers and transforms): colors
 * from numbers (`linearCmap`, `logCmap`) or factors (`factorCmap`), markers from factors
 * (`factorMarker`), and positions moved (`jitter`, `dodge`). Each is a model, so a callback
 * can change a mapper's range and every glyph and color bar using it follows.
 */
import { MARKER_TYPES, type MarkerType } from "../protocol/index.ts";
import { defineModel } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { checkColor, checkStrings, custom } from "./checks.ts";
import { palette as namedPalette } from "./palette-lists.ts";
import type { Field } from "./specs.ts";

const colors = custom<string[]>(
  () => ["#000000"],
  (value) => {
    if (!Array.isArray(value) || value.length === 0 || value.length > 4096) return "expected 1 to 4096 colors";
    for (const color of value) {
      const problem = checkColor(color);
      if (problem) return problem;
    }
    return undefined;
  },
);
const color = (def: string) => custom<string>(def, checkColor);
const nullableColor = custom<string | null>(null, (value) => (value === null ? undefined : checkColor(value)));
const factors = custom<string[]>(
  () => [],
  (value) => checkStrings(value, { max: 10_000, maxLength: 1000 }),
);

const continuousProps = {
  palette: colors,
  /** null: the data's lowest (or highest) value. */
  low: prop.nullableNumber(null),
  high: prop.nullableNumber(null),
  lowColor: nullableColor,
  highColor: nullableColor,
  nanColor: color("gray"),
};

export class LinearColorMapper extends defineModel("LinearColorMapper", continuousProps) {}
export class LogColorMapper extends defineModel("LogColorMapper", continuousProps) {}

export class CategoricalColorMapper extends defineModel("CategoricalColorMapper", { palette: colors, factors, nanColor: color("gray") }) {}

const markers = custom<MarkerType[]>(
  () => [],
  (value) =>
    Array.isArray(value) && value.every((m) => (MARKER_TYPES as unknown[]).includes(m))
      ? undefined
      : `expected marker names (${MARKER_TYPES.join(", ")})`,
);

export class CategoricalMarkerMapper extends defineModel("CategoricalMarkerMapper", {
  markers,
  factors,
  defaultValue: prop.enum(MARKER_TYPES, "circle"),
}) {}

export class Jitter extends defineModel("Jitter", {
  width: prop.number(1, { min: 0 }),
  mean: prop.number(0),
  distribution: prop.enum(["uniform", "normal"], "uniform"),
}) {}

export class Dodge extends defineModel("Dodge", { value: prop.number(0) }) {}

/** A palette given by Bokeh's name ("Viridis256", "Category10_10") or as colors. */
const colorsOf = (given: string | readonly string[]) => (typeof given === "string" ? namedPalette(given) : [...given]);

interface ContinuousOptions {
  lowColor?: string;
  highColor?: string;
  nanColor?: string;
}

/** @example fillColor: linearCmap("z", "Viridis256", 0, 100) */
export function linearCmap(
  field: string,
  palette: string | readonly string[],
  low: number | null,
  high: number | null,
  options: ContinuousOptions = {},
): Field & { transform: LinearColorMapper } {
  return { field, transform: new LinearColorMapper({ palette: colorsOf(palette), low, high, ...options }) };
}

/** @example fillColor: logCmap("population", "Inferno256", 1, 1e7) */
export function logCmap(
  field: string,
  palette: string | readonly string[],
  low: number | null,
  high: number | null,
  options: ContinuousOptions = {},
): Field & { transform: LogColorMapper } {
  return { field, transform: new LogColorMapper({ palette: colorsOf(palette), low, high, ...options }) };
}

/** @example fillColor: factorCmap("species", "Category10_3", ["setosa", "versicolor", "virginica"]) */
export function factorCmap(
  field: string,
  palette: string | readonly string[],
  factors: readonly string[],
  options: { nanColor?: string } = {},
): Field & { transform: CategoricalColorMapper } {
  return { field, transform: new CategoricalColorMapper({ palette: colorsOf(palette), factors: [...factors], ...options }) };
}

/** @example marker: factorMarker("species", ["hex", "triangle", "square"], ["setosa", "versicolor", "virginica"]) */
export function factorMarker(
  field: string,
  markers: readonly MarkerType[],
  factors: readonly string[],
): Field & { transform: CategoricalMarkerMapper } {
  return { field, transform: new CategoricalMarkerMapper({ markers: [...markers], factors: [...factors] }) };
}

/** @example x: jitter("day", 0.6) */
export function jitter(
  field: string,
  width: number,
  options: { mean?: number; distribution?: "uniform" | "normal" } = {},
): Field & { transform: Jitter } {
  return { field, transform: new Jitter({ width, ...options }) };
}

/** @example x: dodge("fruits", -0.25) (grouped bars on a category axis) */
export function dodge(field: string, value: number): Field & { transform: Dodge } {
  return { field, transform: new Dodge({ value }) };
}
