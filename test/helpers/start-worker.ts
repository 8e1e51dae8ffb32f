/** `aperture worker …` as a child process, stopped (or killed) by its handle. */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface WorkerProcess {
  process: ChildProcess;
  output: () => string;
  /** SIGTERM (running jobs finish first) and waits for the exit. */
  stop(): Promise<void>;
}

/** Starts `aperture worker <args>` and resolves once it says it takes jobs. */
export function startWorker(args: string[]): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [`${ROOT}bin/aperture.js`, "worker", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (!/taking jobs from/.test(output)) return;
      resolve({
        process: child,
        output: () => output,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
    child.once("exit", (code) => reject(new Error(`aperture worker exited (${code}) before taking jobs:\n${output}`)));
  });
}
