/**
 * Markdown to HTML for the `Markdown` model. Text may come from people (a comment, a name),
 * so raw HTML in it is shown as text, and links and images keep only http(s), mailto and
 * relative addresses. The view sanitizes the result once more before it reaches the DOM.
 * DOM-free (unit-tested in Node).
 */
import { Marked } from "marked";

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Addresses a link or image may have: no `javascript:`, `data:` or other schemes. */
export function safeUrl(href: string): boolean {
  const trimmed = href.trim();
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase();
  // A leading control character (U+0000–U+001F) could hide a scheme from the check above.
  return scheme === undefined ? !(trimmed.charCodeAt(0) < 0x20) : ["http", "https", "mailto"].includes(scheme);
}

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    link({ href, title, tokens }) {
      const label = this.parser.parseInline(tokens);
      if (!safeUrl(href)) return label;
      return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ""} rel="noopener noreferrer">${label}</a>`;
    },
    image({ href, title, text }) {
      if (!safeUrl(href)) return escapeHtml(text);
      return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${title ? ` title="${escapeHtml(title)}"` : ""}>`;
    },
  },
});

export function markdownToHtml(text: string): string {
  return marked.parse(text, { async: false });
}
