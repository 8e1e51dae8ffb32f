/**
 * A range model's options as Plotly axis attributes: `bounds` (incl. `"auto"`) as
 * `minallowed`/`maxallowed`, and, while a DataRange1d fits its data, `rangePadding`, `flipped`
 * and `follow`/`followInterval`. Applied on each full redraw (rows appended by streaming
 * extend the traces only; the followed window moves on the next redraw).
 */
import type { DocState, ModelId, Value } from "../../server/protocol/index.ts";
import type { PlotlyObject } from "./figure-spec.ts";
import { endsOf } from "./ranges.ts";
import { asNumber, asOptionalNumber, asString, modelOf } from "./values.ts";

type Attrs = Readonly<Record<string, Value>>;

/** The window a DataRange1d shows of its data `[lo, hi]`: padded, followed, flipped. */
function fitted(a: Attrs, [lo, hi]: [number, number]): [number, number] | undefined {
  const interval = asOptionalNumber(a.followInterval);
  const follow = asString(a.follow);
  let ends: [number, number] | undefined;
  if ((follow === "end" || follow === "start") && interval !== undefined)
    ends = follow === "end" ? [hi - interval, hi] : [lo, lo + interval];
  const padding = asNumber(a.rangePadding, 0.1);
  const absolute = asString(a.rangePaddingUnits) === "absolute";
  if (ends === undefined && (padding !== 0.1 || absolute)) {
    const pad = absolute ? padding : ((hi - lo) * padding) / 2;
    ends = [lo - pad, hi + pad];
  }
  return ends !== undefined && a.flipped === true ? [ends[1], ends[0]] : ends;
}

/** Plotly attributes for the axis drawn from range `range`, given its data's extent. */
export function rangeOptions(
  state: DocState,
  range: ModelId | undefined,
  extent: [number, number] | undefined,
  log: boolean,
): PlotlyObject {
  const model = modelOf(state, range);
  if (model === undefined) return {};
  const a = model.attrs;
  const toAxis = (v: number) => (log ? Math.log10(v) : v);
  const out: PlotlyObject = {};
  const ends = endsOf(state, range);
  if (ends === undefined && model.type === "DataRange1d" && extent !== undefined) {
    const window = fitted(a, extent);
    if (window !== undefined) Object.assign(out, { autorange: false, range: window.map(toAxis) });
    else if (a.flipped === true) out.autorange = "reversed";
  }
  const bounds = a.bounds === "auto" ? (ends ?? extent) : Array.isArray(a.bounds) ? a.bounds : undefined;
  const [min, max] = (bounds ?? []).map((v) => asOptionalNumber(v));
  if (min !== undefined) out.minallowed = toAxis(Math.min(min, max ?? min));
  if (max !== undefined) out.maxallowed = toAxis(Math.max(max, min ?? max));
  return out;
}
