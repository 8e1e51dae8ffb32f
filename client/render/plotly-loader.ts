/**
 * Loads the plotly chunk once per page, on first use by a figure, and each trace type's chunk
 * once, on first use by a figure that draws it (plotly-bundle.ts). The figure view draws as
 * soon as they are in; until then it keeps collecting what changed (see plotly.ts).
 */
import type { PlotlyApi } from "plotly.js/lib/core";
import { TRACE_TYPES, type TraceType } from "./traces/index.ts";

type Bundle = typeof import("./plotly-bundle.ts");

let core: Promise<Bundle> | undefined;
const loading = new Map<TraceType, Promise<void>>();
const registered = new Set<TraceType>(["scatter"]);

function loadTrace(bundle: Bundle, type: TraceType): Promise<void> {
  if (type === "scatter") return Promise.resolve();
  let done = loading.get(type);
  if (done === undefined) {
    done = bundle.registerTrace(type).then(() => void registered.add(type));
    loading.set(type, done);
  }
  return done;
}

/** Plotly with every trace type of `types` registered. */
export function loadPlotly(types: Iterable<TraceType>): Promise<PlotlyApi> {
  core ??= import("./plotly-bundle.ts");
  const wanted = [...types];
  return core.then(async (bundle) => {
    await Promise.all(wanted.map((type) => loadTrace(bundle, type)));
    return bundle.default;
  });
}

const isTraceType = (type: unknown): type is TraceType => (TRACE_TYPES as readonly unknown[]).includes(type);

/** The trace types among `traces` that Plotly cannot draw yet (Plotly's default type is `scatter`). */
export function unregisteredTypes(traces: readonly { type?: unknown }[]): TraceType[] {
  const types = new Set(traces.map((trace) => trace.type ?? "scatter"));
  return [...types].filter(isTraceType).filter((type) => !registered.has(type));
}
