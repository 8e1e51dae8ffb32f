/**
 * Where the document's roots go on the page: all into the app's element, or, on a page made
 * from a template, each named root into the `data-aperture-slot` of its name (a root added
 * later finds its slot too) and the others into the app's element, or nowhere when the
 * template has no `{{ embed }}` (as Bokeh shows only what the template embeds).
 */
export interface PlacedRoot {
  name: string | undefined;
  el: HTMLElement;
}

export type PlaceRoots = (roots: readonly PlacedRoot[]) => void;

export function intoElement(element: HTMLElement): PlaceRoots {
  return (roots) => element.replaceChildren(...roots.map((root) => root.el));
}

/** The page's slots by name (the first of a name wins), each styled as an app's element. */
export function findSlots(page: Document): Map<string, HTMLElement> {
  const slots = new Map<string, HTMLElement>();
  for (const slot of page.querySelectorAll<HTMLElement>("[data-aperture-slot]")) {
    const name = slot.dataset.apertureSlot!;
    if (slots.has(name)) continue;
    slot.classList.add("aperture-root");
    slots.set(name, slot);
  }
  return slots;
}

export function intoSlots(slots: ReadonlyMap<string, HTMLElement>, others: HTMLElement | undefined): PlaceRoots {
  return (roots) => {
    const filled = new Map<HTMLElement, HTMLElement[]>([...slots.values()].map((slot) => [slot, []]));
    const rest: HTMLElement[] = [];
    for (const root of roots) {
      const slot = root.name === undefined ? undefined : slots.get(root.name);
      if (slot) filled.get(slot)!.push(root.el);
      else rest.push(root.el);
    }
    for (const [slot, els] of filled) slot.replaceChildren(...els);
    // Without an {{ embed }}, a root no slot takes is not shown, as in Bokeh.
    if (others) others.replaceChildren(...rest);
    else rest.forEach((el) => el.remove());
  };
}
