/**
 * A single process restarted without `--secret` signs with a new random key, so it cannot
 * read the tokens of the pages it served before. The page's connection must not stop on
 * "session no longer valid": it reports the session lost, which makes the page start a new
 * session by itself (client/embed.ts), as after a restart with a shared secret.
 */
import WebSocket from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { ClientDocument } from "../../client/document.ts";
import { Connection, type SyncStatus } from "../../client/connection/connection.ts";
import { Slider, type Document } from "../../server/index.ts";
import { freePort } from "../helpers/ports.ts";
import { captureLog } from "../helpers/start-server.ts";
import { serve, type ApertureServer } from "../../server/index.ts";
import { createSession } from "../helpers/ws-client.ts";

/** `ws` as the page's WebSocket; a refused connection is an event, as in a browser. */
class PageWebSocket extends WebSocket {
  constructor(url: string, protocols?: string[]) {
    super(url, protocols);
    this.on("error", () => {});
  }
}

const app = (doc: Document) => doc.addRoot(new Slider({ name: "slider", end: 10 }));

const waitFor = async (test: () => boolean) => {
  while (!test()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe("a page whose single server process restarted without a secret", () => {
  let server: ApertureServer | undefined;
  let connection: Connection | undefined;

  afterEach(async () => {
    connection?.close();
    await server?.close();
  });

  it("reports its session lost (and so starts a new one), not expired for good", { timeout: 60_000 }, async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = PageWebSocket;
    const port = await freePort();
    // What a start without --secret does: a key of its own each time.
    const start = (secret: string) => serve({ apps: { app }, port, address: "127.0.0.1", secret, logger: captureLog() });
    server = await start("the first run's random key");
    const { wsUrl, token } = await createSession(server.appUrls.app!);
    const statuses: SyncStatus[] = [];
    const doc: ClientDocument = new ClientDocument({
      send: (message) => connection!.send(message),
      onChange: () => {},
      onServerError: () => {},
    });
    connection = new Connection({
      url: wsUrl,
      token,
      target: doc,
      onStatus: (status) => statuses.push(status),
      backoff: { baseMs: 50, maxMs: 200 },
    });
    connection.start();
    await waitFor(() => statuses.includes("synced"));

    await server.close();
    server = await start("the second run's random key");
    await waitFor(() => ["lost", "expired", "error"].includes(statuses.at(-1)!));
    expect(statuses.at(-1)).toBe("lost");
  });
});
