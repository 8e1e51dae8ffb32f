/**
 * Bokeh's five built-in themes (bokeh/themes/_caliber.py, _dark_minimal.py, _light_minimal.py,
 * _night_sky.py, _contrast.py), as their JSON: attribute values per model type, in Bokeh's
 * snake_case names. `Theme` reads them as camelCase; attributes Aperture's models lack are skipped.
 */
import type { ThemeJson } from "./theme.ts";

const helveticaAxis = (color: string) => ({
  major_tick_line_alpha: 0,
  major_tick_line_color: color,
  minor_tick_line_alpha: 0,
  minor_tick_line_color: color,
  axis_line_alpha: 0,
  axis_line_color: color,
  major_label_text_color: color,
  major_label_text_font: "Helvetica",
  major_label_text_font_size: "1.025em",
  axis_label_standoff: 10,
  axis_label_text_color: color,
  axis_label_text_font: "Helvetica",
  axis_label_text_font_size: "1.25em",
  axis_label_text_font_style: "normal",
});

const helveticaLegend = (color: string, fill?: string) => ({
  spacing: 8,
  glyph_width: 15,
  label_standoff: 8,
  label_text_color: color,
  label_text_font: "Helvetica",
  label_text_font_size: "1.025em",
  border_line_alpha: 0,
  background_fill_alpha: 0.25,
  ...(fill === undefined ? {} : { background_fill_color: fill }),
});

const helveticaColorBar = (color: string, fill?: string) => ({
  title_text_color: color,
  title_text_font: "Helvetica",
  title_text_font_size: "1.025em",
  title_text_font_style: "normal",
  major_label_text_color: color,
  major_label_text_font: "Helvetica",
  major_label_text_font_size: "1.025em",
  ...(fill === undefined ? {} : { background_fill_color: fill }),
  major_tick_line_alpha: 0,
  bar_line_alpha: 0,
});

const helveticaTitle = (color: string) => ({ text_color: color, text_font: "Helvetica", text_font_size: "1.15em" });

/** dark_minimal and night_sky differ only in the plot's background. */
const dark = (background: string): ThemeJson => ({
  attrs: {
    Plot: { background_fill_color: background, border_fill_color: "#15191C", outline_line_color: "#E0E0E0", outline_line_alpha: 0.25 },
    Grid: { grid_line_color: "#E0E0E0", grid_line_alpha: 0.25 },
    Axis: helveticaAxis("#E0E0E0"),
    Legend: helveticaLegend("#E0E0E0", background),
    BaseColorBar: helveticaColorBar("#E0E0E0", "#15191C"),
    Title: helveticaTitle("#E0E0E0"),
  },
});

const caliberText = { font: "Calibri Light", color: "#5B5B5B" };

export const BUILT_IN_THEMES = {
  caliber: {
    attrs: {
      Axis: {
        major_tick_in: 0,
        major_tick_out: 3,
        major_tick_line_alpha: 0.25,
        major_tick_line_color: caliberText.color,
        minor_tick_line_alpha: 0.25,
        minor_tick_line_color: caliberText.color,
        axis_line_alpha: 1,
        axis_line_color: caliberText.color,
        major_label_text_color: caliberText.color,
        major_label_text_font: caliberText.font,
        major_label_text_font_size: "0.95em",
        major_label_text_font_style: "bold",
        axis_label_standoff: 10,
        axis_label_text_color: caliberText.color,
        axis_label_text_font: caliberText.font,
        axis_label_text_font_size: "1.15em",
        axis_label_text_font_style: "bold",
      },
      Legend: {
        spacing: 8,
        glyph_width: 15,
        label_standoff: 8,
        label_text_color: caliberText.color,
        label_text_font: caliberText.font,
        label_text_font_size: "0.95em",
        label_text_font_style: "bold",
        border_line_alpha: 0,
        background_fill_alpha: 0.25,
      },
      BaseColorBar: {
        title_text_color: caliberText.color,
        title_text_font: caliberText.font,
        title_text_font_size: "1.15em",
        title_text_font_style: "bold",
        major_label_text_color: caliberText.color,
        major_label_text_font: caliberText.font,
        major_label_text_font_size: "0.95em",
        major_label_text_font_style: "bold",
        major_tick_line_alpha: 0,
        bar_line_alpha: 0,
      },
      Title: { text_color: caliberText.color, text_font: caliberText.font, text_font_size: "1.25em", text_font_style: "bold" },
    },
  },
  dark_minimal: dark("#20262B"),
  light_minimal: {
    attrs: {
      Axis: helveticaAxis("#5B5B5B"),
      Legend: helveticaLegend("#5B5B5B"),
      BaseColorBar: helveticaColorBar("#5B5B5B"),
      Title: helveticaTitle("#5B5B5B"),
    },
  },
  night_sky: dark("#2C001E"),
  contrast: {
    attrs: {
      figure: { background_fill_color: "#000000", border_fill_color: "#FFFFFF", outline_line_color: "#000000", outline_line_alpha: 0.25 },
      Grid: { grid_line_color: "#E0E0E0", grid_line_alpha: 0.25 },
      Axis: helveticaAxis("#000000"),
      Legend: helveticaLegend("#FFFFFF", "#000000"),
      BaseColorBar: helveticaColorBar("#E0E0E0", "#15191C"),
      Title: helveticaTitle("#000000"),
    },
  },
} satisfies Record<string, ThemeJson>;

export type BuiltInThemeName = keyof typeof BUILT_IN_THEMES;
