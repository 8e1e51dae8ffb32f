/**
 * Runs what a generated systemd unit would run: its `ExecStart=` command line, in its
 * `WorkingDirectory=`, with its `EnvironmentFile=` (here: the generated file, before it is
 * installed). So a test exercises the units' command lines as written, not a copy of them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";

export interface UnitProcess {
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** `Key=value` lines of a unit's sections (the last one wins, as systemd does for most keys). */
export function unitKeys(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (match) keys.set(match[1]!, match[2]!);
  }
  return keys;
}

/** Splits a command line the way systemd does for the simple quoting the generator emits. */
export function splitCommand(line: string): string[] {
  const args: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const match of line.matchAll(pattern)) args.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2]!);
  return args;
}

export function readEnvFile(path: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) env[match[1]!] = match[2]!;
  }
  return env;
}

/** Starts the unit's command; resolves once it prints `ready` (a line it logs when serving). */
export function runUnit(unitText: string, envFile: string, ready: RegExp): Promise<UnitProcess> {
  const keys = unitKeys(unitText);
  const [command, ...args] = splitCommand(keys.get("ExecStart") ?? "");
  if (!command) throw new Error(`the unit has no ExecStart:\n${unitText}`);
  const child = spawn(command, args, {
    cwd: keys.get("WorkingDirectory"),
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...readEnvFile(envFile) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = once(child, "exit");
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!ready.test(output)) return;
      child.stdout.off("data", onData);
      child.stdout.on("data", (more: Buffer) => (output += more.toString()));
      resolve({
        process: child,
        output: () => output,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill(keys.get("KillSignal") === "SIGINT" ? "SIGINT" : "SIGTERM");
          await exited;
        },
      });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`${command} ${args.join(" ")} exited (${code}) before it was ready:\n${output}`)));
  });
}
