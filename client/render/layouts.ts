/** Row and Column: flexbox containers of their children's views. */
import { h } from "./dom.ts";
import type { RenderContext, Renderer, View } from "./view.ts";
import { asNumber, refIds } from "./values.ts";

function renderFlex(direction: "row" | "column"): Renderer {
  return (ctx: RenderContext): View => {
    const el = h("div", { className: `aperture-${direction}` });
    el.style.display = "flex";
    el.style.flexDirection = direction;
    const children = () => refIds(ctx.attr("children"));
    return {
      el,
      children,
      update() {
        el.style.gap = `${asNumber(ctx.attr("spacing"), 0)}px`;
        const wanted = children().map((id) => ctx.viewOf(id).el);
        const same = wanted.length === el.children.length && wanted.every((child, i) => el.children[i] === child);
        // Only a real change of children moves elements (moving one would reset its focus).
        if (!same) el.replaceChildren(...wanted);
      },
    };
  };
}

export const renderRow = renderFlex("row");
export const renderColumn = renderFlex("column");
