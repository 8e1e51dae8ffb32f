/**
 * Fresh server RSS (`--only=fresh-rss`): `aperture serve rolling` as an installed project runs
 * it (the built package: bin/, dist/ and package.json copied into node_modules/aperture of a
 * temp project, its dependencies linked from this checkout's node_modules), started `runs`
 * times; each start's RSS is read from /proc once it says it is serving, then it is stopped by
 * its handle. No request is made and no GC forced: what a server costs before its first page.
 */
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "./server-process.ts";
import { summarize, type Summary } from "./stats.ts";

export interface FreshRssResult {
  /** RSS of each fresh process once serving, bytes. */
  rss: Summary;
}

/** A project that installed the package, in a temp folder; removed by the caller. */
function installedProject(): string {
  if (!existsSync(join(PROJECT_ROOT, "dist/server/cli.js")))
    execFileSync("npm", ["run", "build:server"], { cwd: PROJECT_ROOT, stdio: "inherit" });
  const project = mkdtempSync(join(tmpdir(), "aperture-fresh-rss-"));
  const modules = join(project, "node_modules");
  mkdirSync(join(modules, "aperture"), { recursive: true });
  for (const name of readdirSync(join(PROJECT_ROOT, "node_modules")))
    symlinkSync(join(PROJECT_ROOT, "node_modules", name), join(modules, name));
  for (const part of ["bin", "dist", "package.json"])
    cpSync(join(PROJECT_ROOT, part), join(modules, "aperture", part), { recursive: true });
  cpSync(join(PROJECT_ROOT, "examples/rolling"), join(project, "rolling"), { recursive: true });
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "fresh-rss", private: true, type: "module" }));
  return project;
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;

/** One fresh start: its RSS once it prints that it is serving. */
async function oneStart(project: string): Promise<number> {
  const child = spawn(process.execPath, ["node_modules/aperture/bin/aperture.js", "serve", "rolling", "--port", "0"], {
    cwd: project,
    env: { ...process.env, NODE_OPTIONS: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = once(child, "exit");
  try {
    let output = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Aperture serving")) resolve();
      });
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.once("exit", (code) => reject(new Error(`aperture serve exited (${code}) before serving: ${output}`)));
    });
    return rssOf(child.pid!);
  } finally {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  }
}

export async function measureFreshRss(options: { runs: number }): Promise<FreshRssResult> {
  const project = installedProject();
  try {
    const samples: number[] = [];
    for (let run = 0; run < options.runs; run++) samples.push(await oneStart(project));
    return { rss: summarize(samples) };
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
