/**
 * The `--num-procs` primary hands each connection to a worker. A page that sends `hello` the
 * moment its socket opens must be answered: 500 sockets opened at once through the primary of
 * the real CLI, each greeting at once, every one gets the server's `hello` and a snapshot.
 * (Before: the primary's copy of a handed-over socket kept reading, so it could swallow the
 * first frame; 4 to 7 of 200 went unanswered.)
 */
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION, decodeServerMessage, encodeFrame, socketProtocols } from "../../server/protocol/index.ts";
import { startCli, type CliServer } from "../helpers/start-cli.ts";
import { startRedis, type RedisServer } from "../helpers/redis-server.ts";
import { createSession } from "../helpers/ws-client.ts";

const SOCKETS = 500;

/** Opens a socket, says hello the moment it opens, resolves true once the snapshot arrives (false if it closes first). */
function greetAtOnce(wsUrl: string, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsUrl, socketProtocols(token));
    socket.on("open", () => socket.send(encodeFrame({ kind: "hello", protocol: PROTOCOL_VERSION })));
    socket.on("message", (data: Buffer, isBinary) => {
      const decoded = decodeServerMessage(isBinary ? data : data.toString("utf8"));
      if (decoded.ok && decoded.value.kind === "doc") {
        resolve(true);
        socket.terminate();
      }
    });
    socket.on("error", () => resolve(false));
    socket.on("close", () => resolve(false));
  });
}

describe("the --num-procs primary handing sockets to workers", () => {
  let redis: RedisServer;
  let cli: CliServer;

  beforeAll(async () => {
    redis = await startRedis();
    cli = await startCli(
      [
        "test/fixtures/apps/light.ts",
        "--num-procs",
        "2",
        "--redis",
        redis.url,
        "--max-sessions-per-address",
        "2000",
        "--max-connections-per-address",
        "0",
      ],
      { APERTURE_SECRET_KEY: "handoff" },
    );
  }, 60_000);

  afterAll(async () => {
    await cli?.stop();
    await redis?.stop();
  });

  it(`answers every one of ${SOCKETS} sockets that send hello at once`, { timeout: 180_000 }, async () => {
    const sessions: { wsUrl: string; token: string }[] = [];
    while (sessions.length < SOCKETS) {
      sessions.push(...(await Promise.all(Array.from({ length: 25 }, () => createSession(`${cli.url}/light`)))));
    }
    const answered = await Promise.all(sessions.map(({ wsUrl, token }) => greetAtOnce(wsUrl, token)));
    expect(answered.filter((ok) => !ok)).toHaveLength(0);
  });
});
