/**
 * The runner's handle on the server child: starts it on a free loopback port, sends it
 * requests over IPC, and stops it by its own handle (never by name).
 */
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { ChildReply, ChildRequest, DelayReport, MemoryReport } from "./child-protocol.ts";

export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));
const CHILD = fileURLToPath(new URL("server-child.ts", import.meta.url));
const START_TIMEOUT_MS = 30_000;

type Command = ChildRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

export interface ServerChild {
  url: string;
  appUrls: Record<string, string>;
  pid: number;
  memory(): Promise<MemoryReport>;
  /** The same, read as it is: no forced GC first (what the process holds without help). */
  memoryNow(): Promise<MemoryReport>;
  sessions(): Promise<number>;
  destroySessions(): Promise<number>;
  /** WebSocket consumers open at `/ws/bench/` (bench/apps/consumer.ts). */
  consumers(): Promise<number>;
  /** One `groupSend` to the bench consumers' group; resolves with its wall-clock send time (ms). */
  groupSend(run: number): Promise<number>;
  /** The run of the last group message its consumers handed to their sockets, how many did, and when the last did (wall clock). */
  handedOver(): Promise<{ run: number; count: number; last: number }>;
  /** The server's `doc.seq` of one session. */
  docSeq(sessionId: string): Promise<number>;
  /** The sum of `doc.seq` over every session of one app, and how many there are. */
  docSeqSum(app: string): Promise<{ seq: number; sessions: number }>;
  startDelayMonitor(resolutionMs?: number): Promise<void>;
  stopDelayMonitor(): Promise<DelayReport>;
  /** Asks the child to close its server and exit; kills it if it does not within 10 s. */
  stop(): Promise<void>;
}

export interface ServerChildOptions {
  /** Write a V8 CPU profile of the child into this folder when it exits (`node --cpu-prof`). */
  cpuProfileDir?: string;
  /** Use a Redis channel layer at this URL (default: in memory). */
  redisUrl?: string;
}

export async function startServerChild(options: ServerChildOptions = {}): Promise<ServerChild> {
  const profile = options.cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", options.cpuProfileDir] : [];
  const child = fork(CHILD, options.redisUrl ? [`--redis=${options.redisUrl}`] : [], {
    cwd: PROJECT_ROOT,
    execArgv: ["--expose-gc", ...profile, "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await waitReady(child);
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  child.on("message", (message: ChildReply) => {
    if (message.kind !== "reply") return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiter?.resolve(message.value);
    else waiter?.reject(new Error(`server child: ${message.error}`));
  });
  child.on("exit", () => {
    for (const waiter of pending.values()) waiter.reject(new Error("server child exited"));
    pending.clear();
  });
  const request = <T>(command: Command): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...command, id });
    });
  return {
    url: ready.url,
    appUrls: ready.appUrls,
    pid: ready.pid,
    memory: () => request<MemoryReport>({ cmd: "memory" }),
    memoryNow: () => request<MemoryReport>({ cmd: "memory-now" }),
    sessions: () => request<number>({ cmd: "sessions" }),
    destroySessions: () => request<number>({ cmd: "destroy-sessions" }),
    consumers: () => request<number>({ cmd: "consumers" }),
    groupSend: (run) => request<number>({ cmd: "group-send", run }),
    handedOver: () => request<{ run: number; count: number; last: number }>({ cmd: "handed-over" }),
    docSeq: (sessionId) => request<number>({ cmd: "doc-seq", sessionId }),
    docSeqSum: (app) => request<{ seq: number; sessions: number }>({ cmd: "doc-seq-sum", app }),
    startDelayMonitor: async (resolutionMs = 10) => void (await request<boolean>({ cmd: "eld-start", resolutionMs })),
    stopDelayMonitor: () => request<DelayReport>({ cmd: "eld-stop" }),
    stop: () => stopChild(child, () => request<boolean>({ cmd: "stop" })),
  };
}

function waitReady(child: ChildProcess): Promise<Extract<ChildReply, { kind: "ready" }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server child did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server child exited (${code}) before it was ready`));
    });
    child.on("message", (message: ChildReply) => {
      if (message.kind !== "ready") return;
      clearTimeout(timer);
      resolve(message);
    });
  });
}

async function stopChild(child: ChildProcess, askToStop: () => Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  // The child exits on its own after closing; a clean exit lets --cpu-prof write its profile.
  await askToStop().catch(() => undefined);
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
