/**
 * Browser fixtures: a real `serve()` of the examples per worker, and pages that fail the
 * test on any uncaught page error.
 */
import { test as base, expect, type Page } from "@playwright/test";
import { loadApps, serve, silentLogger, type ApertureServer, type ServeOptions } from "../../server/index.ts";

export async function serveExamples(paths: string[], options: Partial<ServeOptions> = {}): Promise<ApertureServer> {
  return serve({ apps: await loadApps(paths), port: 0, logger: silentLogger(), ...options });
}

/** The client documents of the page, as `window.Aperture` exposes them. */
export async function clientDocs(page: Page): Promise<{ seq: number; sessionId: string }[]> {
  return page.evaluate(() =>
    (window as unknown as { Aperture: { documents: { seq: number; sessionId: string }[] } }).Aperture.documents.map((d) => ({
      seq: d.seq,
      sessionId: d.sessionId,
    })),
  );
}

/** The traces of the Plotly graph of the figure named `name` (as its graph div holds them). */
export function plotTraces(page: Page, name: string): Promise<{ x: unknown[]; y: number[] }[]> {
  return page.evaluate((figureName) => {
    const root = document.querySelector(`[data-aperture-name="${figureName}"]`);
    const graph = (root?.classList.contains("js-plotly-plot") ? root : root?.querySelector(".js-plotly-plot")) as
      (Element & { data?: { x: ArrayLike<unknown>; y: ArrayLike<number> }[] }) | null;
    return (graph?.data ?? []).map((trace) => ({ x: Array.from(trace.x ?? []), y: Array.from(trace.y ?? []) }));
  }, name);
}

export const test = base.extend<{ pageErrors: Error[] }>({
  pageErrors: async ({ page }, use) => {
    const errors: Error[] = [];
    page.on("pageerror", (error) => errors.push(error));
    await use(errors);
    expect(errors, "the page threw uncaught errors").toEqual([]);
  },
});

export { expect };
