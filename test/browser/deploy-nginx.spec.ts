/**
 * The deployment as docs/deployment.md builds it: `aperture gen nginx` and `aperture gen
 * systemd` (the real CLI) write the files; the two web processes run the units' own command
 * lines with the generated environment file; a real nginx serves the generated site file;
 * Chromium talks only to nginx.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "@playwright/test";
import { readClientFiles } from "../../server/http/client-files.ts";
import { startDeployment, type Deployment } from "../helpers/deployment.ts";
import type { Nginx } from "../helpers/nginx.ts";
import { freePort } from "../helpers/ports.ts";
import type { UnitProcess } from "../helpers/units.ts";
import { expect, test } from "./fixtures.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

let deployment: Deployment;
let nginx: Nginx;
let web: UnitProcess[];
let tlsUrl: string;
/** Uncaught errors of every page the tests open (they are the browser's pages, not the fixture's). */
const pageErrors: Error[] = [];

/**
 * The generated TLS block, enabled as docs/deployment.md says (uncommented), with the test's
 * self-signed certificate and a free loopback port instead of 443.
 */
function enableTls(conf: string, port: number): string {
  const start = conf.indexOf("# TLS: once you have a certificate");
  const end = conf.indexOf("# # … and send plain HTTP there");
  if (start < 0 || end < start) throw new Error("the generated file has no TLS block");
  const block = conf
    .slice(conf.indexOf("\n", start) + 1, end)
    .split("\n")
    .map((line) => line.replace(/^# ?/, ""))
    .join("\n")
    .replace("listen 443 ssl http2;", `listen 127.0.0.1:${port} ssl http2;`)
    .replace(/\n\s*listen \[::\]:443 ssl http2;/, "")
    .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${ROOT}test/fixtures/tls/cert.pem;`)
    .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${ROOT}test/fixtures/tls/key.pem;`);
  return `${conf.slice(0, start)}${block}`;
}

test.beforeAll(async () => {
  const tls = await freePort();
  deployment = await startDeployment({ app: "examples/notifications", procs: 2, editSite: (conf) => enableTls(conf, tls) });
  ({ nginx, web } = deployment);
  // A file only nginx's copy of the bundle has shows who served it.
  writeFileSync(join(deployment.dir, "static", "served-by-nginx.txt"), "nginx\n");
  tlsUrl = `https://127.0.0.1:${tls}`;
});

test.afterAll(async () => {
  await deployment?.stop();
});

/** Opens the inventory through nginx; `process` is the session id's mark (w0 or w1). */
async function openInventory(browser: Browser): Promise<{ page: Page; process: string; sessionId: () => Promise<string> }> {
  const page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(error));
  await page.goto(`${nginx.url}/notifications`);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  const sessionId = () =>
    page.evaluate(() => (window as unknown as { Aperture: { documents: { sessionId: string }[] } }).Aperture.documents[0]!.sessionId);
  const id = await sessionId();
  return { page, process: id.slice(0, id.indexOf("-")), sessionId };
}

test("the static bundle comes from nginx itself, everything else from the processes", async ({ request }) => {
  const marker = await request.get(`${nginx.url}/static/served-by-nginx.txt`);
  expect(marker.status()).toBe(200);
  const bundle = await request.get(`${nginx.url}/static/${readClientFiles().entry}`);
  expect(bundle.status()).toBe(200);
  expect(bundle.headers()["content-type"]).toContain("javascript");
  const index = await request.get(`${nginx.url}/`);
  expect(await index.text()).toContain("Aperture apps");
});

test("two pages on the two processes behind nginx: adding an item in one notifies the other", async ({ browser }) => {
  const first = await openInventory(browser);
  const firstId = await first.sessionId();
  // New sessions go to a process at random; open pages until one lands on the other process.
  const extra: Page[] = [];
  let second = await openInventory(browser);
  while (second.process === first.process && extra.length < 20) {
    extra.push(second.page);
    second = await openInventory(browser);
  }
  expect(second.process).not.toBe(first.process);

  await first.page.getByLabel("Name").fill("Itaipu");
  await first.page.getByLabel("Height (m)").fill("196");
  await first.page.getByRole("button", { name: "Add dam" }).click();
  await expect(second.page.locator('[data-aperture-name="notice"]')).toContainText("A new item has been added: Itaipu");
  await expect(second.page.locator('[data-aperture-name="list"]')).toContainText("Itaipu: 196 m");
  await expect(first.page.locator('[data-aperture-name="list"]')).toContainText("Itaipu: 196 m");

  // Sticky: every socket reached the process that held its session. A socket routed to the
  // other process would have been refused (4012) and the page would have started over.
  expect(await first.sessionId()).toBe(firstId);
  for (const unit of web) expect(unit.output()).not.toContain("refused a socket");
  expect(pageErrors).toEqual([]);
  await Promise.all([first.page, second.page, ...extra].map((page) => page.close()));
});

test("over TLS, the page's bundle and socket are https and wss (the processes believe nginx's X-Forwarded-Proto)", async ({ browser }) => {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error));
  const socket = page.waitForEvent("websocket", (ws) => ws.url().includes("/notifications/ws"));
  await page.goto(`${tlsUrl}/notifications`);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  // No token in the URL (it travels as a sub-protocol, so no access log can hold it).
  expect((await socket).url()).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/notifications\/ws$/);
  const modules = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .filter((name) => name.includes("/static/")),
  );
  expect(modules).toContain(`${tlsUrl}/static/${readClientFiles().entry}`);
  expect(modules.every((name) => name.startsWith(`${tlsUrl}/static/`))).toBe(true);
  await context.close();
});

test("a page whose process stops starts over on the other one, through the backup upstream", async ({ browser }) => {
  const page = await openInventory(browser);
  const index = Number(page.process.slice(1));
  await web[index]!.stop();
  // Its socket closes (4010); the reconnect goes to the stopped process's upstream, whose
  // backup is the other process: "session lost" (4012), and the page makes a new session.
  await expect(page.page.locator(".aperture-root")).toContainText("this page started a new session");
  await expect(page.page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  expect(await page.sessionId()).toMatch(new RegExp(`^w${1 - index}-`));
  expect(pageErrors).toEqual([]);
  await page.page.close();
});
