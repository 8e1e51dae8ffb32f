/**
 * `--num-procs N`: the primary process owns the listening socket and hands each connection
 * to a worker (sticky by session, see sticky.ts). Workers are restarted when they die; the
 * sessions a dead worker held are gone, and their pages are told so.
 */
import cluster, { type Worker } from "node:cluster";
import { createServer, type Socket } from "node:net";
import type { Logger } from "../log.ts";
import { capConnectionsPerAddress } from "../http/connections.ts";
import type { ResolvedLimits } from "../http/limits.ts";
import { createsSession, readRequestLine, workerOfRequestLine } from "./sticky.ts";

export interface PrimaryOptions {
  numProcs: number;
  port: number;
  address: string;
  logger: Logger;
  /** Environment for every worker (the shared secret, the Redis URL). */
  env: Record<string, string>;
  /** Bounds on connections the primary holds before handing them over (server/http/limits.ts). */
  limits: Pick<ResolvedLimits, "headersTimeout" | "maxConnectionsPerAddress" | "useXheaders">;
}

export interface WorkerReady {
  type: "aperture:ready";
}

export async function runPrimary(options: PrimaryOptions): Promise<{ port: number; close(): Promise<void> }> {
  /** Workers that have said they are ready: a socket handed to one still loading would be lost. */
  const workers: (Worker | undefined)[] = [];
  let stopping = false;

  const start = (index: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork({ ...options.env, APERTURE_WORKER_INDEX: String(index) });
      worker.on("message", (message: WorkerReady) => {
        if (message?.type !== "aperture:ready") return;
        workers[index] = worker;
        resolve();
      });
      worker.once("exit", (code, signal) => {
        if (workers[index] === worker) workers[index] = undefined;
        reject(new Error(`worker ${index} exited before it was ready`));
        if (stopping) return;
        options.logger.warn(`worker ${index} (pid ${worker.process.pid}) died (${signal ?? `code ${code}`}); starting a new one`);
        start(index).catch((error: unknown) => options.logger.error(`worker ${index} did not restart:`, error));
      });
    });

  /** Two turns: one for connections that make a session, one for the rest. */
  const turns = { sessions: 0, other: 0 };
  const pick = (line: string): Worker | undefined => {
    const wanted = workerOfRequestLine(line);
    if (wanted !== undefined && workers[wanted]?.isConnected()) return workers[wanted];
    const turn = createsSession(line) ? "sessions" : "other";
    for (let tries = 0; tries < workers.length; tries++) {
      const worker = workers[turns[turn]++ % workers.length];
      if (worker?.isConnected()) return worker;
    }
    return undefined;
  };

  const route = async (socket: Socket) => {
    socket.on("error", () => socket.destroy());
    const head = await readRequestLine(socket, options.limits.headersTimeout).catch(() => undefined);
    if (!head) return void socket.destroy();
    const line = head.subarray(0, Math.max(0, head.indexOf(0x0a))).toString("latin1");
    const worker = pick(line);
    if (!worker) return void socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\nno worker is running\n");
    worker.send({ type: "aperture:connection", head: head.toString("base64") }, socket, { keepOpen: false });
  };

  await Promise.all(Array.from({ length: options.numProcs }, (_, index) => start(index)));
  const server = createServer({ pauseOnConnect: true }, (socket) => void route(socket));
  // Counted until handed over; the workers count the connections they serve.
  if (!options.limits.useXheaders) capConnectionsPerAddress(server, options.limits, options.logger, () => false);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.address, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : options.port,
    async close() {
      stopping = true;
      server.close();
      await Promise.all(
        workers
          .filter((worker) => worker !== undefined)
          .map(
            (worker) =>
              new Promise<void>((resolve) => {
                worker.once("exit", () => resolve());
                worker.process.kill("SIGTERM");
              }),
          ),
      );
    },
  };
}
