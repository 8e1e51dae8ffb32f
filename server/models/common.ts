/**
 * Bokeh's attributes of every visible model (its `LayoutDOM` and `UIElement`): `visible`,
 * `cssClasses`, `styles`, `stylesheets`, sizes, `sizingMode`, `aspectRatio`, `margin`, and `tags` (free
 * values for `doc.select({ tags })`). All are server-writable and sync; the page applies
 * them to the model's element, whatever its type.
 */
import { defineModel, type ModelDeclaration, type PropSpecs } from "../document/model.ts";
import { prop } from "../document/props.ts";
import type { Value } from "../protocol/index.ts";
import { checkStrings, custom } from "./checks.ts";

export const SIZING_MODES = [
  "fixed",
  "stretch_width",
  "stretch_height",
  "stretch_both",
  "scale_width",
  "scale_height",
  "scale_both",
  "inherit",
] as const;
export type SizingMode = (typeof SIZING_MODES)[number];
/** Pixels: all sides, `[vertical, horizontal]`, or `[top, right, bottom, left]` (Bokeh's). */
export type Margin = number | [number, number] | [number, number, number, number];

const CSS_CLASS = /^-?[A-Za-z_][\w-]{0,99}$/;
const CSS_PROPERTY = /^(--[\w-]{1,60}|-?[A-Za-z][A-Za-z-]{0,60})$/;
// No characters that could end the declaration or the style element.
const CSS_VALUE = /^[^;{}<>\\\n\r]{0,500}$/;

function checkClasses(value: unknown): string | undefined {
  return (
    checkStrings(value, { max: 100 }) ??
    ((value as string[]).every((name) => CSS_CLASS.test(name)) ? undefined : "CSS class names are letters, digits, - and _")
  );
}

function checkStyles(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "expected { property: value } of CSS";
  const entries = Object.entries(value);
  if (entries.length > 200) return "more than 200 style properties";
  const bad = entries.find(([key, item]) => !CSS_PROPERTY.test(key) || typeof item !== "string" || !CSS_VALUE.test(item));
  return bad === undefined ? undefined : `"${bad[0].slice(0, 40)}" is not a CSS property with a plain value (no ; { } < > \\)`;
}

function checkMargin(value: unknown): string | undefined {
  if (value === null) return undefined;
  const sides =
    typeof value === "number" ? [value] : Array.isArray(value) && (value.length === 2 || value.length === 4) ? value : undefined;
  return sides?.every((side) => typeof side === "number" && Number.isFinite(side) && Math.abs(side) <= 10_000)
    ? undefined
    : "expected pixels, [vertical, horizontal] or [top, right, bottom, left]";
}

const anyJson = prop.json<Value>(null);
const size = () => prop.nullableNumber(null, { min: 0, max: 100_000 });

export const commonProps = {
  visible: prop.boolean(true),
  cssClasses: custom<string[]>(() => [], checkClasses),
  /** Inline CSS of the model's element, e.g. `{ "background-color": "#eee" }`. */
  styles: custom<Record<string, string>>(() => ({}), checkStyles),
  /** CSS text added to the page while the model is shown (written by the app's author). */
  stylesheets: custom<string[]>(
    () => [],
    (value) => checkStrings(value, { max: 50, maxLength: 100_000 }),
  ),
  width: size(),
  height: size(),
  minWidth: size(),
  maxWidth: size(),
  minHeight: size(),
  maxHeight: size(),
  sizingMode: custom<SizingMode | null>(null, (value) =>
    value === null || SIZING_MODES.includes(value as SizingMode) ? undefined : `expected one of ${SIZING_MODES.join(", ")} or null`,
  ),
  /** Bokeh's `aspect_ratio`: width / height kept while a dimension follows the container ("auto": the given width and height's). */
  aspectRatio: custom<number | "auto" | null>(null, (value) =>
    value === null || value === "auto" || (typeof value === "number" && value > 0 && value <= 100 && Number.isFinite(value))
      ? undefined
      : 'expected a number above 0 (up to 100), "auto" or null',
  ),
  margin: custom<Margin | null>(null, checkMargin),
  tags: custom<Value[]>(
    () => [],
    (value, attrs) => (!Array.isArray(value) || value.length > 1000 ? "expected a list of up to 1000 tags" : anyJson.check(value, attrs)),
  ),
};

/** `defineModel` for a model shown in the page: its own attributes plus (below them) Bokeh's common ones. */
export function defineVisibleModel<P extends PropSpecs, const E extends string = never>(
  type: string,
  props: P,
  declaration: ModelDeclaration<E> = {},
) {
  return defineModel(type, { ...commonProps, ...props }, declaration);
}
