/**
 * Bokeh-style tooltips as Plotly hover text. `@col` / `@{a col}` name source columns, `$x`
 * `$y` `$index` `$name` the point; a `{format}` after either is one of Bokeh's formats
 * (`{0.00}`, `{0,0}`, `{0.0%}`, `{%F %T}`, `{safe}`, printf with a formatter), read by the
 * shared format module. Each point's text is formatted here, once per draw or streamed batch,
 * and travels as its `customdata`, so Plotly shows it as it is.
 */
import {
  escapeHtml,
  fillTemplate,
  parseTemplate,
  templateColumns,
  type Formatters,
  type TemplatePart,
} from "../../server/protocol/format.ts";

/** Which trace attribute already holds each plotted column (`x`, `y`, `z`). */
export type Plotted = Partial<Record<"x" | "y" | "z", string>>;

export interface HoverSpec {
  lines: { label: string; parts: TemplatePart[] }[];
  /** Source columns the text reads, in order (plotted ones included, for `$x` `$y`). */
  fields: string[];
}

/** Plotly's template for text carried whole in `customdata`; `<extra></extra>` drops its second box. */
export const HOVER_TEMPLATE = "%{customdata}<extra></extra>";

export function hoverSpec(rows: readonly (readonly [string, string])[], plotted: Plotted): HoverSpec {
  const lines = rows.map(([label, template]) => ({ label, parts: parseTemplate(template) }));
  const specials = lines.flatMap(({ parts }) =>
    parts.flatMap((part) => (part.kind === "special" ? [plotted[part.name as keyof Plotted]] : [])),
  );
  const columns = lines.flatMap(({ parts }) => templateColumns(parts));
  const fields = [...new Set([...columns, ...specials.filter((name): name is string => name !== undefined)])];
  return { lines, fields };
}

export interface HoverContext {
  plotted: Plotted;
  /** The glyph's name for `$name`. */
  name: string;
  formatters?: Formatters;
  /** The source row of the first point (for `$index` of streamed points). */
  firstIndex?: number;
}

/** One hover text per point, rows `from` to `length` of `columns`. */
export function hoverTexts(
  spec: HoverSpec,
  columns: Readonly<Record<string, ArrayLike<unknown>>>,
  length: number,
  context: HoverContext,
  from = 0,
): string[] {
  const out = new Array<string>(Math.max(0, length - from));
  const offset = (context.firstIndex ?? 0) - from;
  for (let i = from; i < length; i++) {
    const lookup = (part: Extract<TemplatePart, { spec: string }>): unknown => {
      if (part.kind === "column") return columns[part.name]?.[i];
      if (part.name === "index") return i + offset;
      if (part.name === "name") return context.name;
      const column = context.plotted[part.name as keyof Plotted];
      return column === undefined ? undefined : columns[column]?.[i];
    };
    out[i - from] = spec.lines
      .map(({ label, parts }) => {
        const text = fillTemplate(parts, lookup, { formatters: context.formatters });
        return label === "" ? text : `${escapeHtml(label)}: ${text}`;
      })
      .join("<br>");
  }
  return out;
}
