/** `aperture serve`'s session and socket flags, each shown against the real CLI. */
import { afterEach, describe, expect, it } from "vitest";
import { CLOSE_CODES } from "../../../server/protocol/index.ts";
import { startCli, type CliServer } from "../../helpers/start-cli.ts";
import { TestClient, createSession } from "../../helpers/ws-client.ts";

const PROBE = "test/fixtures/apps/probe.ts";

describe("aperture serve: sessions and sockets", () => {
  let cli: CliServer | undefined;
  afterEach(async () => {
    await cli?.stop();
    cli = undefined;
  });

  it("--keep-alive 50 pings an open socket every 50 ms (the default is 10 s)", async () => {
    cli = await startCli([PROBE, "--keep-alive", "50"]);
    const { wsUrl, token } = await createSession(`${cli.url}/probe`);
    const client = await TestClient.connect(wsUrl, token);
    let pings = 0;
    await new Promise<void>((resolve) => client.socket.on("ping", () => ++pings === 3 && resolve()));
    expect(pings).toBe(3);
    await client.close();
  });

  it("--unused-session-lifetime and --check-unused-sessions destroy a session no page connected to", async () => {
    cli = await startCli([PROBE, "--unused-session-lifetime", "200", "--check-unused-sessions", "50"]);
    await createSession(`${cli.url}/probe`);
    const created = JSON.parse((await cli.waitForLine(/^probe session /)).replace(/^probe session /, "")) as { id: string };
    // With the defaults (60 s, every 5 s) this line would come after the test's timeout.
    expect(await cli.waitForLine(/^probe destroyed /)).toBe(`probe destroyed ${created.id}`);
  });

  it("--session-token-expiration 3 makes a token useless for new sockets 3 s after it was issued (the default is an hour)", async () => {
    cli = await startCli([PROBE, "--session-token-expiration", "3"]);
    const { wsUrl, token } = await createSession(`${cli.url}/probe`);
    const first = await TestClient.connect(wsUrl, token);
    await first.close();
    // Waits on the token's state: each try opens a socket, until the server refuses the token.
    await expect
      .poll(
        async () => {
          const client = await TestClient.connect(wsUrl, token, { hello: false });
          const closed = await Promise.race([client.closed, client.close()]);
          return closed;
        },
        { interval: 300, timeout: 10_000 },
      )
      .toEqual({ code: CLOSE_CODES.badToken, reason: "token expired" });
  });

  it("--websocket-max-message-size closes a socket that sends a larger message (1009), and lets a smaller one through", async () => {
    cli = await startCli([PROBE, "--websocket-max-message-size", "2048"]);
    const { wsUrl, token } = await createSession(`${cli.url}/probe`);
    const small = await TestClient.connect(wsUrl, token);
    // 1,500 bytes get through and are answered (an event for a model that does not exist).
    const reqId = small.reqId();
    small.send({ kind: "event", reqId, model: "none", name: "click", payload: "x".repeat(1500) });
    const answer = await small.next("error");
    expect(answer).toMatchObject({ reqId });
    small.sendRaw("x".repeat(4096));
    expect((await small.closed).code).toBe(1009);
  });
});
