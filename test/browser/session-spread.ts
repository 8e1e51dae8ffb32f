/**
 * Forty sessions made the ways a browser and an API client make them, and how they spread
 * over processes (issue 11 item 3): shared by the `--num-procs` spec and the nginx one.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext } from "@playwright/test";
import { clientDocs, expect } from "./fixtures.ts";

/** Where the sessions are made: the app's page, another site's page embedding it twice, its session route. */
export interface SessionSources {
  pageUrl: string;
  embeddingSiteUrl: string;
  /** `POST` here makes a session (`/<app>/session`), from `origin`. */
  sessionUrl: string;
  origin: string;
}

/** Another site, whose page embeds the app twice; `autoloadUrl` is read per request (known once the app runs). */
export async function startEmbeddingSite(autoloadUrl: () => string): Promise<{ url: string; host: string; close(): Promise<void> }> {
  const site = createServer((_request, response) => {
    const embed = `<script src="${autoloadUrl()}"></script>`;
    response.end(`<!doctype html><body>${embed}<hr>${embed}</body>`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(site.address() as AddressInfo).port}`;
  return { url: `http://${host}/`, host, close: () => new Promise((resolve) => site.close(() => resolve())) };
}

/** Opens `url` in a new tab of `context` and resolves with the session ids of its synced documents. */
async function sessionsOfPage(context: BrowserContext, url: string, documents: number): Promise<string[]> {
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.locator('.aperture-root[data-sync-status="synced"]')).toHaveCount(documents);
  return (await clientDocs(page)).map((doc) => doc.sessionId);
}

/** Sessions an API client makes over one kept-alive connection, as `fetch` in Node does. */
async function apiSessions(sources: SessionSources, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(sources.sessionUrl, { method: "POST", headers: { Origin: sources.origin } });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    ids.push(token.split(".")[0]!);
  }
  return ids;
}

/**
 * 24 page views in waves of four tabs, 8 embeds (2 per page of another site) and 8 API
 * sessions; the tabs stay open, in one context, so they share the browser's kept-alive
 * connections as a person's tabs do. Resolves with the 40 session ids.
 */
export async function fortySessions(browser: Browser, sources: SessionSources): Promise<string[]> {
  const context = await browser.newContext();
  const ids: string[] = [];
  for (let wave = 0; wave < 6; wave++) {
    const pages = await Promise.all(Array.from({ length: 4 }, () => sessionsOfPage(context, sources.pageUrl, 1)));
    ids.push(...pages.flat());
  }
  for (let wave = 0; wave < 2; wave++) {
    const embeds = await Promise.all(Array.from({ length: 2 }, () => sessionsOfPage(context, sources.embeddingSiteUrl, 2)));
    ids.push(...embeds.flat());
  }
  ids.push(...(await apiSessions(sources, 8)));
  await context.close();
  return ids;
}

/** Sessions per process, by the `w<i>-` mark of their ids. */
export function sessionsPerProcess(ids: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const process = id.slice(0, id.indexOf("-"));
    counts.set(process, (counts.get(process) ?? 0) + 1);
  }
  return counts;
}

/** Every one of `procs` processes holds some of the sessions, none more than twice its share. */
export function expectSpread(ids: string[], procs: number): void {
  expect(new Set(ids).size).toBe(ids.length);
  const counts = sessionsPerProcess(ids);
  expect([...counts.keys()].sort()).toEqual(Array.from({ length: procs }, (_, index) => `w${index}`));
  for (const count of counts.values()) expect(count).toBeLessThanOrEqual((2 * ids.length) / procs);
}
