/** Reading a figure's Plotly graph and draw counters, and the page's documents, in the browser. */
import type { Page } from "@playwright/test";

export interface GraphState {
  /** Points per trace, and the last few x values of the first trace. */
  lengths: number[];
  tailX: number[];
  selected: (number[] | null)[];
  stats: { reacts: number; extends: number; reactMs: number[]; appendMs: number[] } | null;
}

export function graphState(page: Page, name: string): Promise<GraphState> {
  return page.evaluate((figureName) => {
    const root = document.querySelector<
      HTMLElement & { apertureStats?: GraphState["stats"]; data?: { x: ArrayLike<number>; selectedpoints?: ArrayLike<number> }[] }
    >(`[data-aperture-name="${figureName}"]`);
    const traces = root?.data ?? [];
    return {
      lengths: traces.map((trace) => trace.x?.length ?? 0),
      tailX: Array.from(traces[0]?.x ?? []).slice(-3),
      selected: traces.map((trace) => (trace.selectedpoints ? Array.from(trace.selectedpoints) : null)),
      stats: root?.apertureStats ? (JSON.parse(JSON.stringify(root.apertureStats)) as GraphState["stats"]) : null,
    };
  }, name);
}

/** A column of a source (by model name) as the page's document holds it. */
export function clientColumn(page: Page, source: string, column: string): Promise<unknown[]> {
  return page.evaluate(
    ([sourceName, columnName]) => {
      const doc = (
        window as unknown as {
          Aperture: { documents: { state: { models: Record<string, { name?: string; attrs: Record<string, unknown> }> } }[] };
        }
      ).Aperture.documents[0]!;
      const model = Object.values(doc.state.models).find((m) => m.name === sourceName);
      const data = model?.attrs.data as Record<string, ArrayLike<unknown>> | undefined;
      return Array.from(data?.[columnName!] ?? []);
    },
    [source, column],
  );
}

/** Asks the server for the whole document and resolves once its answer (doc, then ack) is in. */
export async function pullRoundTrip(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const doc = (window as unknown as { Aperture: { documents: { seq: number; pending: Map<number, string>; pullDoc(): void }[] } })
      .Aperture.documents[0]!;
    doc.pullDoc();
    const reqId = Math.max(...doc.pending.keys());
    // The ack of this pull removes it from `pending`; the doc it follows has been applied by then.
    await new Promise<void>((resolve) => {
      const check = () => (doc.pending.has(reqId) ? requestAnimationFrame(check) : resolve());
      check();
    });
    return doc.seq;
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
