import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  Binding,
  MemoryStore,
  StreamError,
  WebSocketDemultiplexer,
  sendToStream,
  type ChannelLayer,
  type StreamContext,
  type StreamHandler,
} from "../../server/index.ts";
import { Raw, openJson, type JsonSocket } from "../helpers/json-socket.ts";
import { startServer } from "../helpers/start-server.ts";

const hooks: string[] = [];

class Demux extends WebSocketDemultiplexer {
  override groups = ["lobby"];
  override streams: Record<string, StreamHandler> = {
    echo: (payload, context) => context.reply(payload),
    upper: (payload, context) => {
      if (typeof payload !== "string") throw new StreamError("BAD_TEXT", "send a string");
      return context.reply(payload.toUpperCase());
    },
    crash: () => {
      throw new Error("secret internal detail");
    },
    greeter: {
      connect: (context: StreamContext) => context.reply({ hello: context.scope.query.name ?? "stranger" }),
      receive: (payload: unknown, context: StreamContext) => context.reply({ got: payload as string }),
      disconnect: (_context: StreamContext, code: number) => void hooks.push(`greeter disconnect ${code}`),
    },
  };
}

let store: MemoryStore;
let binding: Binding;

function messageBinding(): Binding {
  return new Binding({
    stream: "messages",
    store,
    fields: ["message", "room"],
    groupNames: (record) => [`room-${record.room as string}`],
    validate: (data, action) => {
      if ("message" in data && (typeof data.message !== "string" || data.message === "" || data.message.length > 200))
        return "message must be 1 to 200 characters";
      if ("room" in data && (typeof data.room !== "string" || !/^[a-z]+$/.test(data.room))) return "room must be lowercase letters";
      if (action === "create" && !("room" in data && "message" in data)) return "a new message needs a room and a message";
      return undefined;
    },
    hasPermission: (action, _pk, context) => action !== "delete" || context.scope.query.role !== "viewer",
  });
}

/** Each socket joins the group of its room; a second stream shares the socket. */
class RoomDemux extends WebSocketDemultiplexer {
  override streams: Record<string, StreamHandler> = { messages: binding, echo: (payload, context) => context.reply(payload) };
  override async connect(): Promise<void> {
    const group = `room-${this.scope.params.room}`;
    await this.channelLayer.groupAdd(group, this.channelName);
    this.groups.push(group); // left by the host when the socket closes
    await super.connect();
  }
}

