/** Markdown: rendered in the page, sanitized by DOMPurify before it is inserted (rich-text.ts). */
import { h } from "../dom.ts";
import { showMarkdown } from "../rich-text-loader.ts";
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
      showMarkdown(el, text, () => shown === text);
    },
  };
}
