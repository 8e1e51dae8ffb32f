/**
 * Bokeh's themes: default attribute values per model type, as Bokeh's JSON
 * (`{ attrs: { Plot: { background_fill_color: "#20262B" }, Axis: {…} } }`). A themed value
 * stands in for the attribute's default on every model of that type in the document, added
 * before or after the theme; a value the author gave the model wins over the theme.
 */
import type { Value } from "../protocol/index.ts";
import { BUILT_IN_THEMES, type BuiltInThemeName } from "./built-in-themes.ts";
import type { Model } from "./model.ts";

export interface ThemeJson {
  attrs: Record<string, Record<string, Value>>;
}

/** Bokeh's base classes of Aperture's model types, general first: a theme's `Plot` entry applies to every figure. */
const BOKEH_BASES: Readonly<Record<string, readonly string[]>> = {
  Figure: ["Plot", "figure"],
  LinearAxis: ["Axis", "ContinuousAxis"],
  LogAxis: ["Axis", "ContinuousAxis"],
  DatetimeAxis: ["Axis", "ContinuousAxis", "LinearAxis"],
  CategoricalAxis: ["Axis"],
  ColorBar: ["BaseColorBar"],
};

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());

export class Theme {
  /** `{ type: { camelCaseAttr: value } }`, the JSON's names in camelCase. */
  readonly #attrs: ReadonlyMap<string, ReadonlyMap<string, Value>>;

  /**
   * @example doc.theme = new Theme({ json: { attrs: { Plot: { background_fill_color: "#eeeeee" } } } })
   */
  constructor(options: { json: ThemeJson }) {
    const attrs = options.json?.attrs;
    if (typeof attrs !== "object" || attrs === null || Array.isArray(attrs))
      throw new TypeError("Theme: json must be { attrs: { ModelType: { attribute: value } } }");
    this.#attrs = new Map(
      Object.entries(attrs).map(([type, values]) => {
        if (typeof values !== "object" || values === null || Array.isArray(values))
          throw new TypeError(`Theme: attrs.${type} must be an object of attribute values`);
        return [type, new Map(Object.entries(values).map(([name, value]) => [camel(name), value]))];
      }),
    );
  }

  /** One of Bokeh's built-in themes: caliber, dark_minimal, light_minimal, night_sky, contrast. */
  static builtIn(name: BuiltInThemeName): Theme {
    if (!Object.hasOwn(BUILT_IN_THEMES, name))
      throw new TypeError(`no built-in theme "${String(name)}" (there are ${Object.keys(BUILT_IN_THEMES).join(", ")})`);
    return new Theme({ json: BUILT_IN_THEMES[name] });
  }

  /** The themed values of `model`'s attributes (those the model has), the most specific type's last. */
  valuesFor(model: Model): Map<string, Value> {
    const values = new Map<string, Value>();
    for (const type of ["Model", ...(BOKEH_BASES[model.type] ?? []), model.type]) {
      for (const [attr, value] of this.#attrs.get(type) ?? []) if (Object.hasOwn(model.props, attr)) values.set(attr, value);
    }
    return values;
  }
}

export type ThemeLike = Theme | BuiltInThemeName;

export const toTheme = (theme: ThemeLike): Theme => (theme instanceof Theme ? theme : Theme.builtIn(theme));
