import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Div, JsonWebSocketConsumer, WebSocketConsumer, type ChannelMessage, type Document } from "../../server/index.ts";
import { startServer } from "../helpers/start-server.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";

const events: string[] = [];

class EchoConsumer extends WebSocketConsumer {
  override groups = ["news"];
  override async receive(text?: string, bytes?: Buffer): Promise<void> {
    await this.send(text !== undefined ? `echo:${text}` : Buffer.concat([Buffer.from("bytes:"), bytes!]));
  }
  override async disconnect(code: number): Promise<void> {
    events.push(`disconnect ${code}`);
  }
  async news_item(message: ChannelMessage): Promise<void> {
    await this.send(`news:${message.text as string}`);
  }
}

class RoomConsumer extends JsonWebSocketConsumer {
  override async connect(): Promise<void> {
    if (this.scope.query.token !== "letmein") return this.close(4003, "bad token");
    await this.accept();
    await this.channelLayer.groupAdd(`room-${this.scope.params.room}`, this.channelName);
    await this.sendJson({ type: "welcome", room: this.scope.params.room, cookie: this.scope.cookies.flavor ?? null });
  }
  override async receiveJson(content: unknown): Promise<void> {
    await this.channelLayer.groupSend(`room-${this.scope.params.room}`, { type: "chat.message", content: content as string });
  }
  async chatMessage(message: ChannelMessage): Promise<void> {
    await this.sendJson({ type: "chat", content: message.content });
  }
}

/** Accepts with the sub-protocol it prefers, as a Channels consumer does with `accept(subprotocol=…)`. */
class ProtocolConsumer extends WebSocketConsumer {
  override async connect(): Promise<void> {
    await this.accept(this.scope.subprotocols.includes("chat.v2") ? "chat.v2" : undefined);
    await this.send(JSON.stringify(this.scope.subprotocols));
  }
}

class RefusingConsumer extends WebSocketConsumer {
  override async connect(): Promise<void> {
    await this.close();
  }
}

function ticker(doc: Document): void {
  const div = new Div({ name: "ticker", text: "waiting" });
  doc.addRoot(div);
  void doc.session.subscribe("ticks", (message) => {
    div.text = `tick ${message.n as number}`;
  });
}

