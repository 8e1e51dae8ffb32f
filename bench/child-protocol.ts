/** The IPC messages between the bench runner and its server child (bench/server-child.ts). */

export type ChildRequest =
  | { id: number; cmd: "memory" }
  | { id: number; cmd: "memory-now" }
  | { id: number; cmd: "sessions" }
  | { id: number; cmd: "destroy-sessions" }
  | { id: number; cmd: "consumers" }
  | { id: number; cmd: "group-send"; run: number }
  | { id: number; cmd: "handed-over" }
  | { id: number; cmd: "doc-seq"; sessionId: string }
  | { id: number; cmd: "doc-seq-sum"; app: string }
  | { id: number; cmd: "eld-start"; resolutionMs: number }
  | { id: number; cmd: "eld-stop" }
  | { id: number; cmd: "stop" };

export interface MemoryReport {
  /** Resident set size after two forced GCs (`memory-now`: as it is, no GC), bytes. */
  rss: number;
  heapUsed: number;
  /** Memory outside the V8 heap (typed array backing stores, sockets' buffers), bytes. */
  external: number;
  arrayBuffers: number;
}

export interface DelayReport {
  /** Event-loop delay percentiles over the window, ms. */
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export type ChildReply =
  | { kind: "ready"; url: string; appUrls: Record<string, string>; pid: number }
  | { kind: "reply"; id: number; ok: true; value: unknown }
  | { kind: "reply"; id: number; ok: false; error: string };
