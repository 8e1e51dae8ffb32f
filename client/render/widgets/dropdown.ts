/** Dropdown: a button that opens a menu; a chosen item is sent as a `menu_item_click` event. */
import type { Value } from "../../../server/protocol/index.ts";
import { assign, h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asString } from "../values.ts";

/** `[label, item]` per entry, null for a separator. */
function entriesOf(menu: Value | undefined): ([string, string] | null)[] {
  if (!Array.isArray(menu)) return [];
  return menu.map((entry) =>
    typeof entry === "string"
      ? [entry, entry]
      : Array.isArray(entry) && typeof entry[0] === "string" && typeof entry[1] === "string"
        ? [entry[0], entry[1]]
        : null,
  );
}

export function renderDropdown(ctx: RenderContext): View {
  const main = h("button", { type: "button" });
  const caret = h("button", { type: "button", textContent: "▾" });
  caret.setAttribute("aria-label", "Open the menu");
  const menu = h("div", { className: "aperture-menu", hidden: true });
  menu.setAttribute("role", "menu");
  const el = h("div", { className: "aperture-dropdown" }, main, caret, menu);
  const split = () => asBoolean(ctx.attr("split"));
  const close = () => (menu.hidden = true);
  main.addEventListener("click", () => (split() ? ctx.event("click", {}) : (menu.hidden = !menu.hidden)));
  caret.addEventListener("click", () => (menu.hidden = !menu.hidden));
  menu.addEventListener("click", (event) => {
    const item = (event.target as Element).closest<HTMLButtonElement>("button[data-item]");
    if (item === null) return;
    close();
    ctx.event("menu_item_click", { item: item.dataset.item! });
  });
  el.addEventListener("focusout", (event) => {
    if (!el.contains(event.relatedTarget as Node | null)) close();
  });
  let shown = "";
  return {
    el,
    update() {
      const type = asString(ctx.attr("buttonType"), "default");
      const disabled = asBoolean(ctx.attr("disabled"));
      assign(main, "textContent", `${asString(ctx.attr("label"))}${split() ? "" : " ▾"}`);
      caret.hidden = !split();
      for (const button of [main, caret]) {
        assign(button, "className", `aperture-button aperture-button-${type}`);
        assign(button, "disabled", disabled);
      }
      const entries = entriesOf(ctx.attr("menu"));
      const key = JSON.stringify(entries);
      if (key === shown) return;
      shown = key;
      menu.replaceChildren(
        ...entries.map((entry) => {
          if (entry === null) return h("hr");
          const item = h("button", { type: "button", className: "aperture-menu-item", textContent: entry[0] });
          item.setAttribute("role", "menuitem");
          item.dataset.item = entry[1];
          return item;
        }),
      );
    },
  };
}
