/**
 * A light client that speaks Aperture's protocol over `ws`: for integration tests and the
 * benchmarks (1,000 of these cost far less than 1,000 browsers).
 */
import WebSocket from "ws";
import { PROTOCOL_VERSION, decodeServerMessage, encodeFrame, type ClientMessage, type ServerMessage } from "../../server/protocol/index.ts";

type Kind = ServerMessage["kind"];
type Of<K extends Kind> = Extract<ServerMessage, { kind: K }>;

/** Fetches `/<app>/autoload.js` (which creates a session) and returns its socket URL and token. */
export async function createSession(appUrl: string, query = "", init: RequestInit = {}): Promise<{ wsUrl: string; token: string }> {
  const response = await fetch(`${appUrl}/autoload.js${query}`, init);
  const script = await response.text();
  const match = /var config = (\{.*\});/.exec(script);
  if (!response.ok || !match) throw new Error(`autoload.js made no session (${response.status}): ${script.slice(0, 300)}`);
  const config = JSON.parse(match[1]!) as { wsUrl: string; token: string };
  return { wsUrl: config.wsUrl, token: config.token };
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

  static async connect(wsUrl: string, token: string, options: { hello?: boolean; origin?: string } = {}): Promise<TestClient> {
    const socket = new WebSocket(`${wsUrl}?token=${encodeURIComponent(token)}`, options.origin ? { origin: options.origin } : {});
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
