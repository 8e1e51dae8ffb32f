/** Markdown: rendered in the page, sanitized by DOMPurify before it is inserted. */
import DOMPurify from "dompurify";
import { h } from "../dom.ts";
import { markdownToHtml } from "../markdown.ts";
import type { RenderContext, View } from "../view.ts";
import { asString } from "../values.ts";

export function renderMarkdown(ctx: RenderContext): View {
  const el = h("div", { className: "aperture-markdown" });
  let shown: string | undefined;
  return {
    el,
    update() {
      const text = asString(ctx.attr("text"));
      if (text === shown) return;
      shown = text;
      // Two locks: the Markdown renderer escapes raw HTML, DOMPurify drops whatever gets past it.
      el.innerHTML = DOMPurify.sanitize(markdownToHtml(text), { USE_PROFILES: { html: true } });
    },
  };
}
