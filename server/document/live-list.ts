/**
 * A list attribute read from a live model (`layout.children`) that writes itself back when
 * changed in place, as Bokeh's property lists do: `layout.children[1] = plot` and
 * `layout.children.push(plot)` set the attribute to the changed list (validated like any
 * set), instead of changing a copy that would be lost.
 */
export function liveList<T>(items: T[], write: (items: T[]) => void): T[] {
  return new Proxy(items, {
    set(target, key, value) {
      Reflect.set(target, key, value);
      // Array methods move items through holes (splice deletes, then sets `length`): write
      // when the list is whole again.
      if (Object.keys(target).length === target.length) write([...target]);
      return true;
    },
  });
}
