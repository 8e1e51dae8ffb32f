/** Keeps one view per rendered model and re-renders only the views whose models changed. */
import type { ModelId } from "../../server/protocol/index.ts";
import type { ClientDocument } from "../document.ts";
import type { Changes } from "../patch/changes.ts";
import { h } from "./dom.ts";
import { applyCommon, disposeCommon } from "./common.ts";
import type { PlaceRoots } from "./root-slots.ts";
import { rendererFor } from "./registry.ts";
import { sizingOf } from "./sizing.ts";
import type { RenderContext, View } from "./view.ts";
import { modelOf } from "./values.ts";

export class ViewManager {
  readonly #place: PlaceRoots;
  readonly #doc: ClientDocument;
  readonly #views = new Map<ModelId, View>();

  constructor(place: PlaceRoots, doc: ClientDocument) {
    this.#place = place;
    this.#doc = doc;
  }

  update(changes: Changes): void {
    for (const [id, view] of [...this.#views]) {
      const model = modelOf(this.#doc.state, id);
      // A removed model's view goes once no layout holds it (see #collect).
      if (!this.#views.has(id) || model === undefined) continue;
      if (!changes.models.has(id) && !(view.deps?.() ?? []).some((dep) => changes.models.has(dep))) continue;
      if (model.type !== view.el.dataset.apertureType) {
        this.#replace(id, view);
      } else {
        this.#stamp(id, view.el);
        view.update(changes);
      }
    }
    if (changes.roots)
      this.#place(this.#doc.state.roots.map((id) => ({ name: modelOf(this.#doc.state, id)?.name, el: this.viewOf(id).el })));
    this.#collect();
  }

  viewOf(id: ModelId): View {
    const existing = this.#views.get(id);
    if (existing !== undefined) return existing;
    const view = this.#create(id);
    this.#views.set(id, view);
    view.update();
    return view;
  }

  #create(id: ModelId): View {
    const model = modelOf(this.#doc.state, id);
    const renderer = model === undefined ? undefined : rendererFor(model.type);
    if (model === undefined || renderer === undefined) {
      console.warn(`[aperture] nothing renders model ${id} (${model === undefined ? "missing" : model.type})`);
      const el = h("div", { hidden: true });
      this.#stamp(id, el);
      return { el, update: () => {} };
    }
    const view = renderer(this.#context(id));
    this.#stamp(id, view.el);
    return view;
  }

  /** A model whose type changed gets a new view in its old place. */
  #replace(id: ModelId, old: View): void {
    this.#views.delete(id);
    const view = this.viewOf(id);
    old.el.replaceWith(view.el);
    disposeCommon(old.el);
    old.dispose?.();
  }

  #stamp(id: ModelId, el: HTMLElement): void {
    const model = modelOf(this.#doc.state, id);
    el.dataset.apertureId = id;
    el.dataset.apertureType = model?.type ?? "";
    if (model?.name) el.dataset.apertureName = model.name;
    else delete el.dataset.apertureName;
    if (model !== undefined) applyCommon(el, model.attrs, sizingOf(this.#doc.state, id));
  }

  /** Disposes views no root reaches any more (a layout dropped them, a model was removed). */
  #collect(): void {
    const reachable = new Set<ModelId>();
    const visit = (id: ModelId) => {
      const view = this.#views.get(id);
      if (view === undefined || reachable.has(id)) return;
      reachable.add(id);
      view.children?.().forEach(visit);
    };
    this.#doc.state.roots.forEach(visit);
    for (const [id, view] of this.#views) {
      if (reachable.has(id)) continue;
      this.#views.delete(id);
      view.el.remove();
      disposeCommon(view.el);
      view.dispose?.();
    }
  }

  /** Removes every view (the document is over). */
  dispose(): void {
    for (const view of this.#views.values()) {
      view.el.remove();
      disposeCommon(view.el);
      view.dispose?.();
    }
    this.#views.clear();
  }

  #context(id: ModelId): RenderContext {
    const doc = this.#doc;
    return {
      id,
      state: () => doc.state,
      attr: (name) => {
        const attrs = modelOf(doc.state, id)?.attrs;
        return attrs !== undefined && Object.hasOwn(attrs, name) ? attrs[name] : undefined;
      },
      set: (attr, value) => doc.set(id, attr, value),
      update: (attrs) => doc.update(id, attrs),
      setOther: (model, attr, value) => doc.set(model, attr, value),
      updateOther: (model, attrs) => doc.update(model, attrs),
      patchCells: (model, cells) => doc.patchCells(model, cells),
      event: (name, payload) => doc.event(id, name, payload),
      viewOf: (child) => this.viewOf(child),
    };
  }
}
