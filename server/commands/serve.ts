/** `aperture serve <path>… [flags]`: argv → serve(options) (or several processes). The flags are in serve-flags.ts. */
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { runPrimary } from "../cluster/primary.ts";
import { sessionPrefix } from "../cluster/sticky.ts";
import { runWorker } from "../cluster/worker.ts";
import { loadApps } from "../http/app-loader.ts";
import { loadAuthModule, type AuthModule } from "../http/auth-module.ts";
import { serve, type ServeOptions } from "../http/serve.ts";
import { exitWhenClosed } from "../exit-when-closed.ts";
import { loggerFor } from "../log.ts";
import { resolveLimits } from "../http/limits.ts";
import { parseServeArgs, SERVE_USAGE, type CommandOptions } from "./serve-flags.ts";

export { SERVE_USAGE };

/** A folder without app.ts but with app folders inside serves each of them. */
function expandPaths(paths: string[]): string[] {
  return paths.flatMap((path) => {
    const isAppFolder = statSync(path, { throwIfNoEntry: false })?.isDirectory() && !existsSync(join(path, "app.ts"));
    if (!isAppFolder) return [path];
    const inner = readdirSync(path)
      .map((entry) => join(path, entry))
      .filter((entry) => existsSync(join(entry, "app.ts")))
      .sort();
    return inner.length > 0 ? inner : [path];
  });
}

/** Bokeh's `--glob`: each path a pattern, its matches in order (a pattern matching nothing is an error). */
async function expandGlobs(patterns: string[]): Promise<string[]> {
  // Loaded for --glob only.
  const { globSync } = await import("tinyglobby");
  return patterns.flatMap((pattern) => {
    const matches = globSync(pattern, { onlyFiles: false, expandDirectories: false }).sort();
    if (matches.length === 0) throw new Error(`--glob: nothing matches ${pattern}`);
    return matches;
  });
}

/** The checks that need more than one flag, or a range the table cannot say. */
function checkCommand(options: Omit<CommandOptions, "apps">): { port: number; numProcs: number; address: string } {
  const port = options.port ?? 5006;
  if (port > 65535) throw new Error(`--port must be 0–65535, got ${port}`);
  const numProcs = options.numProcs ?? 1;
  if (numProcs < 1 || numProcs > 64) throw new Error(`--num-procs must be 1–64, got ${numProcs}`);
  if (numProcs > 1 && !options.redisUrl)
    throw new Error("--num-procs needs --redis <url> (or APERTURE_REDIS_URL): processes share groups through Redis");
  const index = options.processIndex;
  if (index !== undefined && (index > 999 || numProcs > 1))
    throw new Error(`--process-index must be 0–999, without --num-procs; got ${index}`);
  if (options.dev && numProcs > 1) throw new Error("--dev runs the apps in one process: drop --num-procs");
  if (options.show && numProcs > 1) throw new Error("--show opens the pages of one process: drop --num-procs, or open the URL yourself");
  // The primary routes a connection by its first request line, which TLS hides; the dev server is plain HTTP.
  if ((options.sslCertfile ?? process.env.APERTURE_SSL_CERTFILE) && (numProcs > 1 || options.dev))
    throw new Error("--ssl-certfile serves one process without --dev; with --num-procs, terminate TLS in nginx (aperture gen nginx)");
  return { port, numProcs, address: options.address ?? "127.0.0.1" };
}

export async function serveCommand(argv: string[]): Promise<void> {
  const { paths: given, options } = parseServeArgs(argv);
  if (options.help || given.length === 0) {
    console.log(SERVE_USAGE);
    process.exitCode = options.help ? 0 : 2;
    return;
  }
  const { port, numProcs, address } = checkCommand(options);
  const { numProcs: _n, processIndex, dev, glob, help: _h, port: _p, address: _a, authModule: authPath, ...serveOptions } = options;
  const paths = expandPaths(glob ? await expandGlobs(given) : given);
  // Job queues (jobQueue()) read the same setting, so --redis reaches them too.
  if (options.redisUrl) process.env.APERTURE_REDIS_URL ??= options.redisUrl;
  const authModule = typeof authPath === "string" ? await loadAuthModule(authPath) : authPath;
  const base: Omit<ServeOptions, "apps" | "authModule"> & { authModule?: AuthModule } = {
    ...serveOptions,
    ...(authModule ? { authModule } : {}),
    // The name it listens on is one its pages may use (every --num-procs worker too).
    allowHost: [...(options.allowHost ?? []), address],
    ...(processIndex !== undefined ? { sessionIdPrefix: sessionPrefix(processIndex) } : {}),
  };
  // The reloader (file watcher, child processes) is loaded only for --dev.
  if (dev) return (await import("../dev/reloader.ts")).runDev({ paths, port, address, options: base });
  const apps = await loadApps(paths);
  if (cluster.isWorker)
    return runWorker(Number(process.env.APERTURE_WORKER_INDEX), { apps, ...base, secret: process.env.APERTURE_SECRET_KEY! });
  const logger = loggerFor(options);
  let url: string;
  let close: () => Promise<void>;
  if (numProcs > 1) {
    if (!options.secret)
      console.warn(
        "No --secret or APERTURE_SECRET_KEY: sessions are signed with a key made for this run; set one so every process and restart agrees.",
      );
    const env: Record<string, string> = {
      APERTURE_SECRET_KEY: options.secret ?? randomBytes(32).toString("base64url"),
      APERTURE_REDIS_URL: options.redisUrl!,
    };
    const primary = await runPrimary({ numProcs, port, address, logger, env, limits: resolveLimits(base) });
    const scheme = (options.sslCertfile ?? process.env.APERTURE_SSL_CERTFILE) ? "https" : "http";
    url = `${scheme}://${address}:${primary.port}${options.prefix ?? ""}`;
    close = () => primary.close();
  } else {
    const server = await serve({ apps, ...base, port, address });
    url = server.url;
    close = () => server.close();
  }
  const procs = numProcs > 1 ? ` in ${numProcs} processes` : "";
  console.log(`Aperture serving ${apps.length} app${apps.length === 1 ? "" : "s"}${procs} at ${url}/`);
  const width = Math.max(...apps.map((app) => app.name.length));
  for (const app of apps) console.log(`  ${app.name.padEnd(width)}  ${url}/${app.name}`);
  const stop = exitWhenClosed(close);
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}
