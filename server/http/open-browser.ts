/**
 * `--show`: opens the apps' pages in a browser, as `bokeh serve --show` (Python's webbrowser:
 * `$BROWSER` first, else the system's opener). With no browser there, it logs the command it
 * would have run, so a person on a headless machine can open the URL themselves.
 */
import { spawn } from "node:child_process";
import type { Logger } from "../log.ts";

/** The opener command for `url`: `$BROWSER` (its `%s` replaced, else the URL appended), else the platform's. */
export function browserCommand(url: string, env: NodeJS.ProcessEnv = process.env, platform = process.platform): [string, ...string[]] {
  const chosen = env.BROWSER?.split(":")[0]?.trim();
  if (chosen) {
    const [command, ...args] = chosen.split(/\s+/) as [string, ...string[]];
    return args.some((arg) => arg.includes("%s")) ? [command, ...args.map((arg) => arg.replace("%s", url))] : [command, ...args, url];
  }
  if (platform === "darwin") return ["open", url];
  if (platform === "win32") return ["cmd", "/c", "start", "", url];
  return ["xdg-open", url];
}

/** Starts the browser on `url` and does not wait for it; a missing one is logged, never thrown. */
export function openBrowser(url: string, logger: Logger, env: NodeJS.ProcessEnv = process.env): void {
  const [command, ...args] = browserCommand(url, env);
  const shown = [command, ...args].join(" ");
  const child = spawn(command, args, { stdio: "ignore", detached: true, env });
  child.once("error", (error: NodeJS.ErrnoException) => {
    const why = error.code === "ENOENT" ? "no browser found" : `the browser did not start (${error.message})`;
    logger.warn(`--show: ${why}; open ${url} yourself (would run: ${shown})`);
  });
  child.once("spawn", () => logger.info(`--show: opened ${url} (${shown})`));
  child.unref();
}
