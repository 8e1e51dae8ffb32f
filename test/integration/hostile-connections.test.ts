/**
 * Issue 10, item 5: idle and half-open connections. A connection that sends no request is
 * closed after `headersTimeout` (in one process and in the `--num-procs` primary), and one
 * client address holds at most `maxConnectionsPerAddress` connections (sockets included).
 */
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Slider, type Document } from "../../server/index.ts";
import { startCli, type CliServer } from "../helpers/start-cli.ts";
import { startRedis, type RedisServer } from "../helpers/redis-server.ts";
import { startServer } from "../helpers/start-server.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

function app(doc: Document): void {
  doc.addRoot(new Slider({ name: "slider", end: 10 }));
}

/** A raw TCP connection to `url`'s port that sends nothing; resolves once it is connected. */
async function idle(url: string): Promise<{ socket: Socket; closed: Promise<{ received: number }> }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = 0;
  socket.on("data", (chunk) => (received += chunk.length));
  socket.on("error", () => {});
  const closed = new Promise<{ received: number }>((resolve) => socket.once("close", () => resolve({ received })));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  return { socket, closed };
}

describe("connections", () => {
  let server: Server | undefined;
  let cli: CliServer | undefined;
  let redis: RedisServer | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await server?.close();
    await cli?.stop();
    await redis?.stop();
    server = cli = redis = undefined;
  });

  it("closes a connection that sends no request within headersTimeout", async () => {
    server = await startServer({ apps: { app }, headersTimeout: 300 });
    const { socket, closed } = await idle(server.url);
    sockets.push(socket);
    await closed;
    expect(socket.destroyed).toBe(true);
  });

  it("refuses the connections of an address past maxConnectionsPerAddress, sockets included, and serves it again once some close", async () => {
    server = await startServer({ apps: { app }, maxConnectionsPerAddress: 4 });
    const { wsUrl, token } = await createSession(server.appUrls.app!, "", { headers: { connection: "close" } });
    const client = await TestClient.connect(wsUrl, token);
    const held = await Promise.all([0, 1, 2].map(() => idle(server!.url)));
    sockets.push(...held.map((h) => h.socket));
    const refused = await idle(server.url);
    expect(await refused.closed).toEqual({ received: 0 });
    await expect(fetch(`${server.url}/`, { headers: { connection: "close" } })).rejects.toThrow();
    expect(server.log.lines.filter((line) => /refused connections from 127\.0\.0\.1/.test(line))).toHaveLength(1);

    held[0]!.socket.destroy();
    await held[0]!.closed;
    // The session's own socket was never disturbed.
    client.send({ kind: "ping", t: 1 });
    expect(await client.next("pong")).toMatchObject({ t: 1 });
    held[1]!.socket.destroy();
    await held[1]!.closed;
    expect((await fetch(`${server.url}/`, { headers: { connection: "close" } })).status).toBe(200);
    client.socket.terminate();
  });

  it("the --num-procs primary closes a connection that sends no first request line", async () => {
    redis = await startRedis();
    cli = await startCli(["examples/rolling", "--num-procs", "2", "--redis", redis.url, "--headers-timeout", "300"], {
      APERTURE_SECRET_KEY: "test",
    });
    const { socket, closed } = await idle(cli.url);
    sockets.push(socket);
    expect(await closed).toEqual({ received: 0 });
    expect((await fetch(`${cli.url}/rolling`, { headers: { connection: "close" } })).status).toBe(200);
  });
});
