/** `aperture serve <path>…`: argv → serve(options) (or several processes). */
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runPrimary } from "../cluster/primary.ts";
import { sessionPrefix } from "../cluster/sticky.ts";
import { runWorker } from "../cluster/worker.ts";
import { loadApps } from "../http/app-loader.ts";
import type { RuntimeOptions } from "../http/options.ts";
import { serve } from "../http/serve.ts";
import { consoleLogger } from "../log.ts";
import { resolveLimits } from "../http/limits.ts";
import { LIMIT_FLAG_OPTIONS, LIMIT_USAGE, limitOptions } from "./limit-flags.ts";

export const SERVE_USAGE = `Usage: aperture serve <path>… [options]

  <path>   an app file (foo.ts → /foo), a folder with app.ts (→ /<folder>),
           or a folder of such folders (each one an app)

Options:
  --port <n>                      port to listen on (default 5006; 0 = any free port)
  --address <ip>                  address to listen on (default 127.0.0.1)
  --allow-websocket-origin <h:p>  another site whose pages may embed the apps (repeatable)
  --prefix </path>                serve everything under this URL prefix
  --secret <key>                  signs session tokens (default $APERTURE_SECRET_KEY, else random)
  --redis <url>                   Redis channel layer (default $APERTURE_REDIS_URL, else in memory)
  --num-procs <n>                 worker processes, sticky by session (needs --redis)
  --process-index <i>             this process's number behind nginx (aperture gen nginx): session ids start w<i>-
  --dev                           reload open pages with fresh code when an app's file is saved
  -h, --help                      show this help

${LIMIT_USAGE}`;

const SHUTDOWN_BOUND_MS = 10_000;

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

export async function serveCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string", default: "5006" },
      address: { type: "string", default: "127.0.0.1" },
      "allow-websocket-origin": { type: "string", multiple: true, default: [] },
      prefix: { type: "string" },
      secret: { type: "string" },
      redis: { type: "string" },
      "num-procs": { type: "string", default: "1" },
      "process-index": { type: "string" },
      dev: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
      ...LIMIT_FLAG_OPTIONS,
    },
  });
  const paths = positionals;
  if (values.help || paths.length === 0) {
    console.log(SERVE_USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`);
  const numProcs = Number(values["num-procs"]);
  if (!Number.isInteger(numProcs) || numProcs < 1 || numProcs > 64) throw new Error(`--num-procs must be 1–64, got ${values["num-procs"]}`);
  const redisUrl = values.redis ?? process.env.APERTURE_REDIS_URL;
  // Job queues (jobQueue()) read the same setting, so --redis reaches them too.
  if (redisUrl) process.env.APERTURE_REDIS_URL ??= redisUrl;
  if (numProcs > 1 && !redisUrl)
    throw new Error("--num-procs needs --redis <url> (or APERTURE_REDIS_URL): processes share groups through Redis");
  const index = values["process-index"];
  if (index !== undefined && (!/^\d{1,3}$/.test(index) || numProcs > 1))
    throw new Error(`--process-index must be 0–999, without --num-procs; got ${index}`);
  const limits = limitOptions(values);
  const base: Omit<RuntimeOptions, "apps"> = {
    ...limits,
    // The name it listens on is one its pages may use (every --num-procs worker too).
    allowHost: [...(limits.allowHost ?? []), values.address],
    allowWebsocketOrigin: values["allow-websocket-origin"],
    ...(values.prefix ? { prefix: values.prefix } : {}),
    ...(redisUrl ? { redisUrl } : {}),
    ...(index !== undefined ? { sessionIdPrefix: sessionPrefix(Number(index)) } : {}),
  };
  if (values.dev && numProcs > 1) throw new Error("--dev runs the apps in one process: drop --num-procs");
  // The reloader (file watcher, child processes) is loaded only for --dev.
  if (values.dev)
    return (await import("../dev/reloader.ts")).runDev({
      paths: expandPaths(paths),
      port,
      address: values.address,
      options: { ...base, ...(values.secret ? { secret: values.secret } : {}) },
    });
  const apps = await loadApps(expandPaths(paths));
  const options: RuntimeOptions = { apps, ...base };
  if (cluster.isWorker)
    return runWorker(Number(process.env.APERTURE_WORKER_INDEX), { ...options, secret: process.env.APERTURE_SECRET_KEY! });

  const secret = values.secret ?? process.env.APERTURE_SECRET_KEY;
  let url: string;
  let close: () => Promise<void>;
  if (numProcs > 1) {
    if (!secret)
      console.warn(
        "No --secret or APERTURE_SECRET_KEY: sessions are signed with a key made for this run; set one so every process and restart agrees.",
      );
    const env: Record<string, string> = {
      APERTURE_SECRET_KEY: secret ?? randomBytes(32).toString("base64url"),
      APERTURE_REDIS_URL: redisUrl!,
    };
    const primary = await runPrimary({
      numProcs,
      port,
      address: values.address,
      logger: consoleLogger(),
      env,
      limits: resolveLimits(base),
    });
    url = `http://${values.address}:${primary.port}${values.prefix ?? ""}`;
    close = () => primary.close();
  } else {
    const server = await serve({ ...options, port, address: values.address, ...(secret ? { secret } : {}) });
    url = server.url;
    close = () => server.close();
  }
  const procs = numProcs > 1 ? ` in ${numProcs} processes` : "";
  console.log(`Aperture serving ${apps.length} app${apps.length === 1 ? "" : "s"}${procs} at ${url}/`);
  const width = Math.max(...apps.map((app) => app.name.length));
  for (const app of apps) console.log(`  ${app.name.padEnd(width)}  ${url}/${app.name}`);
  const stop = (signal: string) => {
    console.log(`${signal}: closing sessions and stopping`);
    // Bounded: a hook that never settles must not keep a stopping server up.
    setTimeout(() => {
      console.error(`still stopping after ${SHUTDOWN_BOUND_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_BOUND_MS).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}
