/**
 * An app's page template (`export const template`, or a folder app's `templates/index.html`,
 * as Bokeh's): HTML with `{{ … }}` slots, filled when the page is requested, after the
 * session's handler ran (docs/server.md "Page templates"). A slot is
 *
 * - `{{ embed }}` (or Bokeh's `{{ embed(doc) }}`): the document's roots that no named slot
 *   takes, with the page's script;
 * - `{{ embed(roots.plot) }}` (or `roots["my-plot"]`): the root named `plot`;
 * - `{{ title }}`: `doc.title` (else the app's title);
 * - `{{ name }}`, `{{ stats.mean }}`: `doc.templateVariables`, HTML-escaped; `| safe` puts the
 *   value in as HTML, `| tojson` as JSON a `<script>` can hold (Jinja's filters).
 *
 * `{# … #}` is a comment. Jinja's statements (`{% … %}`) are not supported: a template that has
 * one is refused when the app loads, as is any slot that is none of the above.
 */
import { escapeHtml } from "./pages.ts";

type Filter = "escape" | "safe" | "tojson";

export type TemplatePart =
  | { kind: "text"; text: string }
  | { kind: "embed"; root: string | undefined }
  | { kind: "title" }
  | { kind: "variable"; path: string[]; filter: Filter };

export interface PageTemplate {
  parts: readonly TemplatePart[];
  /** Whether a bare `{{ embed }}` shows the roots no named slot takes (Bokeh shows only what the template embeds). */
  showsOtherRoots: boolean;
}

export class TemplateError extends Error {
  override name = "TemplateError";
}

const SLOT = /\{\{([\s\S]*?)\}\}/g;
const IDENTIFIER = "[A-Za-z_$][\\w$]*";
const EMBED_ALL = /^embed(?:\(\s*doc\s*\))?$/;
const EMBED_ROOT = new RegExp(`^embed\\(\\s*roots(?:\\.(${IDENTIFIER})|\\[\\s*(?:"([^"]+)"|'([^']+)')\\s*\\])\\s*\\)$`);
const VARIABLE = new RegExp(`^(${IDENTIFIER}(?:\\.${IDENTIFIER})*)\\s*(?:\\|\\s*(safe|tojson|e|escape)\\s*)?$`);

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split("\n").length;
}

function parseSlot(expression: string): TemplatePart | undefined {
  if (EMBED_ALL.test(expression)) return { kind: "embed", root: undefined };
  const root = EMBED_ROOT.exec(expression);
  if (root) return { kind: "embed", root: root[1] ?? root[2] ?? root[3]! };
  if (expression === "title") return { kind: "title" };
  const variable = VARIABLE.exec(expression);
  if (!variable) return undefined;
  const filter = variable[2] === "safe" || variable[2] === "tojson" ? variable[2] : "escape";
  return { kind: "variable", path: variable[1]!.split("."), filter };
}

function refuseStatements(source: string): void {
  const statement = source.indexOf("{%");
  if (statement >= 0) {
    throw new TemplateError(
      `line ${lineOf(source, statement)}: Jinja statements ({% … %}) are not supported; a template fills {{ }} slots only (docs/server.md "Page templates")`,
    );
  }
}

function checkEmbeds(parts: readonly TemplatePart[]): void {
  const seen = new Set<string | undefined>();
  for (const part of parts) {
    if (part.kind !== "embed") continue;
    if (seen.has(part.root))
      throw new TemplateError(part.root === undefined ? "{{ embed }} is there twice" : `root "${part.root}" is embedded twice`);
    seen.add(part.root);
  }
}

/** The template's parts, or a `TemplateError` naming the line of what it cannot fill. */
export function compileTemplate(source: string): PageTemplate {
  const withoutComments = source.replace(/\{#[\s\S]*?#\}/g, "");
  refuseStatements(withoutComments);
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const slot of withoutComments.matchAll(SLOT)) {
    const part = parseSlot(slot[1]!.trim());
    if (!part) throw new TemplateError(`line ${lineOf(withoutComments, slot.index)}: cannot fill {{${slot[1]}}}`);
    parts.push({ kind: "text", text: withoutComments.slice(last, slot.index) }, part);
    last = slot.index + slot[0].length;
  }
  parts.push({ kind: "text", text: withoutComments.slice(last) });
  checkEmbeds(parts);
  return { parts, showsOtherRoots: parts.some((part) => part.kind === "embed" && part.root === undefined) };
}

export interface TemplateValues {
  title: string;
  variables: Readonly<Record<string, unknown>>;
  /** The page's script tags: at `{{ embed }}`, else before `</body>`. */
  script: string;
  /** Called once for each variable the template names that `variables` lacks. */
  onMissing(name: string): void;
}

/** Jinja's `tojson`: JSON whose `<`, `>`, `&` and `'` cannot end a `<script>` or an attribute. */
function htmlSafeJson(value: unknown): string {
  const json = JSON.stringify(value) ?? "null";
  return json.replace(/[<>&']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function lookup(variables: Readonly<Record<string, unknown>>, path: readonly string[]): { found: boolean; value: unknown } {
  let value: unknown = variables;
  for (const key of path) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return { found: false, value: undefined };
    value = (value as Record<string, unknown>)[key];
  }
  return { found: true, value };
}

/** A value as text: nothing for null and undefined, JSON for objects and arrays (Jinja shows them too). */
function asText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value) ?? "";
}

function filled(value: unknown, filter: Filter): string {
  if (filter === "tojson") return htmlSafeJson(value);
  return filter === "safe" ? asText(value) : escapeHtml(asText(value));
}

function fillPart(part: TemplatePart, values: TemplateValues): string {
  switch (part.kind) {
    case "text":
      return part.text;
    case "title":
      return escapeHtml(values.title);
    case "embed":
      // A named slot is filled in the page, by the root of that name (it may come later).
      return part.root === undefined ? values.script : `<div data-aperture-slot="${escapeHtml(part.root)}"></div>`;
    case "variable": {
      const { found, value } = lookup(values.variables, part.path);
      if (!found) values.onMissing(part.path.join("."));
      return filled(value, part.filter);
    }
  }
}

/** The page's HTML; without an `{{ embed }}`, the script goes before `</body>` (or at the end). */
export function renderTemplate(template: PageTemplate, values: TemplateValues): string {
  const html = template.parts.map((part) => fillPart(part, values)).join("");
  if (template.showsOtherRoots) return html;
  const end = html.toLowerCase().lastIndexOf("</body>");
  return end < 0 ? html + values.script : html.slice(0, end) + values.script + html.slice(end);
}
