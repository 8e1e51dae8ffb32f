/** GridBox (a CSS grid of its children), Spacer, and Tabs (one panel shown at a time). */
import { h } from "./dom.ts";
import { sizingOf } from "./sizing.ts";
import type { RenderContext, View } from "./view.ts";
import { asNumber, asOptionalNumber, asString, modelOf, refId, refIds } from "./values.ts";

/** Puts `wanted` in `el`, moving nothing when they are already there (moving resets focus). */
export function place(el: HTMLElement, wanted: HTMLElement[]): void {
  const same = wanted.length === el.children.length && wanted.every((child, i) => el.children[i] === child);
  if (!same) el.replaceChildren(...wanted);
}

/**
 * `ncols` columns while each stays at least as wide as its widest child's basis (sizing.ts);
 * a narrower container gets fewer columns, down to one, instead of crushed cells.
 */
function gridColumns(ncols: number, gap: number, cell: number): string {
  const share = `(100% - ${(ncols - 1) * gap}px) / ${ncols} - 0.1px`;
  return `repeat(auto-fill, minmax(min(100%, max(${cell}px, ${share})), 1fr))`;
}

export function renderGrid(ctx: RenderContext): View {
  const el = h("div", { className: "aperture-grid" });
  const children = () => refIds(ctx.attr("children"));
  return {
    el,
    children,
    deps: children,
    update() {
      const ncols = Math.max(1, Math.floor(asNumber(ctx.attr("ncols"), 2)));
      const gap = asNumber(ctx.attr("spacing"), 0);
      const cell = Math.max(0, ...children().map((id) => sizingOf(ctx.state(), id).basis ?? 0));
      el.style.gridTemplateColumns = gridColumns(ncols, gap, cell);
      el.style.gap = `${gap}px`;
      // Columns of fixed children need a width to count from (an auto-sized grid has one column).
      const natural = !sizingOf(ctx.state(), ctx.id).fillWidth && cell > 0;
      if (ctx.attr("width") === null || ctx.attr("width") === undefined)
        el.style.width = natural ? `${ncols * cell + (ncols - 1) * gap}px` : "";
      place(
        el,
        children().map((id) => ctx.viewOf(id).el),
      );
    },
  };
}

export function renderSpacer(ctx: RenderContext): View {
  const el = h("div", { className: "aperture-spacer" });
  return {
    el,
    update() {
      const width = asOptionalNumber(ctx.attr("width"));
      const height = asOptionalNumber(ctx.attr("height"));
      el.style.width = width === undefined ? "" : `${width}px`;
      el.style.height = height === undefined ? "" : `${height}px`;
    },
  };
}

/**
 * Every panel stays rendered and only hidden, so a plot keeps its zoom when its tab comes
 * back; the figure view re-fits its width when it is shown.
 */
export function renderTabs(ctx: RenderContext): View {
  const bar = h("div", { className: "aperture-tab-bar", role: "tablist" });
  const panels = h("div", { className: "aperture-tab-panels" });
  const el = h("div", { className: "aperture-tabs" }, bar, panels);
  const panelIds = () => refIds(ctx.attr("tabs"));
  const childOf = (panel: string) => refId(modelOf(ctx.state(), panel)?.attrs.child);
  const children = () =>
    panelIds()
      .map(childOf)
      .filter((id): id is string => id !== undefined);
  let titles = "";
  bar.addEventListener("click", (event) => {
    const tab = (event.target as Element).closest<HTMLElement>(".aperture-tab");
    if (tab !== null) ctx.set("active", Number(tab.dataset.tab));
  });
  return {
    el,
    children,
    deps: panelIds,
    update() {
      const ids = panelIds();
      const active = Math.min(Math.max(0, Math.floor(asNumber(ctx.attr("active"), 0))), Math.max(0, ids.length - 1));
      const names = ids.map((panel) => asString(modelOf(ctx.state(), panel)?.attrs.title));
      // Tab buttons are rebuilt only when the titles change, so the clicked one keeps its focus.
      if (JSON.stringify(names) !== titles) {
        titles = JSON.stringify(names);
        bar.replaceChildren(
          ...names.map((title, i) => {
            const tab = h("button", { type: "button", className: "aperture-tab", textContent: title });
            tab.setAttribute("role", "tab");
            tab.dataset.tab = String(i);
            return tab;
          }),
        );
      }
      Array.from(bar.children).forEach((tab, i) => tab.setAttribute("aria-selected", String(i === active)));
      const views = ids.map((panel) => childOf(panel)).map((id) => (id === undefined ? undefined : ctx.viewOf(id).el));
      views.forEach((child, i) => {
        if (child) child.hidden = i !== active;
      });
      place(
        panels,
        views.filter((child): child is HTMLElement => child !== undefined),
      );
    },
  };
}
