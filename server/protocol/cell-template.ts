/**
 * `HTMLTemplateFormatter` templates, read the same way by the server (which refuses a bad one
 * when the formatter is made) and the page (which fills it per cell). Bokeh's are underscore
 * templates; only their interpolations are kept: `<%= name %>` and `<%- name %>` insert the
 * cell's `value` or another column of its row, always HTML-escaped. Evaluation blocks
 * (`<% if (…) { %>`) would run the template's code in the page, so there are none: no script
 * ever runs, and the page sanitizes the filled HTML as well.
 */
import { escapeHtml } from "./format.ts";

export type CellTemplatePart = { kind: "text"; text: string } | { kind: "name"; name: string };

const INTERPOLATION = /<%[=-]\s*([A-Za-z_$][\w$]{0,200})\s*%>/g;

/** A template's parts, or the reason it is refused. */
export function parseCellTemplate(template: string): { ok: true; parts: CellTemplatePart[] } | { ok: false; message: string } {
  const parts: CellTemplatePart[] = [];
  let at = 0;
  for (const match of template.matchAll(INTERPOLATION)) {
    if (match.index > at) parts.push({ kind: "text", text: template.slice(at, match.index) });
    parts.push({ kind: "name", name: match[1]! });
    at = match.index + match[0].length;
  }
  if (at < template.length) parts.push({ kind: "text", text: template.slice(at) });
  const code = parts.find((part) => part.kind === "text" && part.text.includes("<%"));
  if (code !== undefined) {
    const text = (code as { text: string }).text;
    const block = text.slice(text.indexOf("<%"), text.indexOf("<%") + 40);
    return {
      ok: false,
      message: `only <%= name %> and <%- name %> are read (no code runs in the page), got ${JSON.stringify(block)}`,
    };
  }
  return { ok: true, parts };
}

/** The template's HTML for one cell: `lookup("value")` is the cell, other names its row's columns. */
export function fillCellTemplate(parts: readonly CellTemplatePart[], lookup: (name: string) => unknown): string {
  let out = "";
  for (const part of parts) {
    if (part.kind === "text") out += part.text;
    else out += escapeHtml(textOf(lookup(part.name)));
  }
  return out;
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "";
}
