import type { Page, WebSocketRoute } from "@playwright/test";
import live from "../fixtures/apps/live.ts";
import { serve, silentLogger, type ApertureServer } from "../../server/index.ts";
import type { Session } from "../../server/session/session.ts";
import { expect, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeEach(async () => {
  server = await serve({ apps: { live }, port: 0, logger: silentLogger() });
});
test.afterEach(() => server.close());

/** Typed arrays become plain arrays, so the page's and the server's documents compare as JSON. */
const plain = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_key, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));

async function clientState(page: Page): Promise<{ seq: number; state: unknown }> {
  return page.evaluate(() => {
    const doc = (window as unknown as { Aperture: { documents: { seq: number; state: unknown }[] } }).Aperture.documents[0]!;
    return {
      seq: doc.seq,
      state: JSON.parse(JSON.stringify(doc.state, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v))),
    };
  });
}

function onlySession(): Session {
  const [session] = server.runtime.sessions.all();
  if (!session) throw new Error("no session");
  return session;
}

/** Stops the stream on the server, then waits until the page holds exactly the server's document. */
async function expectPageEqualsServer(page: Page): Promise<void> {
  const session = onlySession();
  session.doc.getModelByName("running")!.setAttr("active", false);
  session.engine.flush();
  await expect.poll(async () => (await clientState(page)).seq).toBe(session.engine.seq);
  const client = await clientState(page);
  expect(client.state).toEqual(plain(session.engine.state));
}

async function rowsStreamed(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = (
      window as unknown as {
        Aperture: { documents: { state: { models: Record<string, { name?: string; attrs: { data?: { x: ArrayLike<number> } } }> } }[] };
      }
    ).Aperture.documents[0]!;
    const source = Object.values(doc.state.models).find((m) => m.name === "source");
    return source?.attrs.data?.x.length ?? 0;
  });
}

test("a socket dropped by the server mid-stream resumes the same session and ends equal to the server", async ({ page, pageErrors }) => {
  await page.goto(server.appUrls.live!);
  const root = page.locator(".aperture-root");
  await expect(root).toHaveAttribute("data-sync-status", "synced");
  await expect.poll(() => rowsStreamed(page)).toBeGreaterThan(5);
  const sessionId = onlySession().id;

  onlySession().socket!.terminate();
  await expect(root).toHaveAttribute("data-sync-status", "offline");
  await expect(root).toHaveAttribute("data-sync-status", "synced");
  expect(onlySession().id).toBe(sessionId);
  await expectPageEqualsServer(page);
  expect(pageErrors).toEqual([]);
});

test("a socket dropped on the page's side mid-stream resumes, and changes made offline arrive in order", async ({ page, pageErrors }) => {
  let offline = false;
  let current: WebSocketRoute | undefined;
  await page.routeWebSocket(/\/live\/ws/, (ws) => {
    // While "offline", every reconnect attempt fails at once, as on a dead network.
    if (offline) return void ws.close({ code: 1006, reason: "offline" });
    current = ws;
    ws.connectToServer();
  });
  await page.goto(server.appUrls.live!);
  const root = page.locator(".aperture-root");
  await expect(root).toHaveAttribute("data-sync-status", "synced");
  await expect.poll(() => rowsStreamed(page)).toBeGreaterThan(5);

  offline = true;
  await current!.close({ code: 1006, reason: "network blip" });
  await expect(root).toHaveAttribute("data-sync-status", "offline");
  const slider = page.locator('[data-aperture-name="slider"] input[type="range"]');
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await page.getByRole("button", { name: "Mark" }).click();
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveValue("3");

  offline = false;
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(root).toHaveAttribute("data-sync-status", "synced");
  await expect(page.locator('[data-aperture-name="log"]')).toHaveText(/^value:1 click@1 .*value:3$/);
  await expectPageEqualsServer(page);
  expect(pageErrors).toEqual([]);
});
