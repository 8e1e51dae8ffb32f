/**
 * What the `--num-procs` primary reads of a new connection before handing it to a worker: the
 * request's head (its line and headers), no more, and then it stops reading, so every later
 * byte reaches the worker's parser.
 */
import type { Socket } from "node:net";

/** A head longer than this is handed over as it is (the worker's parser refuses it, 431). */
const MAX_HEAD = 16 * 1024;
const END_OF_HEAD = Buffer.from("\r\n\r\n");

export interface RequestHead {
  method: string;
  /** The request target as sent: a path and query. */
  target: string;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Map<string, string>;
}

/** The head of a request, from its raw bytes (as much as was read); garbage gives empty fields. */
export function parseRequestHead(raw: Buffer): RequestHead {
  const end = raw.indexOf(END_OF_HEAD);
  const lines = raw
    .subarray(0, end === -1 ? raw.length : end)
    .toString("latin1")
    .split("\r\n");
  const [method = "", target = ""] = (lines[0] ?? "").split(" ");
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  return { method, target, headers };
}

/**
 * Stops this process reading `socket`. `pause()` only stops its 'data' events: the handle goes
 * on reading into this process's buffer, and a socket handed to a worker would then lose what
 * the primary read after the head (the page's first frame once the worker has answered the
 * upgrade) — bytes no process ever parses.
 */
function stopReading(socket: Socket): void {
  socket.pause();
  (socket as unknown as { _handle?: { readStop?(): number } | null })._handle?.readStop?.();
}

/**
 * Reads until the request's head is in (or 16 KiB); resolves with everything read so far.
 * A connection that has not sent its head within `timeoutMs` is refused: an idle or
 * trickling connection must not hold one of the primary's file descriptors for long.
 */
export function readRequestHead(socket: Socket, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    /** The last bytes read, for an end marker that straddles two chunks. */
    let tail = Buffer.alloc(0);
    const timer = setTimeout(() => done(new Error(`no request head within ${timeoutMs} ms`)), timeoutMs);
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("error", done);
      socket.off("end", onEnd);
      stopReading(socket);
      for (let more = socket.read() as Buffer | null; more !== null; more = socket.read() as Buffer | null) chunks.push(more);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const onEnd = () => done(new Error("the connection ended before a request"));
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      const seen = Buffer.concat([tail, chunk]);
      tail = seen.subarray(-(END_OF_HEAD.length - 1));
      if (size >= MAX_HEAD || seen.includes(END_OF_HEAD)) done();
    };
    socket.on("data", onData);
    socket.on("error", done);
    socket.on("end", onEnd);
    socket.resume();
  });
}
