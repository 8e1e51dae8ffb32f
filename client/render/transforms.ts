/**
 * Transforms a field goes through before it is drawn: color mappers (linear, log,
 * categorical), marker mappers, jitter and dodge. Each is a model the renderer names.
 */
import type { DocState, ModelId, Value } from "../../server/protocol/index.ts";
import { modelOf } from "./values.ts";

type Transform = (attrs: Record<string, Value>, values: ArrayLike<unknown>) => ArrayLike<unknown>;

const TRANSFORMS: Readonly<Record<string, Transform>> = {};

export function applyTransform(state: DocState, id: ModelId | undefined, values: ArrayLike<unknown>): ArrayLike<unknown> {
  const model = modelOf(state, id);
  const transform = model !== undefined && Object.hasOwn(TRANSFORMS, model.type) ? TRANSFORMS[model.type] : undefined;
  return transform === undefined ? values : transform(model!.attrs, values);
}
