/** The real CLI (`aperture serve …`) as a child process, stopped by its handle. */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface CliServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** Resolves with the first line of the output (so far or later) that matches `pattern`. */
  waitForLine(pattern: RegExp): Promise<string>;
  stop(): Promise<void>;
}

/** Where the CLI runs from: this checkout by default, or a project that installed the package. */
export interface CliLocation {
  cwd: string;
  /** The `aperture` bin script to run with node. */
  bin: string;
}

/** How the CLI is started: `ownProcessGroup` makes it lead a process group, signalled as a terminal does (Ctrl-C). */
export interface CliSpawn {
  ownProcessGroup?: boolean;
}

/** Starts `aperture serve <args>` (on a free port unless they name one) and resolves once it prints its URL. */
export function startCli(
  args: string[],
  env: Record<string, string> = {},
  where: CliLocation = { cwd: ROOT, bin: `${ROOT}bin/aperture.js` },
  how: CliSpawn = {},
): Promise<CliServer> {
  // A port of the caller's (a restart on the same address), else any free one; first, since
  // whatever follows `--args` belongs to the apps.
  const port = args.includes("--port") ? [] : ["--port", "0"];
  const child = spawn(process.execPath, [where.bin, "serve", ...port, ...args], {
    cwd: where.cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: how.ownProcessGroup ?? false,
  });
  let output = "";
  const listeners = new Set<() => void>();
  const waitForLine = (pattern: RegExp) =>
    new Promise<string>((resolve) => {
      const check = () => {
        const line = output.split("\n").find((candidate) => pattern.test(candidate));
        if (line === undefined) return;
        listeners.delete(check);
        resolve(line);
      };
      listeners.add(check);
      check();
    });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let served = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const listener of [...listeners]) listener();
      const match = served ? null : /serving .* at (https?:\/\/\S+?)\/?\s/.exec(output);
      if (!match) return;
      served = true;
      resolve({
        url: match[1]!,
        process: child,
        output: () => output,
        waitForLine,
        async stop() {
          if (child.exitCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    };
    // Output after the URL line is kept too, for waitForLine and output().
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`aperture exited (${code}) before serving:\n${output}`)));
  });
}

/** Runs `aperture serve <args>` to its exit (a refused flag, `--help`): its exit code and output. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [`${ROOT}bin/aperture.js`, "serve", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

/** The pid of worker `index` of the CLI's primary process. */
export function workerPid(primary: number, index: number): number {
  const children = execFileSync("pgrep", ["-P", String(primary)])
    .toString()
    .trim()
    .split("\n")
    .map(Number);
  const pid = children.find((child) =>
    readFileSync(`/proc/${child}/environ`, "latin1").split("\0").includes(`APERTURE_WORKER_INDEX=${index}`),
  );
  if (!pid) throw new Error(`no worker ${index} among ${children.join(", ")}`);
  return pid;
}
