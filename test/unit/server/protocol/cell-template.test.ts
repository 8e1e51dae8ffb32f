import { describe, expect, it } from "vitest";
import { fillCellTemplate, parseCellTemplate } from "../../../../server/protocol/cell-template.ts";

const fill = (template: string, values: Record<string, unknown>) => {
  const parsed = parseCellTemplate(template);
  if (!parsed.ok) throw new Error(parsed.message);
  return fillCellTemplate(parsed.parts, (name) => values[name]);
};

describe("cell templates", () => {
  it("fills <%= name %> and <%- name %> with the values, HTML-escaped", () => {
    expect(fill("<b><%= value %></b> (<%-id%>)", { value: "<img src=x onerror=alert(1)>", id: 3 })).toBe(
      "<b>&lt;img src=x onerror=alert(1)&gt;</b> (3)",
    );
  });

  it("shows a missing value as nothing and an object as JSON", () => {
    expect(fill("[<%= value %>]", {})).toBe("[]");
    expect(fill("<%= value %>", { value: { a: 1 } })).toBe("{&#34;a&#34;:1}");
  });

  it.each([["<% if (value) { %>yes<% } %>"], ["<%= value.toUpperCase() %>"], ["<%= a + b %>"], ["text <% print(1) %>"]])(
    "refuses %s, which would run code",
    (template) => {
      const parsed = parseCellTemplate(template);
      expect(parsed.ok).toBe(false);
      expect(parsed.ok ? "" : parsed.message).toMatch(/no code runs in the page/);
    },
  );
});
