/**
 * The document an export draws: a whole Document, or one model as the only root (as Bokeh's
 * `export_png(obj)` does). A model of no document joins a document of its own for the
 * snapshot and leaves it afterwards; a model of a live document is exported as it is there.
 */
import { isModel } from "../document/brand.ts";
import { Document, engineOf } from "../document/document.ts";
import type { Model } from "../document/model.ts";
import type { DocState } from "../protocol/index.ts";

export interface ExportSize {
  width?: number | undefined;
  height?: number | undefined;
}

/** Bokeh's rule: `width` and `height` resize the exported model when it is a plot. */
const SIZED_TYPES = new Set(["Figure"]);

/** The state a page is sent (withheld columns out, derived attributes such as downsampling up to date). */
function wireStateOf(doc: Document): DocState {
  const engine = engineOf(doc);
  engine.flush();
  return engine.wireState();
}

function snapshotOf(target: Model | Document): DocState {
  if (!isModel(target)) return wireStateOf(target);
  if (target.document !== undefined) return { ...wireStateOf(target.document), roots: [target.id!] };
  const own = new Document();
  own.addRoot(target);
  try {
    return wireStateOf(own);
  } finally {
    own.clear();
  }
}

/** Whether the snapshot's only root is a plot, which `width` / `height` resize. */
export function sizesRoot(state: DocState): boolean {
  const [root, ...others] = state.roots;
  return root !== undefined && others.length === 0 && SIZED_TYPES.has(state.models[root]?.type ?? "");
}

/** The snapshot to draw, with a plot root given the export's size (the live model keeps its own). */
export function exportSnapshot(target: Model | Document, size: ExportSize): DocState {
  const state = snapshotOf(target);
  if (!sizesRoot(state) || (size.width === undefined && size.height === undefined)) return state;
  const id = state.roots[0]!;
  const model = state.models[id]!;
  const attrs = {
    ...model.attrs,
    ...(size.width === undefined ? {} : { width: size.width }),
    ...(size.height === undefined ? {} : { height: size.height }),
  };
  return { ...state, models: { ...state.models, [id]: { ...model, attrs } } };
}
