import { describe, expect, it } from "vitest";
import { markdownToHtml, safeUrl } from "../../../../client/render/markdown.ts";

describe("markdownToHtml", () => {
  it("renders Markdown, GitHub tables included", () => {
    expect(markdownToHtml("**bold** and _it_")).toBe("<p><strong>bold</strong> and <em>it</em></p>\n");
    expect(markdownToHtml("| a | b |\n|---|---|\n| 1 | 2 |")).toContain("<td>1</td>");
    expect(markdownToHtml("[docs](https://example.org/x)")).toContain('<a href="https://example.org/x" rel="noopener noreferrer">docs</a>');
  });

  it.each([
    ["a script block", "<script>alert(1)</script>", "<script"],
    ["inline HTML with a handler", 'hi <img src=x onerror="alert(1)">', "<img"],
    ["an iframe", "<iframe src='https://evil.example'></iframe>", "<iframe"],
    ["a javascript: link", "[click](javascript:alert(1))", "javascript:"],
    ["a javascript: link with odd case and spaces", "[click]( JaVaScRiPt:alert(1))", "avascript:"],
    ["a data: image", "![x](data:text/html;base64,PHNjcmlwdD4=)", "data:"],
    ["a vbscript: autolink", "<vbscript:msgbox(1)>", 'href="vbscript:'],
  ])("keeps %s from becoming markup", (_name, text, forbidden) => {
    const html = markdownToHtml(text);
    expect(html.toLowerCase()).not.toContain(forbidden.toLowerCase());
  });

  it("shows raw HTML as text", () => {
    expect(markdownToHtml("a <b>b</b>")).toBe("<p>a &lt;b&gt;b&lt;/b&gt;</p>\n");
  });
});

describe("safeUrl", () => {
  it.each([
    ["https://a.b/c", true],
    ["mailto:a@b.c", true],
    ["/relative/path", true],
    ["#anchor", true],
    ["javascript:alert(1)", false],
    ["data:text/html,x", false],
    ["\u0001javascript:alert(1)", false],
  ])("%s → %s", (url, ok) => {
    expect(safeUrl(url)).toBe(ok);
  });
});
