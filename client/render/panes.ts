/** Card (a titled box that folds, writing `collapsed`) and Accordion (stacked cards, writing `active`). */
import { place } from "./containers.ts";
import { assign, h } from "./dom.ts";
import type { RenderContext, View } from "./view.ts";
import { asBoolean, asString, refIds } from "./values.ts";
import { stringsOf } from "./widgets/groups.ts";

function cardHeader(): { header: HTMLButtonElement; title: HTMLSpanElement } {
  const title = h("span", { className: "aperture-card-title" });
  const header = h("button", { type: "button", className: "aperture-card-header" }, h("span", { className: "aperture-card-caret" }), title);
  return { header, title };
}

export function renderCard(ctx: RenderContext): View {
  const { header, title } = cardHeader();
  const body = h("div", { className: "aperture-card-body" });
  const el = h("div", { className: "aperture-card" }, header, body);
  const children = () => refIds(ctx.attr("children"));
  header.addEventListener("click", () => {
    if (ctx.attr("collapsible") !== false) ctx.set("collapsed", !asBoolean(ctx.attr("collapsed")));
  });
  return {
    el,
    children,
    update() {
      const collapsed = asBoolean(ctx.attr("collapsed"));
      title.textContent = asString(ctx.attr("title"));
      header.hidden = asBoolean(ctx.attr("hideHeader"));
      header.setAttribute("aria-expanded", String(!collapsed));
      assign(header, "disabled", ctx.attr("collapsible") === false);
      header.style.background = asString(ctx.attr("headerBackground"));
      header.style.color = asString(ctx.attr("headerColor"));
      body.hidden = collapsed;
      place(
        body,
        children().map((id) => ctx.viewOf(id).el),
      );
    },
  };
}

export function renderAccordion(ctx: RenderContext): View {
  const el = h("div", { className: "aperture-accordion" });
  const children = () => refIds(ctx.attr("children"));
  const open = () => new Set(Array.isArray(ctx.attr("active")) ? (ctx.attr("active") as number[]) : []);
  el.addEventListener("click", (event) => {
    const header = (event.target as Element).closest<HTMLElement>(".aperture-card-header");
    if (header === null || header.parentElement?.parentElement !== el) return;
    const index = Number(header.dataset.card);
    const active = open();
    const opening = !active.has(index);
    const next =
      ctx.attr("toggle") === true
        ? opening
          ? [index]
          : []
        : opening
          ? [...active, index].sort((a, b) => a - b)
          : [...active].filter((i) => i !== index);
    ctx.set("active", next);
  });
  let shown = "";
  return {
    el,
    children,
    update() {
      const titles = stringsOf(ctx.attr("titles"));
      const ids = children();
      // Cards are rebuilt only when titles or children change, so a child keeps its focus and state.
      const key = JSON.stringify([titles, ids]);
      if (key !== shown) {
        shown = key;
        el.replaceChildren(
          ...ids.map((id, i) => {
            const { header, title } = cardHeader();
            header.dataset.card = String(i);
            title.textContent = titles[i] ?? "";
            return h("div", { className: "aperture-card" }, header, h("div", { className: "aperture-card-body" }, ctx.viewOf(id).el));
          }),
        );
      }
      const active = open();
      Array.from(el.children).forEach((card, i) => {
        card.querySelector(".aperture-card-header")!.setAttribute("aria-expanded", String(active.has(i)));
        (card.lastElementChild as HTMLElement).hidden = !active.has(i);
      });
    },
  };
}
