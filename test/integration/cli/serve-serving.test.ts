/** `aperture serve`'s flags for what is served and how it starts, each shown against the real CLI. */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { SERVE_FLAGS } from "../../../server/commands/serve-flags.ts";
import { runCli, startCli, type CliServer } from "../../helpers/start-cli.ts";
import { createSession } from "../../helpers/ws-client.ts";

const PROBE = "test/fixtures/apps/probe.ts";
const dir = mkdtempSync(join(tmpdir(), "aperture-serve-flags-"));

describe("aperture serve: serving", () => {
  let cli: CliServer | undefined;
  afterEach(async () => {
    await cli?.stop();
    cli = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("--help lists every flag of the table", async () => {
    const { code, output } = await runCli(["--help"]);
    expect(code).toBe(0);
    const flags = Object.values(SERVE_FLAGS).flatMap((table) => Object.keys(table));
    expect(flags.length).toBeGreaterThan(40);
    for (const flag of flags) expect(output).toContain(`--${flag}`);
  });

  it("refuses an unknown flag and a bad number, naming the flag", async () => {
    expect((await runCli([PROBE, "--keep-alive", "soon"])).output).toContain("--keep-alive must be an integer ≥ 0, got soon");
    const unknown = await runCli([PROBE, "--no-such-flag"]);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain("--no-such-flag");
  });

  it("--index <file> serves that template at /, its {{ items }} the apps' links", async () => {
    const template = join(dir, "index.html");
    writeFileSync(template, "<!doctype html><title>Ours</title><main>{{ items }}</main><p>prefix={{ prefix }}</p>");
    cli = await startCli([PROBE, "--index", template, "--prefix", "/apps"]);
    const page = await (await fetch(`${cli.url}/`)).text();
    expect(page).toContain("<title>Ours</title>");
    expect(page).toContain('<main><ul>\n<li><a href="/apps/probe">probe</a></li>\n</ul></main>');
    expect(page).toContain("prefix=/apps");
  });

  it("--index none serves no index at /, and the apps still", async () => {
    cli = await startCli([PROBE, "--index", "none"]);
    expect((await fetch(`${cli.url}/`)).status).toBe(404);
    expect((await fetch(`${cli.url}/probe`)).status).toBe(200);
  });

  it("--glob serves every app a pattern matches (for callers without a shell)", async () => {
    cli = await startCli(["--glob", "test/fixtures/apps/{light,probe}.ts"]);
    expect(cli.output()).toMatch(/serving 2 apps/);
    expect((await fetch(`${cli.url}/light`)).status).toBe(200);
    expect((await fetch(`${cli.url}/probe`)).status).toBe(200);
  });

  it("--args gives the apps everything after it as doc.session.argv, after the app's path (sys.argv)", async () => {
    cli = await startCli([PROBE, "--args", "foo", "--bar", "baz"]);
    expect(await cli.waitForLine(/^probe loaded /)).toBe(`probe loaded ${JSON.stringify({ argv: [PROBE, "foo", "--bar", "baz"] })}`);
    await createSession(`${cli.url}/probe`);
    const session = JSON.parse((await cli.waitForLine(/^probe session /)).slice("probe session ".length)) as { argv: string[] };
    expect(session.argv).toEqual([PROBE, "foo", "--bar", "baz"]);
  });

  it("--show logs the command it would run when there is no browser", async () => {
    // A PATH with no opener on it, and no $BROWSER: a headless machine.
    const empty = mkdtempSync(join(dir, "bin-"));
    cli = await startCli([PROBE, "--show"], { PATH: empty, BROWSER: "" });
    const line = await cli.waitForLine(/--show:/);
    expect(line).toContain(`no browser found; open ${cli.url}/probe yourself (would run: xdg-open ${cli.url}/probe)`);
  });

  it("--show runs $BROWSER with each app's page", async () => {
    const opened = join(dir, "opened.txt");
    const browser = join(dir, "fake-browser");
    writeFileSync(browser, `#!/bin/sh\necho "$1" >> ${opened}\n`);
    chmodSync(browser, 0o755);
    cli = await startCli([PROBE, "--show"], { BROWSER: browser });
    await expect.poll(() => existsSync(opened) && readFileSync(opened, "utf8")).toBe(`${cli.url}/probe\n`);
  });
});
