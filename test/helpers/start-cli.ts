/** The real CLI (`aperture serve …`) as a child process, stopped by its handle. */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface CliServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Where the CLI runs from: this checkout by default, or a project that installed the package. */
export interface CliLocation {
  cwd: string;
  /** The `aperture` bin script to run with node. */
  bin: string;
}

/** Starts `aperture serve <args>` (on a free port unless they name one) and resolves once it prints its URL. */
export function startCli(
  args: string[],
  env: Record<string, string> = {},
  where: CliLocation = { cwd: ROOT, bin: `${ROOT}bin/aperture.js` },
): Promise<CliServer> {
  // A port of the caller's (a restart on the same address), else any free one.
  const port = args.includes("--port") ? [] : ["--port", "0"];
  const child = spawn(process.execPath, [where.bin, "serve", ...args, ...port], {
    cwd: where.cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving .* at (http:\/\/\S+?)\/?\s/.exec(output);
      if (!match) return;
      child.stdout.off("data", onData);
      resolve({
        url: match[1]!,
        process: child,
        output: () => output,
        async stop() {
          if (child.exitCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`aperture exited (${code}) before serving:\n${output}`)));
  });
}
