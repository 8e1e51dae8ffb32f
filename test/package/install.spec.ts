/**
 * The package as people get it: `npm pack` (which builds it), installed into a fresh project
 * outside this checkout, with nothing else; the npm registry provides its dependencies.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify, stripVTControlCharacters } from "node:util";
import { expect, plotTraces, test } from "../browser/fixtures.ts";
import { startCli, type CliServer } from "../helpers/start-cli.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const exec = promisify(execFile);
const INSTALL = ["install", "--no-audit", "--no-fund", "--loglevel=error"];

/** The README's hello app, as a new user copies it into a project of their own. */
const HELLO = /```ts\n(\/\/ hello\.ts[\s\S]*?)```/.exec(readFileSync(join(ROOT, "README.md"), "utf8"))![1]!;

/** As a fresh shell has it: without the checkout's "aperture-source" condition (playwright.config.ts). */
const PLAIN_ENV = { NODE_OPTIONS: "" };

/** Runs a command in `cwd`; resolves with its output, rejects with it on failure. */
async function run(command: string, args: string[], cwd: string): Promise<string> {
  const { stdout, stderr } = await exec(command, args, { cwd, env: { ...process.env, ...PLAIN_ENV }, maxBuffer: 64 * 1024 * 1024 });
  return stdout + stderr;
}

let work: string;
let tarball: string;
let hello: string;
let cli: CliServer | undefined;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  work = mkdtempSync(join(tmpdir(), "aperture-package-"));
  await run("npm", ["pack", "--pack-destination", work, "--loglevel=error"], ROOT);
  tarball = join(
    work,
    readdirSync(work).find((name) => name.endsWith(".tgz"))!,
  );
  hello = join(work, "hello");
  mkdirSync(hello);
  writeFileSync(join(hello, "package.json"), JSON.stringify({ name: "hello", private: true, type: "module" }));
  writeFileSync(join(hello, "hello.ts"), HELLO);
  await run("npm", [...INSTALL, tarball], hello);
});

test.afterAll(async () => {
  await cli?.stop();
  rmSync(work, { recursive: true, force: true });
});

test("the installed package holds the built code, the client bundle and no tests", () => {
  const installed = join(hello, "node_modules/aperture");
  expect(readdirSync(installed).sort()).toEqual(expect.arrayContaining(["bin", "dist", "package.json"]));
  expect(readdirSync(installed)).not.toContain("test");
  expect(readdirSync(installed)).not.toContain("server");
  expect(readdirSync(join(installed, "dist/client")).some((name) => name.endsWith(".js"))).toBe(true);
});

test("plain node imports the package and its subpaths, without tsx", async () => {
  const script = `const [a, t] = await Promise.all([import("aperture"), import("aperture/testing"), import("aperture/channels"), import("aperture/jobs"), import("aperture/params")]);
console.log(typeof a.serve, typeof t.openSession);`;
  expect(await run(process.execPath, ["--input-type=module", "-e", script], hello)).toContain("function function");
});

test("serves the README's hello in a project that installed only aperture, and its slider redraws the plot", async ({
  page,
  pageErrors,
}) => {
  test.setTimeout(120_000);
  cli = await startCli(["hello.ts"], PLAIN_ENV, { cwd: hello, bin: join(hello, "node_modules/aperture/bin/aperture.js") });
  await page.goto(`${cli.url}/hello`);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  const slider = page.locator('[data-aperture-name="k"] input[type="range"]');
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveValue("1.1");
  const x = Array.from({ length: 200 }, (_, i) => i / 20);
  await expect
    .poll(async () => (await plotTraces(page, "plot"))[0]?.y.map((v) => v.toFixed(9)))
    .toEqual(x.map((v) => Math.sin(1.1 * v).toFixed(9)));
  expect(pageErrors).toEqual([]);
});

test("serves a TypeScript app and the file it imports with plain Node, its errors naming the .ts file and line, and leaves nothing beside them", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const folder = join(hello, "boom");
  mkdirSync(folder);
  writeFileSync(
    join(folder, "check.ts"),
    "export function explode(reason: string): never {\n  // line 2\n  throw new Error(`no data: ${reason}`);\n}\n",
  );
  writeFileSync(
    join(folder, "app.ts"),
    'import type { Document } from "aperture";\nimport { explode } from "./check.ts";\nexport default function boom(_doc: Document): void {\n  explode("buoy offline");\n}\n',
  );
  const server = await startCli(["boom"], PLAIN_ENV, { cwd: hello, bin: join(hello, "node_modules/aperture/bin/aperture.js") });
  try {
    await page.goto(`${server.url}/boom`);
    // The frame as logged, without the colours a FORCE_COLOR from the runner may add to it.
    const logged = stripVTControlCharacters(await server.waitForLine(/check\.ts:3:\d+/));
    expect(logged).toContain(`${join(folder, "check.ts")}:3:`);
    expect(server.output()).toContain("no data: buoy offline");
    expect(readdirSync(folder).sort()).toEqual(["app.ts", "check.ts"]);
  } finally {
    await server.stop();
  }
});

test("aperture init makes a project whose npm test passes at once, and whose tsc catches a misspelt attribute", async () => {
  test.setTimeout(600_000);
  await run(process.execPath, [join(hello, "node_modules/aperture/bin/aperture.js"), "init", "my-app", "--aperture", tarball], work);
  const app = join(work, "my-app");
  await run("npm", INSTALL, app);
  expect(await run("npm", ["test"], app)).toMatch(/pass 2/);
  writeFileSync(join(app, "test/typo.ts"), `import { Slider } from "aperture";\nnew Slider().onChange("valeu", () => {});\n`);
  const typecheck = run("npx", ["tsc", "-p", "."], app);
  await expect(typecheck).rejects.toMatchObject({ stdout: expect.stringContaining(`"valeu"`) });
});
