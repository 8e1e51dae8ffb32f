/** `aperture worker …` as a child process, stopped (or killed) by its handle. */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface WorkerProcess {
  process: ChildProcess;
  output: () => string;
  /** Settles with the supervisor's exit code (null if a signal ended it). */
  exited: Promise<number | null>;
  /** SIGTERM (running jobs finish first) and waits for the exit. */
  stop(): Promise<void>;
  /** Resolves once the output matches `pattern` (already, or later); rejects if the process exits first. */
  waitForOutput(pattern: RegExp): Promise<void>;
}

/**
 * Starts `aperture worker <args>` and resolves once it says it takes jobs. With `group`, it
 * leads a process group of its own, so a test can signal the group as systemd and
 * supervisor's `stopasgroup` do (`process.kill(-pid, …)`).
 */
export function startWorker(args: string[], { group = false } = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [`${ROOT}bin/aperture.js`, "worker", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    detached: group,
  });
  let output = "";
  const listeners = new Set<() => void>();
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    listeners.forEach((listener) => listener());
  };
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  const waitForOutput = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => pattern.test(output) && (listeners.delete(check), resolve());
      listeners.add(check);
      check();
      void exited.then(() => listeners.has(check) && reject(new Error(`aperture worker exited before printing ${pattern}:\n${output}`)));
    });
  const worker: WorkerProcess = {
    process: child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
    waitForOutput,
  };
  return waitForOutput(/taking jobs from/).then(() => worker);
}
