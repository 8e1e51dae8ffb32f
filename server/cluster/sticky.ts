/**
 * Sticky routing for several worker processes: the primary reads the first request line of
 * each new connection and hands the socket to the worker that owns the session it names
 * (session ids start with `w<index>-`); any other connection goes to the next worker in turn.
 */
import type { Socket } from "node:net";

const MAX_HEAD = 16 * 1024;

/** The worker a session id belongs to, from its `w<index>-` mark. */
export function workerOfSession(sessionId: string): number | undefined {
  const match = /^w(\d{1,3})-/.exec(sessionId);
  return match ? Number(match[1]) : undefined;
}

export function sessionPrefix(worker: number): string {
  return `w${worker}-`;
}

/** The worker a request names, from its `token` (sockets) or `aperture-session` (autoload) argument. */
export function workerOfRequestLine(line: string): number | undefined {
  const target = line.split(" ")[1];
  if (!target) return undefined;
  let query: URLSearchParams;
  try {
    query = new URL(target, "http://localhost").searchParams;
  } catch {
    return undefined;
  }
  const token = query.get("token") ?? query.get("aperture-session");
  return token ? workerOfSession(token) : undefined;
}

/**
 * Stops this process reading `socket`. `pause()` only stops its 'data' events: the handle goes
 * on reading into this process's buffer, and a socket handed to a worker would then lose what
 * the primary read after the first line (the rest of the headers, or the page's first frame
 * once the worker has answered the upgrade) — bytes no process ever parses.
 */
function stopReading(socket: Socket): void {
  socket.pause();
  (socket as unknown as { _handle?: { readStop?(): number } | null })._handle?.readStop?.();
}

/**
 * Whether a request line makes a new session: `autoload.js` naming no session, or a POST to
 * `/<app>/session`. These take turns over the workers apart from every other request, so a
 * page view's other requests (the page, its scripts) cannot keep its sessions on one worker.
 */
export function createsSession(line: string): boolean {
  const [method, target] = line.split(" ");
  if (!method || !target) return false;
  const path = target.split("?")[0]!;
  if (method === "POST") return path.endsWith("/session");
  return method === "GET" && path.endsWith("/autoload.js") && !target.includes("aperture-session=");
}

/**
 * Reads until the first line of the request is in; resolves with everything read so far.
 * A connection that has not sent its first line within `timeoutMs` is refused: an idle or
 * trickling connection must not hold one of the primary's file descriptors for long.
 */
export function readRequestLine(socket: Socket, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => done(new Error(`no request line within ${timeoutMs} ms`)), timeoutMs);
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("error", done);
      socket.off("end", onEnd);
      stopReading(socket);
      for (let more: Buffer | null = socket.read(); more !== null; more = socket.read()) chunks.push(more);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const onEnd = () => done(new Error("the connection ended before a request"));
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (chunk.includes(0x0a) || size >= MAX_HEAD) done();
    };
    socket.on("data", onData);
    socket.on("error", done);
    socket.on("end", onEnd);
    socket.resume();
  });
}
