import { afterEach, describe, expect, it } from "vitest";
import { CLOSE_CODES } from "../../server/protocol/index.ts";
import { startCli, type CliServer } from "../helpers/start-cli.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";

describe("aperture serve on SIGTERM", () => {
  let cli: CliServer | undefined;
  afterEach(() => cli?.stop());

  it("tells open pages to reconnect (4010), stops accepting and exits 0", async () => {
    cli = await startCli(["examples/rolling"]);
    const { wsUrl, token } = await createSession(`${cli.url}/rolling`, "?points=1000");
    const client = await TestClient.connect(wsUrl, token);
    const exited = new Promise<number | null>((resolve) => cli!.process.once("exit", (code) => resolve(code)));
    cli.process.kill("SIGTERM");
    const closed = await client.closed;
    expect(closed.code).toBe(CLOSE_CODES.shuttingDown);
    expect(await exited).toBe(0);
    await expect(fetch(`${cli.url}/`)).rejects.toThrow();
  });
});
