/**
 * Applying a document's theme to its models. A model remembers which attributes its author
 * gave (`explicit`); every other attribute shows the theme's value for it, or its default when
 * the theme has none. A themed value the attribute refuses is skipped (its default stays), so a
 * Bokeh theme naming attributes Aperture's models read differently still applies the rest.
 */
import type { Value } from "../protocol/index.ts";
import type { Model } from "./model.ts";
import type { Theme } from "./theme.ts";

/** The values `theme` gives `model` now: only for attributes the author did not set, and only valid ones. */
export function themedValues(model: Model, theme: Theme | undefined): Map<string, Value> {
  const values = new Map<string, Value>();
  if (theme === undefined) return values;
  const attrs = model.attrValues();
  for (const [attr, value] of theme.valuesFor(model)) {
    const spec = model.props[attr]!;
    if (model.explicit.has(attr) || spec.kind !== "value" || spec.check(value, attrs) !== undefined) continue;
    values.set(attr, value);
  }
  return values;
}

/**
 * The writes that bring `model` to `theme`: its themed values, and the defaults back for
 * attributes an earlier theme set that this one does not. Updates `model.themed`.
 */
export function themeWrites(model: Model, theme: Theme | undefined): [attr: string, value: unknown][] {
  const values = themedValues(model, theme);
  const writes: [string, unknown][] = [...values];
  for (const attr of model.themed) {
    if (!values.has(attr) && !model.explicit.has(attr)) writes.push([attr, model.props[attr]!.default()]);
  }
  model.themed = new Set(values.keys());
  return writes;
}
