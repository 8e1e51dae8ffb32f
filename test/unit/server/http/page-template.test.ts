import { describe, expect, it } from "vitest";
import { compileTemplate, renderTemplate, TemplateError, type TemplateValues } from "../../../../server/http/page-template.ts";

function render(source: string, values: Partial<TemplateValues> = {}): { html: string; missing: string[] } {
  const missing: string[] = [];
  const html = renderTemplate(compileTemplate(source), {
    title: "T",
    variables: {},
    script: "<script></script>",
    onMissing: (name) => missing.push(name),
    ...values,
  });
  return { html, missing };
}

describe("compileTemplate", () => {
  it('reads Bokeh\'s embed forms: bare, embed(doc), roots.name and roots["name"]', () => {
    const { parts, showsOtherRoots } = compileTemplate(
      `{{ embed(doc) }}{{embed(roots.plot)}}{{ embed(roots["my-plot"]) }}{{ embed(roots['x y']) }}`,
    );
    expect(parts.filter((part) => part.kind === "embed")).toEqual([
      { kind: "embed", root: undefined },
      { kind: "embed", root: "plot" },
      { kind: "embed", root: "my-plot" },
      { kind: "embed", root: "x y" },
    ]);
    expect(showsOtherRoots).toBe(true);
  });

  it("refuses Jinja statements, naming their line", () => {
    expect(() => compileTemplate("<p>\n{% for root in roots %}")).toThrow(/line 2: Jinja statements/);
  });

  it("refuses a slot it cannot fill, naming its line", () => {
    expect(() => compileTemplate("a\nb\n{{ 1 + 2 }}")).toThrow(new TemplateError("line 3: cannot fill {{ 1 + 2 }}"));
    expect(() => compileTemplate("{{ name | upper }}")).toThrow(/cannot fill/);
  });

  it("refuses a root embedded twice, and two bare embeds", () => {
    expect(() => compileTemplate("{{ embed(roots.a) }}{{ embed(roots.a) }}")).toThrow('root "a" is embedded twice');
    expect(() => compileTemplate("{{ embed }}{{ embed(doc) }}")).toThrow("{{ embed }} is there twice");
  });

  it("drops {# comments #}, slots inside them included", () => {
    expect(render("a{# {{ 1 + 2 }} {% if %} #}b").html).toBe("ab<script></script>");
  });
});

describe("renderTemplate", () => {
  it("fills the title and variables HTML-escaped, fields by dotted names", () => {
    const variables = { who: `<i>"x"</i>`, stats: { mean: 2.5, n: 0, ok: false } };
    expect(
      render("{{ title }}|{{ who }}|{{ stats.mean }}|{{ stats.n }}|{{ stats.ok }}{{ embed }}", { title: "A & B", variables }).html,
    ).toBe("A &#38; B|&#60;i&#62;&#34;x&#34;&#60;/i&#62;|2.5|0|false<script></script>");
  });

  it("puts a value marked | safe in as HTML, and | tojson as JSON no </script> can end", () => {
    const variables = { html: "<b>x</b>", data: { a: "</script><script>alert(1)</script>", b: [1, "it's"] } };
    const { html } = render("{{ html | safe }} {{ data | tojson }}{{ embed }}", { variables });
    expect(html).toBe(
      `<b>x</b> {"a":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e","b":[1,"it\\u0027s"]}<script></script>`,
    );
    expect(JSON.parse(html.slice(9, -"<script></script>".length))).toEqual(variables.data);
  });

  it("fills a missing variable, or a missing field, with nothing and reports its name", () => {
    const result = render("[{{ gone }}][{{ stats.gone }}][{{ nothing }}]{{ embed }}", { variables: { stats: {}, nothing: null } });
    expect(result.html).toBe("[][][]<script></script>");
    expect(result.missing).toEqual(["gone", "stats.gone"]);
  });

  it("never reads inherited properties as variables", () => {
    expect(render("[{{ constructor }}][{{ toString }}]{{ embed }}").missing).toEqual(["constructor", "toString"]);
  });

  it("makes a named slot an element the page fills by the root's name", () => {
    expect(render(`{{ embed(roots['a"b']) }}{{ embed }}`).html).toBe('<div data-aperture-slot="a&#34;b"></div><script></script>');
  });

  it("puts the script before </body> when the template has no bare embed", () => {
    expect(render("<body><p>{{ embed(roots.a) }}</p></BODY></html>").html).toBe(
      '<body><p><div data-aperture-slot="a"></div></p><script></script></BODY></html>',
    );
    expect(render("{{ embed(roots.a) }}").html).toBe('<div data-aperture-slot="a"></div><script></script>');
  });
});
