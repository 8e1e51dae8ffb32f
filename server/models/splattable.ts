/**
 * Bokeh's "splattable" lists: `plot.xaxis` is every x axis of the plot, and setting an
 * attribute on the list sets it on each (`plot.yaxis.formatter = …`, `plot.xgrid.visible = false`).
 * Reading one reads the first item's; indexing and array methods work as on the list.
 */
import type { Model } from "../document/model.ts";

export type Splattable<M> = M & readonly M[];

export function splattable<M extends Model>(items: M[]): Splattable<M> {
  return new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === "symbol" || key in target) return Reflect.get(target, key, receiver) as unknown;
      const first = target[0];
      return first === undefined ? undefined : first.getAttr(key);
    },
    set(target, key, value) {
      if (typeof key === "symbol" || key in target) return false;
      for (const item of target) item.setAttr(key, value);
      return true;
    },
  }) as unknown as Splattable<M>;
}
