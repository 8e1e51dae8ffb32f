/** A worker of `--num-procs`: serves the apps on sockets the primary hands over. */
import cluster from "node:cluster";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { exitWhenClosed } from "../exit-when-closed.ts";
import { closeAppServer, createAppServer, type TlsOptions } from "../http/serve.ts";
import type { RuntimeOptions } from "../http/options.ts";
import type { WorkerLoad } from "./balancer.ts";
import type { RequestHead } from "./request-head.ts";
import { createsSession, sessionPrefix } from "./sticky.ts";

export interface Handoff {
  type: "aperture:connection";
  head: string;
  /** Whether the primary chose this worker to make a session (it counts them, see balancer.ts). */
  creates: boolean;
}

/** How often the worker looks whether its session count changed, to tell the primary (ms). */
const LOAD_REPORT_INTERVAL = 100;

function headOf(request: IncomingMessage): RequestHead {
  const headers = new Map(Object.entries(request.headers).map(([name, value]) => [name, [value ?? ""].flat().join(", ")]));
  return { method: request.method ?? "", target: request.url ?? "", headers };
}

/**
 * A response that made a session closes its connection: the browser's next session comes on
 * a new connection, which the primary balances, instead of on this kept-alive one.
 */
function closeAfterSession(request: IncomingMessage, response: ServerResponse): void {
  if (createsSession(headOf(request))) response.setHeader("Connection", "close");
}

export async function runWorker(index: number, options: RuntimeOptions & TlsOptions): Promise<void> {
  const { runtime, httpServer } = createAppServer({ ...options, sessionIdPrefix: sessionPrefix(index) });
  httpServer.prependListener("request", closeAfterSession);
  let received = 0;
  process.on("message", (message: Handoff, socket: Socket | undefined) => {
    if (message?.type !== "aperture:connection" || !socket) return;
    if (message.creates) received++;
    httpServer.emit("connection", socket);
    // What the primary read to route the connection is put back for the HTTP parser.
    socket.unshift(Buffer.from(message.head, "base64"));
    socket.resume();
  });
  // Sessions end in many ways (closed pages expire, handlers fail, the app ends them): a
  // look at the count every 100 ms catches them all, and costs nothing when it is unchanged.
  let reported = "";
  const report = setInterval(() => {
    const load: WorkerLoad = { type: "aperture:load", sessions: runtime.sessions.size, received };
    const text = `${load.sessions}/${load.received}`;
    if (text !== reported && process.connected) process.send?.(load);
    reported = text;
  }, LOAD_REPORT_INTERVAL);
  report.unref();
  const stop = exitWhenClosed(async () => {
    clearInterval(report);
    await closeAppServer(runtime, httpServer);
  });
  stopWithPrimary((why) => stop(`worker ${index}: ${why}`));
  process.send?.({ type: "aperture:ready" });
  process.once("SIGTERM", () => stop(`worker ${index}: SIGTERM`));
  // Ctrl-C in a terminal reaches the whole process group: a worker stops as on SIGTERM, not at once.
  process.once("SIGINT", () => stop(`worker ${index}: SIGINT`));
}

/**
 * A worker whose primary is gone (killed, crashed) stops as on SIGTERM: its pages are told
 * to come back (4010) and retry every second, so they are restored as soon as a new server
 * listens. Node's cluster would instead exit the worker at once when the IPC channel closes
 * (its pages would see 1006 and back off up to 10 s); marking the worker as one that expects
 * the disconnect turns that off, and the bounded stop still guarantees it exits: no worker
 * outlives its primary by more than STOP_BOUND_MS.
 */
function stopWithPrimary(stop: (why: string) => void): void {
  if (!cluster.worker) return;
  cluster.worker.exitedAfterDisconnect = true;
  process.once("disconnect", () => stop("the primary process is gone"));
}
