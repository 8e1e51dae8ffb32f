/** The contract between the view manager and the renderer of each model type. */
import type { DocState, Json, ModelId, Value } from "../../server/protocol/index.ts";
import type { Changes } from "../patch/changes.ts";

export interface View {
  /** The model's root element; the manager stamps it with `data-aperture-id`/`-name`. */
  readonly el: HTMLElement;
  /**
   * Brings the element up to date with the document (after any of `deps()` changed).
   * `changes` says what changed, when known (a figure appends streamed rows with it).
   */
  update(changes?: Changes): void;
  /** Models besides its own whose changes this view shows (a figure's glyphs and sources). */
  deps?(): ModelId[];
  /** Models rendered inside this one (a layout's children). */
  children?(): ModelId[];
  dispose?(): void;
}

/** What a renderer may use: the document's state and writes, and the views of other models. */
export interface RenderContext {
  readonly id: ModelId;
  state(): DocState;
  attr(name: string): Value | undefined;
  set(attr: string, value: Value): void;
  update(attrs: Record<string, Value>): void;
  setOther(model: ModelId, attr: string, value: Value): void;
  /** Several attributes of another model in one patch (a shared range's `start` and `end`). */
  updateOther(model: ModelId, attrs: Record<string, Value>): void;
  /** Sets cells of a source's `data` (`{ column: [[row, value], …] }`), as an editable table's edit. */
  patchCells(model: ModelId, cells: Record<string, [number, Value][]>): void;
  event(name: string, payload?: Json): void;
  /** The view of another model, created on first use. */
  viewOf(id: ModelId): View;
}

export type Renderer = (ctx: RenderContext) => View;
