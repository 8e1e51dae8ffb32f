/** Row and Column: flexbox containers of their children's views. */
import { place } from "./containers.ts";
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
      // Whether the layout fills its container follows from its children's sizing.
      deps: children,
      update() {
        el.style.gap = `${asNumber(ctx.attr("spacing"), 0)}px`;
        place(
          el,
          children().map((id) => ctx.viewOf(id).el),
        );
      },
    };
  };
}

export const renderRow = renderFlex("row");
export const renderColumn = renderFlex("column");
