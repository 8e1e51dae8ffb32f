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
  return page.evaluate(() => (window as unknown as { Aperture: { documents: { seq: number; sessionId: string }[] } }).Aperture.documents.map((d) => ({ seq: d.seq, sessionId: d.sessionId })));
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
