/**
 * Many `ws` clients of the bench consumer (bench/apps/consumer.ts), in a process of their own
 * so the server child's event loop is measured alone. Started by bench/consumers.ts; answers
 * over IPC. Each group message carries the server's wall-clock send time; a client takes its
 * own wall-clock time first thing on arrival, so the two processes compare on one clock.
 */
import WebSocket from "ws";

export type ClientsRequest =
  | { cmd: "connect"; urls: string[]; count: number; concurrency: number }
  | { cmd: "arm"; run: number; timeoutMs: number }
  | { cmd: "close" };

export type ClientsReply =
  { kind: "ok"; cmd: ClientsRequest["cmd"] } | { kind: "arrivals"; run: number; times: number[] } | { kind: "failed"; error: string };

const wallClock = (): number => performance.timeOrigin + performance.now();

const sockets: WebSocket[] = [];
/** Per socket: the arrival time and the raw frame of the current run's message. */
let arrivedAt: number[] = [];
let frames: (Buffer | undefined)[] = [];
let left = 0;
let onAllArrived: (() => void) | undefined;

function reply(message: ClientsReply): void {
  process.send?.(message);
}

function open(url: string, index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.on("message", (data: Buffer) => {
      // Time first; parse once every member has its message.
      const at = wallClock();
      if (frames[index] !== undefined || left === 0) return;
      arrivedAt[index] = at;
      frames[index] = data;
      if (--left === 0) onAllArrived?.();
    });
    socket.once("open", () => resolve());
    socket.once("error", reject);
    socket.once("unexpected-response", (_request, response) => reject(new Error(`handshake refused: HTTP ${response.statusCode}`)));
    sockets[index] = socket;
  });
}

async function connect(urls: string[], count: number, concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await open(urls[index % urls.length]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

async function arm(run: number, timeoutMs: number): Promise<number[]> {
  arrivedAt = new Array<number>(sockets.length);
  frames = new Array<Buffer | undefined>(sockets.length);
  left = sockets.length;
  const all = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`run ${run}: ${left} of ${sockets.length} clients got nothing within ${timeoutMs} ms`)),
      timeoutMs,
    );
    onAllArrived = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  reply({ kind: "ok", cmd: "arm" });
  await all;
  return arrivedAt.map((at, i) => {
    const message = JSON.parse(frames[i]!.toString("utf8")) as { run: number; t: number };
    if (message.run !== run) throw new Error(`client ${i} got run ${message.run}, expected ${run}`);
    return at - message.t;
  });
}

async function handle(request: ClientsRequest): Promise<void> {
  switch (request.cmd) {
    case "connect":
      await connect(request.urls, request.count, request.concurrency);
      return reply({ kind: "ok", cmd: "connect" });
    case "arm":
      return reply({ kind: "arrivals", run: request.run, times: await arm(request.run, request.timeoutMs) });
    case "close":
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === WebSocket.CLOSED) return resolve();
              const timer = setTimeout(() => socket.terminate(), 2_000);
              socket.once("close", () => {
                clearTimeout(timer);
                resolve();
              });
              socket.close();
            }),
        ),
      );
      reply({ kind: "ok", cmd: "close" });
      return process.disconnect();
  }
}

process.on("message", (request: ClientsRequest) => {
  handle(request).catch((error: unknown) => reply({ kind: "failed", error: error instanceof Error ? error.message : String(error) }));
});
process.on("disconnect", () => {
  for (const socket of sockets) socket.terminate();
  process.exit(0);
});
