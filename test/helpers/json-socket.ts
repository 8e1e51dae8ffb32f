/** A real `ws` client for JSON consumers: hands out parsed frames in arrival order. */
import WebSocket from "ws";

/** Sent as is, not as JSON (malformed-input tests). */
export class Raw {
  constructor(readonly text: string) {}
}

export interface JsonSocket {
  socket: WebSocket;
  /** The next frame, parsed; rejects after `timeoutMs` so a missing frame fails instead of hanging. */
  next(timeoutMs?: number): Promise<unknown>;
  send(content: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
}

/** `protocols`: the sub-protocols to offer (a token as `aperture-token.<token>`). */
export function openJson(url: string, options?: WebSocket.ClientOptions, protocols: string[] = []): Promise<JsonSocket> {
  const socket = new WebSocket(url, protocols, options);
  const queue: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  socket.on("message", (data) => {
    const content: unknown = JSON.parse((data as Buffer).toString());
    const waiter = waiting.shift();
    if (waiter) waiter(content);
    else queue.push(content);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const next = (timeoutMs = 5_000) =>
    queue.length > 0
      ? Promise.resolve(queue.shift())
      : new Promise<unknown>((resolve, reject) => {
          const waiter = (m: unknown) => {
            clearTimeout(timer);
            resolve(m);
          };
          const timer = setTimeout(() => {
            waiting.splice(waiting.indexOf(waiter), 1);
            reject(new Error(`no frame within ${timeoutMs} ms`));
          }, timeoutMs);
          waiting.push(waiter);
        });
  const send = (content: unknown) => socket.send(content instanceof Raw ? content.text : JSON.stringify(content));
  return new Promise((resolve, reject) => {
    socket.once("open", () => resolve({ socket, next, send, closed }));
    socket.once("unexpected-response", (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once("error", reject);
  });
}