describe("multiplexed streams", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let base: string;
  let layer: ChannelLayer;
  const sockets: JsonSocket["socket"][] = [];

  beforeEach(async () => {
    hooks.length = 0;
    store = new MemoryStore();
    binding = messageBinding();
    server = await startServer({ apps: {}, websockets: { "/ws/multiplex/": Demux, "/ws/rooms/:room/": RoomDemux } });
    base = server.url.replace("http", "ws");
    layer = server.runtime.channelLayer;
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await server.close();
  });

  async function connect(path: string): Promise<JsonSocket> {
    const client = await openJson(`${base}${path}`);
    sockets.push(client.socket);
    return client;
  }

  /** A multiplexer socket, past the greeter's hello. */
  async function demux(): Promise<JsonSocket> {
    const client = await connect("/ws/multiplex/?name=ada");
    expect(await client.next()).toEqual({ stream: "greeter", payload: { hello: "ada" } });
    return client;
  }

  async function echoes(client: JsonSocket, payload: unknown = "probe"): Promise<void> {
    client.send({ stream: "echo", payload });
    expect(await client.next()).toEqual({ stream: "echo", payload });
  }

  it("routes each stream to its handler and replies on that stream", async () => {
    const client = await demux();
    await echoes(client, { nested: [1, 2] });
    client.send({ stream: "upper", payload: "shout" });
    expect(await client.next()).toEqual({ stream: "upper", payload: "SHOUT" });
    client.send({ stream: "greeter", payload: "hi" });
    expect(await client.next()).toEqual({ stream: "greeter", payload: { got: "hi" } });
    client.socket.close(4100);
    await client.closed;
    await expect.poll(() => hooks).toEqual(["greeter disconnect 4100"]);
  });

  it("sends a handler's StreamError on its stream, and a crash without its details", async () => {
    const client = await demux();
    client.send({ stream: "upper", payload: 42 });
    expect(await client.next()).toEqual({ stream: "upper", payload: { type: "error", code: "BAD_TEXT", message: "send a string" } });
    client.send({ stream: "crash", payload: null });
    expect(await client.next()).toEqual({
      stream: "crash",
      payload: { type: "error", code: "HANDLER_ERROR", message: "the server failed to handle this message" },
    });
    expect(server.log.lines.join("\n")).toContain("secret internal detail");
    await echoes(client);
  });

  it("forwards stream messages of its groups on declared streams only", async () => {
    const a = await demux();
    const b = await demux();
    await sendToStream(layer, "lobby", "not-here", { skipped: true });
    await sendToStream(layer, "lobby", "echo", { news: 1 });
    expect(await a.next()).toEqual({ stream: "echo", payload: { news: 1 } });
    expect(await b.next()).toEqual({ stream: "echo", payload: { news: 1 } });
  });

  describe("bad frames: an error reply, the socket stays open", () => {
    it.each<[string, unknown, string]>([
      ["not JSON", new Raw("{stream"), "BAD_MESSAGE"],
      ["an array", [{ stream: "echo", payload: 1 }], "BAD_FRAME"],
      ["a string", "echo", "BAD_FRAME"],
      ["null", null, "BAD_FRAME"],
      ["no stream", { payload: 1 }, "BAD_FRAME"],
      ["a stream that is not a string", { stream: 1, payload: 1 }, "BAD_FRAME"],
      ["no payload", { stream: "echo" }, "BAD_FRAME"],
      ["an unknown stream", { stream: "nope", payload: 1 }, "UNKNOWN_STREAM"],
      ["an inherited name as stream", { stream: "constructor", payload: 1 }, "UNKNOWN_STREAM"],
      ["__proto__ as stream", { stream: "__proto__", payload: 1 }, "UNKNOWN_STREAM"],
      ["a huge stream name", { stream: "s".repeat(100_000), payload: 1 }, "UNKNOWN_STREAM"],
      ["a huge frame", { stream: "echo", payload: "x".repeat(300_000) }, "MESSAGE_TOO_LARGE"],
    ])("%s", async (_name, frame, code) => {
      const client = await demux();
      client.send(frame);
      const reply = (await client.next()) as { message: string };
      expect(reply).toMatchObject({ type: "error", code });
      expect(reply.message.length).toBeLessThan(300);
      await echoes(client);
    });

    it("a binary frame", async () => {
      const client = await demux();
      client.socket.send(Buffer.from('{"stream":"echo","payload":1}'));
      expect(await client.next()).toMatchObject({ type: "error", code: "BAD_MESSAGE" });
      await echoes(client);
    });
  });

  describe("bindings", () => {
    const stream = "messages";

    async function rooms(): Promise<{ alice: JsonSocket; bob: JsonSocket; carol: JsonSocket }> {
      return { alice: await connect("/ws/rooms/a/"), bob: await connect("/ws/rooms/a/"), carol: await connect("/ws/rooms/b/?role=viewer") };
    }

    it("broadcasts create, update and delete to every socket in the record's group, and nobody else", async () => {
      const { alice, bob, carol } = await rooms();
      alice.send({ stream, payload: { action: "create", data: { message: "hello", room: "a" } } });
      const created = { stream, payload: { action: "create", pk: 1, data: { message: "hello", room: "a" } } };
      expect(await alice.next()).toEqual(created);
      expect(await bob.next()).toEqual(created);
      bob.send({ stream, payload: { action: "update", pk: 1, data: { message: "hello, all" } } });
      const updated = { stream, payload: { action: "update", pk: 1, data: { message: "hello, all", room: "a" } } };
      expect(await alice.next()).toEqual(updated);
      expect(await bob.next()).toEqual(updated);
      alice.send({ stream, payload: { action: "delete", pk: 1 } });
      const deleted = { stream, payload: { action: "delete", pk: 1, data: { message: "hello, all", room: "a" } } };
      expect(await alice.next()).toEqual(deleted);
      expect(await bob.next()).toEqual(deleted);
      expect(store.list()).toEqual([]);
      await echoes(carol); // room b heard none of it: its first frame is this reply
    });

    it("tells the group a record leaves a delete and the group it joins a create", async () => {
      const { alice, bob, carol } = await rooms();
      const record = store.create({ message: "moving", room: "a" });
      bob.send({ stream, payload: { action: "update", pk: record.id, data: { room: "b" } } });
      const data = { message: "moving", room: "b" };
      expect(await alice.next()).toEqual({ stream, payload: { action: "delete", pk: record.id, data: { message: "moving", room: "a" } } });
      expect(await carol.next()).toEqual({ stream, payload: { action: "create", pk: record.id, data } });
      expect(await bob.next()).toMatchObject({ payload: { action: "delete" } });
    });

    it("broadcasts changes server code makes through the binding", async () => {
      const { alice, carol } = await rooms();
      const record = await binding.apply({ action: "create", data: { message: "from a route", room: "b" } }, layer);
      expect(await carol.next()).toEqual({
        stream,
        payload: { action: "create", pk: record.id, data: { message: "from a route", room: "b" } },
      });
      await expect(binding.apply({ action: "update", pk: record.id, data: { message: "" } }, layer)).rejects.toThrow(
        "message must be 1 to 200 characters",
      );
      await echoes(alice);
    });

    it.each<[string, string, unknown, string]>([
      ["a payload that is not an object", "/ws/rooms/a/", ["create"], "BAD_REQUEST"],
      ["an unknown action", "/ws/rooms/a/", { action: "drop", pk: 1 }, "UNKNOWN_ACTION"],
      ["a create without data", "/ws/rooms/a/", { action: "create" }, "BAD_DATA"],
      ["data that is a list", "/ws/rooms/a/", { action: "create", data: [["message", "x"]] }, "BAD_DATA"],
      [
        "a field not in the whitelist",
        "/ws/rooms/a/",
        { action: "create", data: { message: "x", room: "a", admin: true } },
        "UNKNOWN_FIELD",
      ],
      ["an id in data", "/ws/rooms/a/", { action: "update", pk: 1, data: { id: 2 } }, "UNKNOWN_FIELD"],
      ["an update without pk", "/ws/rooms/a/", { action: "update", data: { message: "x" } }, "BAD_PK"],
      ["a pk that is an object", "/ws/rooms/a/", { action: "delete", pk: { $gt: 0 } }, "BAD_PK"],
      ["an update of a missing record", "/ws/rooms/a/", { action: "update", pk: 99, data: { message: "x" } }, "NOT_FOUND"],
      ["a pk of the wrong type", "/ws/rooms/a/", { action: "delete", pk: "1" }, "NOT_FOUND"],
      ["an invalid value", "/ws/rooms/a/", { action: "update", pk: 1, data: { message: "" } }, "INVALID"],
      ["an invalid room", "/ws/rooms/a/", { action: "update", pk: 1, data: { room: "../b" } }, "INVALID"],
      ["a create missing a field", "/ws/rooms/a/", { action: "create", data: { message: "x" } }, "INVALID"],
      ["a delete its socket may not make", "/ws/rooms/a/?role=viewer", { action: "delete", pk: 1 }, "FORBIDDEN"],
    ])("refuses %s, changes nothing and broadcasts nothing", async (_name, path, payload, code) => {
      store.create({ message: "keep me", room: "a" });
      const before = store.list();
      const sender = await connect(path);
      const listener = await connect("/ws/rooms/a/");
      sender.send({ stream, payload });
      expect(await sender.next()).toMatchObject({ stream, payload: { type: "error", code } });
      expect(store.list()).toEqual(before);
      await echoes(listener);
      await echoes(sender);
    });

    it("refuses a whitelist that would make the pk writable", () => {
      expect(() => new Binding({ stream, store, fields: ["id", "message"], groupNames: () => [] })).toThrow(/"id" is the pk/);
    });
  });
});
