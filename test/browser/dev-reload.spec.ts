/**
 * `aperture serve --dev` through the real CLI, on a copy of the rolling example in a temp
 * folder: saving a file reloads the open page into a new session of the new code; a broken
 * save shows its error in the page and the terminal; the next good save recovers.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { startCli, type CliServer } from "../helpers/start-cli.ts";
import { expect, test } from "./fixtures.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

let dir: string;
let cli: CliServer;

/** A project of its own: the app imports "aperture" as an installed package would. */
function copyApp(): string {
  const project = mkdtempSync(join(tmpdir(), "aperture-dev-"));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "dev-test", type: "module", private: true }));
  mkdirSync(join(project, "node_modules"));
  symlinkSync(ROOT, join(project, "node_modules", "aperture"), "dir");
  cpSync(join(ROOT, "examples", "rolling"), join(project, "rolling"), { recursive: true });
  return project;
}

/** The rolling example's last line, and the same with a syntax error (one parenthesis short). */
const ADD_ROOT = "doc.addRoot(column(row(slider, themes), plot));";
const BROKEN_ADD_ROOT = ADD_ROOT.replace("));", ");");

function edit(file: string, from: string, to: string): void {
  const path = join(dir, "rolling", file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  writeFileSync(path, text.replace(from, to));
}

const sessionIdOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { Aperture: { documents: { sessionId: string }[] } }).Aperture.documents[0]!.sessionId);

/**
 * A reload forks a process and loads the apps' TypeScript afresh: seconds on a loaded machine,
 * so the steps that wait for one allow more than the default 15 s (a bound, not a wait).
 */
const RELOADED = { timeout: 45_000 };

/** The page is synced and its reload socket listens: a save from now on reaches it. */
async function watching(page: Page): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("data-aperture-dev", "watching");
}

test.beforeEach(async () => {
  dir = copyApp();
  cli = await startCli([join(dir, "rolling"), "--dev"]);
});

test.afterEach(async () => {
  await cli?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("saving the app or a module it imports reloads the page into a new session of the new code", async ({ page, pageErrors }) => {
  test.slow(); // three reloads, each a new process
  await page.goto(`${cli.url}/rolling`);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await expect(page.getByText("Smoothing by N Days")).toBeVisible();
  await watching(page);
  const before = await sessionIdOf(page);

  edit("app.ts", `title: "Smoothing by N Days"`, `title: "Smoothing window (days)"`);
  await expect(page.getByText("Smoothing window (days)")).toBeVisible(RELOADED);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  const after = await sessionIdOf(page);
  expect(after).not.toBe(before);
  await watching(page);

  // A module the app imports is loaded afresh too (a new process, not a re-imported file).
  writeFileSync(
    join(dir, "rolling", "data.ts"),
    `${readFileSync(join(dir, "rolling", "data.ts"), "utf8")}\nexport const LABEL = "Label from data.ts, first";\n`,
  );
  const app = readFileSync(join(dir, "rolling", "app.ts"), "utf8");
  writeFileSync(
    join(dir, "rolling", "app.ts"),
    app.replace("import { rollingMean,", "import { LABEL, rollingMean,").replace(`title: "Smoothing window (days)"`, "title: LABEL"),
  );
  await expect(page.getByText("Label from data.ts, first")).toBeVisible(RELOADED);
  await watching(page);
  edit("data.ts", "Label from data.ts, first", "Label from data.ts, second");
  await expect(page.getByText("Label from data.ts, second")).toBeVisible(RELOADED);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  expect(pageErrors).toEqual([]);
});

test("a broken save shows its error in the page and the terminal; the next save recovers", async ({ page, pageErrors }) => {
  test.slow(); // three reloads, each a new process
  await page.goto(`${cli.url}/rolling`);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await watching(page);

  // A syntax error: the module does not load at all.
  edit("app.ts", ADD_ROOT, BROKEN_ADD_ROOT);
  const error = page.locator(".aperture-load-error");
  await expect(error).toContainText(`the app "rolling" failed to start`, RELOADED);
  await expect(error).toContainText("app.ts:");
  await expect(error).toContainText('Expected ")"');
  expect(cli.output()).toContain("app rolling failed to load");
  await watching(page);

  // Fixed, but the handler throws when it runs: a runtime error, shown the same way.
  edit("app.ts", BROKEN_ADD_ROOT, `throw new Error("no data for this buoy");`);
  await expect(error).toContainText("no data for this buoy", RELOADED);
  await expect.poll(() => cli.output()).toContain("the handler failed while creating a session");
  await watching(page);

  edit("app.ts", `throw new Error("no data for this buoy");`, ADD_ROOT);
  await expect(page.getByText("Smoothing by N Days")).toBeVisible(RELOADED);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await expect(error).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
