/** Paragraph and PreText (text shown as text, never as HTML) and Alert (sanitized Markdown in a coloured box). */
import { h } from "../dom.ts";
import { showMarkdown } from "../rich-text-loader.ts";
import type { RenderContext, Renderer, View } from "../view.ts";
import { asString } from "../values.ts";

function textRenderer(tag: "p" | "pre", className: string): Renderer {
  return (ctx) => {
    const el = h(tag, { className });
    return { el, update: () => void (el.textContent = asString(ctx.attr("text"))) };
  };
}

export const renderParagraph = textRenderer("p", "aperture-paragraph");
export const renderPreText = textRenderer("pre", "aperture-pretext");

export function renderAlert(ctx: RenderContext): View {
  const el = h("div", { className: "aperture-alert" });
  el.setAttribute("role", "alert");
  let shown: string | undefined;
  return {
    el,
    update() {
      el.className = `aperture-alert aperture-alert-${asString(ctx.attr("alertType"), "primary")}`;
      const text = asString(ctx.attr("object"));
      if (text === shown) return;
      shown = text;
      showMarkdown(el, text, () => shown === text);
    },
  };
}
