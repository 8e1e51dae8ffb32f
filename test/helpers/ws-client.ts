/**
 * A light client that speaks Aperture's protocol over `ws`: for integration tests and the
 * benchmarks (1,000 of these cost far less than 1,000 browsers).
 */
import WebSocket from "ws";
import {
  PROTOCOL_VERSION,
  decodeServerMessage,
  encodeFrame,
  socketProtocols,
  type ClientMessage,
  type RestoreEntry,
  type ServerMessage,
} from "../../server/protocol/index.ts";

type Kind = ServerMessage["kind"];
type Of<K extends Kind> = Extract<ServerMessage, { kind: K }>;

/** A POST once more when a kept-alive connection was closed under it (fetch retries only idempotent requests itself). */
async function post(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { method: "POST", ...init });
  } catch (error) {
    const code = ((error as { cause?: { code?: string } }).cause ?? {}).code;
    if (code !== "ECONNRESET" && code !== "UND_ERR_SOCKET") throw error;
    return fetch(url, { method: "POST", ...init });
  }
}

/** Asks `POST /<app>/session` (as a script would) for a session; returns its socket URL (no query) and token. */
export async function createSession(appUrl: string, query = "", init: RequestInit = {}): Promise<{ wsUrl: string; token: string }> {
  const response = await post(`${appUrl}/session${query}`, init);
  const body = (await response.json()) as { wsUrl?: string; token?: string; error?: string };
  if (!response.ok || !body.wsUrl || !body.token) throw new Error(`no session made (${response.status}): ${body.error ?? ""}`);
  return { wsUrl: body.wsUrl.split("?")[0]!, token: body.token };
}

export type AskedSession = { client: TestClient; token: string; doc: Of<"doc"> } | { closed: number; reason: string };

/**
 * As a page does: a socket that presents no token, whose `hello` (with `restore`, if given)
 * makes the session. Resolves with the open client, its token and snapshot, or how the server
 * closed the socket instead.
 */
export async function askSession(
  appUrl: string,
  options: { query?: string; headers?: Record<string, string>; restore?: RestoreEntry[] } = {},
): Promise<AskedSession> {
  const wsUrl = `${appUrl.replace(/^http/, "ws")}/ws${options.query ?? ""}`;
  const client = await TestClient.connect(wsUrl, undefined, { hello: false, ...(options.headers ? { headers: options.headers } : {}) });
  client.send({ kind: "hello", protocol: PROTOCOL_VERSION, ...(options.restore ? { restore: options.restore } : {}) });
  const answer = await Promise.race([client.next("hello", () => true, 30_000), client.closed]);
  if (!("token" in answer)) return { closed: answer.code, reason: answer.reason };
  return { client, token: answer.token, doc: await client.next("doc") };
}

export class TestClient {
  readonly received: ServerMessage[] = [];
  /** Bytes of every frame received, for wire-size figures. */
  bytesReceived = 0;
  private readonly waiters: { test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  private nextReqId = 1;
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly socket: WebSocket) {
    socket.binaryType = "nodebuffer";
    socket.on("message", (data: Buffer, isBinary) => {
      this.bytesReceived += data.byteLength;
      const decoded = decodeServerMessage(isBinary ? data : data.toString("utf8"));
      if (!decoded.ok) throw new Error(`unreadable server frame: ${decoded.message}`);
      this.received.push(decoded.value);
      const index = this.waiters.findIndex((w) => w.test(decoded.value));
      if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(decoded.value);
    });
    this.closed = new Promise((resolve) => socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /**
   * A socket for the session `token` names (in the handshake's sub-protocols, as a page sends
   * it); `undefined` asks for a new session, made when its `hello` arrives.
   */
  static async connect(
    wsUrl: string,
    token: string | undefined,
    options: { hello?: boolean; origin?: string; headers?: Record<string, string> } = {},
  ): Promise<TestClient> {
    const socket = new WebSocket(wsUrl, socketProtocols(token), {
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    });
    const client = new TestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
      socket.once("unexpected-response", (_request, response) => reject(new Error(`handshake refused: HTTP ${response.statusCode}`)));
    });
    if (options.hello !== false) {
      client.send({ kind: "hello", protocol: PROTOCOL_VERSION });
      await client.next("doc");
    }
    return client;
  }

  send(message: ClientMessage | object): void {
    this.socket.send(encodeFrame(message));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  reqId(): number {
    return this.nextReqId++;
  }

  /** The next message of `kind` (already received ones included, oldest first) matching `where`. */
  next<K extends Kind>(kind: K, where: (m: Of<K>) => boolean = () => true, timeoutMs = 10_000): Promise<Of<K>> {
    const test = (m: ServerMessage) => m.kind === kind && where(m as Of<K>);
    const seen = this.received.findIndex(test);
    if (seen >= 0) return Promise.resolve(this.received.splice(seen, 1)[0] as Of<K>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "${kind}" message within ${timeoutMs} ms; got ${this.received.map((m) => m.kind).join(", ")}`)),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (m) => {
          clearTimeout(timer);
          this.received.splice(this.received.indexOf(m), 1);
          resolve(m as Of<K>);
        },
      });
    });
  }

  /** Sends a replace of one attribute and waits for its ack or error. */
  async setAttr(model: string, attr: string, value: unknown, baseSeq: number): Promise<Of<"ack"> | Of<"error">> {
    const reqId = this.reqId();
    this.send({ kind: "patch", reqId, baseSeq, ops: [{ op: "replace", path: `/models/${model}/attrs/${attr}`, value }] });
    return Promise.race([this.next("ack", (m) => m.reqId === reqId), this.next("error", (m) => m.reqId === reqId)]);
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close();
    return this.closed;
  }
}
