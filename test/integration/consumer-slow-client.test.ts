/**
 * Issue 11, item 6: a consumer socket whose client never reads loses messages visibly. Frames
 * past the send bound are dropped and counted, the socket is closed 4009 once it has lost
 * `maxDroppedMessages`, the log says so in one line, and `runtime.stats()` / `/_stats` show it.
 */
import { setImmediate as yieldToLoop, setTimeout as delay } from "node:timers/promises";
import type { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { JsonWebSocketConsumer } from "../../server/index.ts";
import type { ChannelMessage } from "../../server/index.ts";
import { CLOSE_CODES } from "../../server/protocol/index.ts";
import { startServer } from "../helpers/start-server.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

class Feed extends JsonWebSocketConsumer {
  override groups = ["feed"];

  async feedItem(message: ChannelMessage): Promise<void> {
    await this.sendJson(message.item);
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(10);
  }
}

const SENT = 1_200;
const PAD = "x".repeat(16 * 1024);

describe("a consumer socket that never reads", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("is closed 4009 after losing maxDroppedMessages, and every message is either received or counted", async () => {
    const started = Date.now();
    server = await startServer({
      apps: {},
      websockets: { "/ws/feed/": Feed },
      maxBufferedBytes: 1024 * 1024, // frames are dropped past 256 KiB unsent
      maxDroppedMessages: 50,
      statsLogFrequency: 20,
      statsEndpoint: true,
    });
    const socket = new WebSocket(`${server.url.replace(/^http/, "ws")}/ws/feed/`);
    const received: unknown[] = [];
    socket.on("message", (data: Buffer) => received.push(JSON.parse(data.toString())));
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    await new Promise((resolve) => socket.once("open", resolve));
    const tcp = (socket as unknown as { _socket: Socket })._socket;
    tcp.pause(); // the client stops reading; the kernel buffers fill, then the server's
    const { runtime } = server;
    await until(() => runtime.consumers.stats.open === 1, "the consumer to join its group");

    for (let n = 0; n < SENT; n++) {
      await runtime.channelLayer.groupSend("feed", { type: "feed.item", item: { n, pad: PAD } });
      await yieldToLoop(); // let the consumer's listener take each message (a sender, not a sleep)
    }
    await until(() => runtime.consumers.stats.closedSlow === 1, "the 4009 close");
    const stats = runtime.stats();
    expect(stats.consumers.droppedFrames).toBeGreaterThanOrEqual(50);
    await until(() => server!.log.lines.some((line) => line.includes("consumer sockets closed 4009")), "the report line");
    const reports = server.log.lines.filter((line) => line.includes("channels: not delivered"));
    // A bound, not a timing: at most one line per 20 ms report, never one per message or socket.
    expect(reports.length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 20) + 1);
    expect(reports.length).toBeLessThan(stats.consumers.droppedFrames);
    const endpoint = (await (await fetch(`${server.url}/_stats`)).json()) as { channels: typeof stats };
    expect(endpoint.channels.consumers.closedSlow).toBe(1);

    tcp.resume();
    expect(await closed).toBe(CLOSE_CODES.slowClient);
    const accounted = () => received.length + runtime.stats().consumers.droppedFrames + runtime.stats().layer.droppedFull;
    await until(() => accounted() === SENT, `all ${SENT} messages to be received or counted (${accounted()})`);
    expect(received.length).toBeLessThan(SENT);
  });
});
