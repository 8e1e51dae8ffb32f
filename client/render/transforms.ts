/**
 * Transforms a field goes through before it is drawn: color mappers (linear, log,
 * categorical), marker mappers, jitter and dodge. Each is a model the renderer names. DOM-free.
 */
import type { DocState, ModelId, Value } from "../../server/protocol/index.ts";
import { asNumber, asString, modelOf } from "./values.ts";

type Attrs = Record<string, Value>;
type Transform = (attrs: Attrs, values: ArrayLike<unknown>) => ArrayLike<unknown>;

const strings = (value: Value | undefined): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

function finite(values: ArrayLike<unknown>, map: (v: number) => number): number[] {
  return Array.from(values, (v) => (typeof v === "number" ? map(v) : Number.NaN)).filter(Number.isFinite);
}

/** Bokeh's continuous mapping: [low, high] cut into as many equal bins as the palette has colors. */
function continuous(scale: (v: number) => number): Transform {
  return (attrs, values) => {
    const palette = strings(attrs.palette);
    const known = finite(values, scale);
    const low = typeof attrs.low === "number" ? scale(attrs.low) : Math.min(...known);
    const high = typeof attrs.high === "number" ? scale(attrs.high) : Math.max(...known);
    const nan = asString(attrs.nanColor, "gray");
    return Array.from(values, (raw) => {
      const v = typeof raw === "number" ? scale(raw) : Number.NaN;
      if (!Number.isFinite(v) || palette.length === 0) return nan;
      if (v < low) return asString(attrs.lowColor) || palette[0];
      if (v > high) return asString(attrs.highColor) || palette[palette.length - 1];
      const at = high === low ? 0 : Math.floor(((v - low) / (high - low)) * palette.length);
      return palette[Math.min(palette.length - 1, at)];
    });
  };
}

function byFactor(pick: (attrs: Attrs) => string[], fallback: (attrs: Attrs) => string): Transform {
  return (attrs, values) => {
    const factors = strings(attrs.factors);
    const choices = pick(attrs);
    return Array.from(values, (v) => {
      const i = factors.indexOf(String(v));
      return i >= 0 && i < choices.length ? choices[i] : fallback(attrs);
    });
  };
}

/** A fixed pseudo-random number in [0, 1) for row `i`: jittered points stay put across redraws. */
function unit(i: number, salt: number): number {
  let h = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt + 7, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

const jitter: Transform = (attrs, values) => {
  const width = asNumber(attrs.width, 1);
  const mean = asNumber(attrs.mean, 0);
  const normal = attrs.distribution === "normal";
  return Array.from(values, (v, i) => {
    if (typeof v !== "number") return v;
    const offset = normal
      ? Math.sqrt(-2 * Math.log(1 - unit(i, 1))) * Math.cos(2 * Math.PI * unit(i, 2)) * width
      : (unit(i, 1) - 0.5) * width;
    return v + mean + offset;
  });
};

/** Numbers move by `value`; categories stay, and bars draw them with an offset instead (see bars.ts). */
const dodge: Transform = (attrs, values) => Array.from(values, (v) => (typeof v === "number" ? v + asNumber(attrs.value, 0) : v));

const TRANSFORMS: Readonly<Record<string, Transform>> = {
  LinearColorMapper: continuous((v) => v),
  LogColorMapper: continuous((v) => (v > 0 ? Math.log10(v) : Number.NaN)),
  CategoricalColorMapper: byFactor(
    (attrs) => strings(attrs.palette),
    (attrs) => asString(attrs.nanColor, "gray"),
  ),
  CategoricalMarkerMapper: byFactor(
    (attrs) => strings(attrs.markers),
    (attrs) => asString(attrs.defaultValue, "circle"),
  ),
  Jitter: jitter,
  Dodge: dodge,
};

export function applyTransform(state: DocState, id: ModelId | undefined, values: ArrayLike<unknown>): ArrayLike<unknown> {
  const model = modelOf(state, id);
  const transform = model !== undefined && Object.hasOwn(TRANSFORMS, model.type) ? TRANSFORMS[model.type] : undefined;
  return transform === undefined ? values : transform(model!.attrs, values);
}
