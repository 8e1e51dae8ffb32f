/**
 * `aperture serve --dev`: the parent process keeps the port and the file watcher; the apps run
 * in a child process (child.ts) that is replaced whenever a source file is saved.
 *
 * Why a process and not a cache-busting `import("app.ts?v=2")`: that re-imports the app file
 * but not the modules it imports, which stay cached for the life of the process. A new
 * process loads everything afresh. The parent owns the listening socket and hands each
 * connection to the current child, so the port never closes and a page reloading after a
 * change always reaches the new code.
 */
import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
import { createServer, type Socket } from "node:net";
import type { RuntimeOptions } from "../http/options.ts";
import { consoleLogger, type Logger } from "../log.ts";
import { runDevChild, type ChildMessage, type ParentMessage } from "./child.ts";
import { watchRoots, watchTree } from "./watcher.ts";

export interface DevOptions {
  /** App paths, as `aperture serve` expanded them. */
  paths: string[];
  port: number;
  address: string;
  /** Runtime options for every child (the apps are loaded by the child itself). */
  options: Omit<RuntimeOptions, "apps">;
  logger?: Logger;
}

/** Runs the parent, or, in a child the parent forked (same argv), the apps. */
export async function runDev(dev: DevOptions): Promise<void> {
  if (cluster.isWorker) return runDevChild(dev.paths, dev.options);
  return runDevParent(dev);
}

/** Resolves with the child's message of `type`; rejects if the child exits first. */
function until<T extends ChildMessage["type"]>(worker: Worker, type: T): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`the apps' process exited (${signal ?? `code ${code}`}) before it was ready`));
    const onMessage = (message: ChildMessage) => {
      if (message?.type !== type) return;
      worker.off("exit", onExit).off("message", onMessage);
      resolve(message as Extract<ChildMessage, { type: T }>);
    };
    worker.once("exit", onExit).on("message", onMessage);
  });
}

/** A child with the framework loaded, waiting to load the apps (see child.ts). */
function forkSpare(env: Record<string, string>, logger: Logger): Promise<Worker> {
  const worker = cluster.fork(env);
  worker.on("error", (error) => logger.warn(`dev: the apps' process: ${error.message}`));
  return until(worker, "aperture:dev-waiting").then(() => worker);
}

function send(worker: Worker, message: ParentMessage, socket?: Socket): void {
  if (socket) worker.send(message, socket, { keepOpen: false });
  else worker.send(message);
}

export async function runDevParent(dev: DevOptions): Promise<void> {
  const logger = dev.logger ?? consoleLogger();
  // Every child signs tokens with the same key: a socket that reaches the next child after a
  // reload is told its session was lost (4012), not that its token is forged.
  const env = { APERTURE_SECRET_KEY: dev.options.secret ?? process.env.APERTURE_SECRET_KEY ?? randomBytes(32).toString("base64url") };
  let current: Worker | undefined;
  let spare: Promise<Worker> | undefined;
  /** Connections that arrived while no child was ready; handed over once one is. */
  const waiting: Socket[] = [];
  let starting: Promise<void> | undefined;
  /** The child loading the apps now, if any: a newer save replaces it (its code may never finish loading). */
  let loading: Worker | undefined;
  let again = false;
  let stopping = false;

  const handOver = (socket: Socket) => {
    if (current?.isConnected()) send(current, { type: "aperture:dev-connection" }, socket);
    else waiting.push(socket);
  };

  const adopt = (worker: Worker) => {
    const previous = current;
    current = worker;
    worker.once("exit", (code, signal) => {
      if (stopping || current !== worker) return;
      current = undefined;
      logger.error(`dev: the apps' process died (${signal ?? `code ${code}`}); starting it again`);
      void reload();
    });
    for (const socket of waiting.splice(0)) handOver(socket);
    // Only now, with new connections going to the new child, are the old one's pages told.
    if (previous?.isConnected()) send(previous, { type: "aperture:dev-retire" });
  };

  /** Starts the next child: the spare when there is one; resolves once its apps are loaded. */
  const startChild = async (): Promise<{ worker: Worker; failed: string[] }> => {
    const ready = spare ? await spare.catch(() => undefined) : undefined;
    spare = undefined;
    const worker = ready?.isConnected() ? ready : await forkSpare(env, logger);
    const loaded = until(worker, "aperture:dev-ready");
    loading = worker;
    send(worker, { type: "aperture:dev-load" });
    try {
      return { worker, failed: (await loaded).failed };
    } finally {
      loading = undefined;
    }
  };

  const reload = (): Promise<void> => {
    if (starting) {
      // Saved again while loading: that load is of old code (and may be stuck in a loop or an
      // await that never ends); stop it and load once more.
      again = true;
      loading?.process.kill("SIGKILL");
      return starting;
    }
    const started = Date.now();
    starting = startChild()
      .then(({ worker, failed }) => {
        if (stopping) return void worker.kill();
        adopt(worker);
        // The next spare starts now, not while this child loads: they would share the CPU.
        spare = forkSpare(env, logger);
        spare.catch(() => undefined); // a spare that dies is replaced when it is needed
        const broken = failed.length ? ` (failed to load: ${failed.join(", ")}; fix and save)` : "";
        logger.info(`dev: apps loaded in ${Date.now() - started} ms${broken}`);
      })
      .catch((error: unknown) => {
        if (again) return logger.info("dev: changed again while loading: loading the newest code");
        logger.error("dev: the new code could not start; the previous code keeps serving:", error);
      })
      .finally(() => {
        starting = undefined;
        if (again && !stopping) {
          again = false;
          void reload();
        }
      });
    return starting;
  };

  // The port first: a port in use is said at once, not after the apps' slow first load.
  const server = createServer({ pauseOnConnect: true }, handOver);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(dev.port, dev.address, () => resolve());
  });
  await reload();
  if (!current) throw new Error("the apps' process did not start (see above)");
  const watcher = watchTree(
    watchRoots(dev.paths),
    (files) => {
      logger.info(`dev: ${files.map((file) => file.split("/").pop()).join(", ")} changed: reloading`);
      void reload();
    },
    { logger },
  );
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : dev.port;
  const host = dev.address.includes(":") ? `[${dev.address}]` : dev.address === "0.0.0.0" ? "127.0.0.1" : dev.address;
  printUrls(`http://${host}:${port}${dev.options.prefix ?? ""}`, dev.paths);

  const stop = (signal: string) => {
    logger.info(`${signal}: stopping the dev server`);
    stopping = true;
    watcher.close();
    server.close();
    for (const socket of waiting.splice(0)) socket.destroy();
    void spare?.then(
      (worker) => worker.process.kill("SIGTERM"),
      () => undefined,
    );
    const worker = current;
    if (!worker || worker.isDead()) return process.exit(0);
    worker.once("exit", () => process.exit(0));
    worker.process.kill("SIGTERM");
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

function printUrls(url: string, paths: string[]): void {
  const names = paths.map((path) =>
    path
      .replace(/\/+$/, "")
      .split("/")
      .pop()!
      .replace(/\.(m?ts|m?js)$/, ""),
  );
  console.log(`Aperture serving ${names.length} app${names.length === 1 ? "" : "s"} (dev: reloads on save) at ${url}/`);
  const width = Math.max(...names.map((name) => name.length));
  for (const name of names) console.log(`  ${name.padEnd(width)}  ${url}/${name}`);
}
