/**
 * Undo and redo of pans and zooms (Bokeh's UndoTool/RedoTool): the ranges shown before each
 * one, per figure view. Stepping back writes the ranges like a pan would, so linked figures
 * and the server follow.
 */
import type { RangeAttrs } from "./figure-spec.ts";
import { rangeWrites } from "./ranges.ts";
import type { RenderContext } from "./view.ts";

/** Steps kept each way (older ones are dropped). */
const KEPT_STEPS = 50;

export class RangeHistory {
  readonly #back: RangeAttrs[] = [];
  readonly #forward: RangeAttrs[] = [];

  /** Before a pan or zoom: what was shown. A new step forgets the steps undone. */
  record(shown: RangeAttrs): void {
    this.#back.push(shown);
    if (this.#back.length > KEPT_STEPS) this.#back.shift();
    this.#forward.length = 0;
  }

  /** The ranges to go back to (undefined: nothing to undo); `shown` can be redone. */
  undo(shown: RangeAttrs): RangeAttrs | undefined {
    const to = this.#back.pop();
    if (to !== undefined) this.#forward.push(shown);
    return to;
  }

  redo(shown: RangeAttrs): RangeAttrs | undefined {
    const to = this.#forward.pop();
    if (to !== undefined) this.#back.push(shown);
    return to;
  }
}

/** Writes ranges to the figure's range models, one patch per range; true when an interval limit changed what was asked. */
export function writeRanges(ctx: RenderContext, ranges: RangeAttrs): boolean {
  const writes = rangeWrites(ctx.state(), ctx.id, ranges);
  for (const write of writes) ctx.updateOther(write.range, write.attrs);
  return writes.some((write) => write.limited);
}
