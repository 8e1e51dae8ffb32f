/**
 * `--num-procs N`: the primary process owns the listening socket and hands each connection
 * to a worker (sticky by session, see sticky.ts; new sessions to the worker holding fewest,
 * see balancer.ts). Workers are restarted when they die; the
 * sessions a dead worker held are gone, and their pages are told so. When the primary itself
 * dies, each worker stops on its own (worker.ts), telling its pages to come back.
 */
import cluster, { type Worker } from "node:cluster";
import { createServer, type Socket } from "node:net";
import type { Logger } from "../log.ts";
import type { RequestHead } from "./request-head.ts";
import { capConnectionsPerAddress } from "../http/connections.ts";
import type { ResolvedLimits } from "../http/limits.ts";
import { SessionBalancer, isWorkerLoad } from "./balancer.ts";
import { parseRequestHead, readRequestHead } from "./request-head.ts";
import { createsSession, workerOfRequest } from "./sticky.ts";
import type { Handoff } from "./worker.ts";

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
  const balancer = new SessionBalancer();

  const start = (index: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork({ ...options.env, APERTURE_WORKER_INDEX: String(index) });
      worker.on("message", (message: WorkerReady) => {
        if (isWorkerLoad(message) && workers[index] === worker) balancer.report(index, message);
        if (message?.type !== "aperture:ready") return;
        balancer.reset(index);
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

  const connected = () => workers.flatMap((worker, index) => (worker?.isConnected() ? [index] : []));
  let turn = 0;
  /** The worker for a connection, and whether it was chosen to make a session. */
  const pick = (head: RequestHead): { index: number; creates: boolean } | undefined => {
    const wanted = workerOfRequest(head);
    if (wanted !== undefined && workers[wanted]?.isConnected()) return { index: wanted, creates: false };
    const available = connected();
    if (createsSession(head)) {
      const index = balancer.pick(available);
      return index === undefined ? undefined : { index, creates: true };
    }
    return available.length === 0 ? undefined : { index: available[turn++ % available.length]!, creates: false };
  };

  const route = async (socket: Socket) => {
    socket.on("error", () => socket.destroy());
    const raw = await readRequestHead(socket, options.limits.headersTimeout).catch(() => undefined);
    if (!raw) return void socket.destroy();
    const chosen = pick(parseRequestHead(raw));
    const worker = chosen && workers[chosen.index];
    if (!chosen || !worker) return void socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\nno worker is running\n");
    const handoff: Handoff = { type: "aperture:connection", head: raw.toString("base64"), creates: chosen.creates };
    worker.send(handoff, socket, { keepOpen: false });
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
