export { GlyphRenderer, GLYPHS, type Glyph, type Tooltips, type Palette } from "./renderer.ts";
export type { GlyphOptions, Coordinate, ColorSpec, NumberSpec } from "./options.ts";
