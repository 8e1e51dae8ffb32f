/**
 * Bokeh-style tooltips as a Plotly hover template. `@col` / `@{a col}` name source columns,
 * `$x` `$y` `$index` `$name` the point; a `{format}` after either is a d3 number format
 * (`{.2f}`) or, starting with `%`, a d3 time format (`{%Y-%m-%d}`). Columns the trace already
 * plots are read from the point itself; the others travel as `customdata`, one row per point.
 */
export interface HoverSpec {
  template: string;
  /** Source columns carried in `customdata`, in order. */
  fields: string[];
}

/** Which trace attribute already holds each plotted column (`x`, `y`, `z`). */
export type Plotted = Partial<Record<"x" | "y" | "z", string>>;

const TOKEN = /@\{([^}]{1,200})\}(?:\{([^}]{0,60})\})?|@(\w{1,200})(?:\{([^}]{0,60})\})?|\$(x|y|index|name)(?:\{([^}]{0,60})\})?/g;

const SPECIAL: Readonly<Record<string, string>> = { x: "x", y: "y", index: "pointNumber", name: "fullData.name" };

function formatSuffix(format: string | undefined): string {
  if (format === undefined || format === "") return "";
  return format.startsWith("%") ? `|${format}` : `:${format}`;
}

export function hoverSpec(rows: readonly (readonly [string, string])[], plotted: Plotted): HoverSpec {
  const fields: string[] = [];
  const variable = (field: string): string => {
    for (const [attr, column] of Object.entries(plotted)) if (column === field) return attr;
    let index = fields.indexOf(field);
    if (index < 0) index = fields.push(field) - 1;
    return `customdata[${index}]`;
  };
  const lines = rows.map(([label, template]) => {
    const text = template.replace(TOKEN, (_m, braced?: string, bracedFormat?: string, bare?: string, bareFormat?: string, special?: string, specialFormat?: string) => {
      if (special !== undefined) return `%{${SPECIAL[special]!}${formatSuffix(specialFormat)}}`;
      const field = (braced ?? bare)!;
      return `%{${variable(field)}${formatSuffix(braced !== undefined ? bracedFormat : bareFormat)}}`;
    });
    return label === "" ? text : `${label}: ${text}`;
  });
  // `<extra></extra>` drops Plotly's second box with the trace name.
  return { template: `${lines.join("<br>")}<extra></extra>`, fields };
}

/** The `customdata` rows for `fields` of `columns` (rows `from` to the end). */
export function customData(columns: Readonly<Record<string, ArrayLike<unknown>>>, fields: readonly string[], length: number, from = 0): unknown[][] {
  const out: unknown[][] = new Array(Math.max(0, length - from));
  for (let i = from; i < length; i++) out[i - from] = fields.map((field) => columns[field]?.[i] ?? null);
  return out;
}