function open(
  url: string,
  headers: Record<string, string> = {},
  protocols: string[] = [],
): Promise<{ socket: WebSocket; messages: string[]; next: () => Promise<string>; closed: Promise<number> }> {
  const socket = new WebSocket(url, protocols, { headers });
  const messages: string[] = [];
  const waiting: ((m: string) => void)[] = [];
  socket.on("message", (data) => {
    const text = (data as Buffer).toString();
    const waiter = waiting.shift();
    if (waiter) waiter(text);
    else messages.push(text);
  });
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  const next = () => (messages.length > 0 ? Promise.resolve(messages.shift()!) : new Promise<string>((resolve) => waiting.push(resolve)));
  return new Promise((resolve, reject) => {
    socket.once("open", () => resolve({ socket, messages, next, closed }));
    socket.once("unexpected-response", (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once("error", reject);
  });
}

describe("WebSocket consumers", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let ws: string;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    events.length = 0;
    server = await startServer({
      apps: { ticker },
      websockets: {
        "/ws/echo/": EchoConsumer,
        "/ws/rooms/:room/": RoomConsumer,
        "/ws/closed/": RefusingConsumer,
        "/ws/protocols/": ProtocolConsumer,
      },
    });
    ws = server.url.replace("http", "ws");
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await server.close();
  });

  it("accepts, receives text and bytes, and calls disconnect with the close code", async () => {
    const client = await open(`${ws}/ws/echo/`);
    client.socket.send("hello");
    expect(await client.next()).toBe("echo:hello");
    client.socket.send(Buffer.from([1, 2]));
    expect(await client.next()).toBe("bytes:\u0001\u0002");
    client.socket.close(4321);
    await client.closed;
    await expect.poll(() => events).toEqual(["disconnect 4321"]);
  });

  it("dispatches group messages by type to the handler of that name, for every member", async () => {
    const a = await open(`${ws}/ws/echo/`);
    const b = await open(`${ws}/ws/echo/`);
    sockets.push(a.socket, b.socket);
    await server.runtime.channelLayer.groupSend("news", { type: "news.item", text: "extra" });
    expect(await a.next()).toBe("news:extra");
    expect(await b.next()).toBe("news:extra");
  });

  it("passes route params, query and cookies in the scope, and routes group messages between members", async () => {
    const alice = await open(`${ws}/ws/rooms/lobby/?token=letmein`, { cookie: "flavor=mint" });
    const bob = await open(`${ws}/ws/rooms/lobby/?token=letmein`);
    sockets.push(alice.socket, bob.socket);
    expect(JSON.parse(await alice.next())).toEqual({ type: "welcome", room: "lobby", cookie: "mint" });
    expect(JSON.parse(await bob.next())).toMatchObject({ type: "welcome", room: "lobby" });
    alice.socket.send(JSON.stringify("hi bob"));
    expect(JSON.parse(await bob.next())).toEqual({ type: "chat", content: "hi bob" });
    expect(JSON.parse(await alice.next())).toEqual({ type: "chat", content: "hi bob" });
  });

  it("closes with the consumer's code when it refuses a wrong token", async () => {
    const client = await open(`${ws}/ws/rooms/lobby/?token=wrong`);
    expect(await client.closed).toBe(4003);
  });

  it("shows the offered sub-protocols in the scope and answers with the one accept() names, else Aperture's own", async () => {
    const chat = await open(`${ws}/ws/protocols/`, {}, ["chat.v1", "chat.v2"]);
    sockets.push(chat.socket);
    expect(chat.socket.protocol).toBe("chat.v2");
    expect(JSON.parse(await chat.next())).toEqual(["chat.v1", "chat.v2"]);
    // An Aperture client offering its token beside the protocol: the answer names only "aperture".
    const aperture = await open(`${ws}/ws/protocols/`, {}, ["aperture", "aperture-token.s3cret"]);
    sockets.push(aperture.socket);
    expect(aperture.socket.protocol).toBe("aperture");
  });

  it("refuses the handshake (403) when connect closes without a code", async () => {
    await expect(open(`${ws}/ws/closed/`)).rejects.toThrow("HTTP 403");
  });

  it("answers malformed JSON with an error and keeps the socket open", async () => {
    const client = await open(`${ws}/ws/rooms/lobby/?token=letmein`);
    sockets.push(client.socket);
    await client.next();
    client.socket.send("{oops");
    expect(JSON.parse(await client.next())).toMatchObject({ type: "error", code: "BAD_MESSAGE" });
    client.socket.send(JSON.stringify("still here"));
    expect(JSON.parse(await client.next())).toEqual({ type: "chat", content: "still here" });
  });

  it("refuses unknown paths (404) and pages of disallowed origins (403)", async () => {
    await expect(open(`${ws}/ws/nowhere/`)).rejects.toThrow("HTTP 404");
    await expect(
      new Promise((resolve, reject) => {
        const socket = new WebSocket(`${ws}/ws/echo/`, { origin: "http://evil.example" });
        socket.once("unexpected-response", (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
        socket.once("open", resolve);
      }),
    ).rejects.toThrow("HTTP 403");
  });

  it("lets a document session join a group, so a group message changes its live document", async () => {
    const { wsUrl, token } = await createSession(server.appUrls.ticker!);
    const client = await TestClient.connect(wsUrl, token);
    sockets.push(client.socket);
    const session = server.runtime.sessions.all()[0]!;
    await server.runtime.channelLayer.groupSend("ticks", { type: "tick", n: 1 });
    const patch = await client.next("patch");
    expect(patch.ops).toEqual([{ op: "replace", path: `/models/${session.doc.getModelByName("ticker")!.id}/attrs/text`, value: "tick 1" }]);
    await server.runtime.sessions.destroy(session, "test");
    await server.runtime.channelLayer.groupSend("ticks", { type: "tick", n: 2 });
    expect(session.doc.getModelByName("ticker")!.getAttr("text")).toBe("tick 1");
  });
});
