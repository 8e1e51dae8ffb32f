/**
 * Issue 10, item 14: a binding checks that what it stores can be broadcast (a record nested
 * 70 deep was stored, never broadcast, and broke later updates), and a client that makes its
 * consumer fail again and again fills the log with a bounded number of lines.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Binding, MemoryStore, WebSocketDemultiplexer, type StreamHandler } from "../../server/index.ts";
import { openJson, type JsonSocket } from "../helpers/json-socket.ts";
import { startServer } from "../helpers/start-server.ts";

let store: MemoryStore;

class Notes extends WebSocketDemultiplexer {
  override streams: Record<string, StreamHandler> = {
    notes: new Binding({ stream: "notes", store, fields: ["note"], groupNames: () => ["notes"] }),
    crash: () => {
      throw new Error("a bug the client can trigger");
    },
  };
  override async connect(): Promise<void> {
    await this.channelLayer.groupAdd("notes", this.channelName);
    this.groups.push("notes");
    await super.connect();
  }
}

function nested(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = { inner: value };
  return value;
}

describe("bindings and client faults", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let client: JsonSocket;
  beforeEach(async () => {
    store = new MemoryStore();
    server = await startServer({ apps: {}, websockets: { "/ws/notes/": Notes } });
    client = await openJson(`${server.url.replace("http", "ws")}/ws/notes/`);
  });
  afterEach(async () => {
    client.socket.terminate();
    await server.close();
  });

  it("refuses a record nested 70 deep before storing it (BAD_DATA), and a plain one is stored and broadcast", async () => {
    client.send({ stream: "notes", payload: { action: "create", data: { note: nested(70) } } });
    expect(await client.next()).toMatchObject({ stream: "notes", payload: { type: "error", code: "BAD_DATA" } });
    expect(store.list()).toEqual([]);
    client.send({ stream: "notes", payload: { action: "create", data: { note: nested(10) } } });
    expect(await client.next()).toMatchObject({ stream: "notes", payload: { action: "create", data: { note: nested(10) } } });
    expect(store.list()).toHaveLength(1);
    expect(server.log.lines.filter((line) => line.startsWith("error"))).toEqual([]);
  });

  it("logs at most 20 of one socket's handler failures, then one line saying the rest are not logged", async () => {
    for (let i = 0; i < 100; i++) client.send({ stream: "crash", payload: i });
    for (let i = 0; i < 100; i++) expect(await client.next()).toMatchObject({ stream: "crash", payload: { code: "HANDLER_ERROR" } });
    expect(server.log.lines.filter((line) => line.includes("a bug the client can trigger"))).toHaveLength(20);
    expect(server.log.lines.filter((line) => line.includes("are not logged"))).toHaveLength(1);
  });
});
