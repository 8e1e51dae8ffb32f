/** `aperture serve --log-level` and `--log-format` against the real CLI. */
import { get } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, startCli, type CliServer } from "../../helpers/start-cli.ts";
import { createSession } from "../../helpers/ws-client.ts";

const PROBE = "test/fixtures/apps/probe.ts";

describe("aperture serve: logging", () => {
  let cli: CliServer | undefined;
  afterEach(async () => {
    await cli?.stop();
    cli = undefined;
  });

  it("--log-format writes each line in the Python logging format given", async () => {
    cli = await startCli([PROBE, "--log-format", "[%(levelname)s] %(name)s: %(message)s"]);
    await createSession(`${cli.url}/probe`);
    expect(await cli.waitForLine(/session \S+ created/)).toMatch(/^\[INFO\] aperture: app probe: session \S+ created$/);
  });

  it("--log-level warning leaves out info lines and keeps warnings", async () => {
    cli = await startCli([PROBE, "--log-level", "warning", "--log-format", "%(levelname)s %(message)s"]);
    await createSession(`${cli.url}/probe`);
    await cli.waitForLine(/^probe session /);
    // A Host nobody allowed is refused with a warning: it is logged, the session's info line is not.
    await new Promise<void>((resolve, reject) =>
      get(`${cli!.url}/probe`, { headers: { host: "rebind.example" } }, (response) => response.resume().on("end", resolve)).on(
        "error",
        reject,
      ),
    );
    expect(await cli.waitForLine(/^WARNING refused a request for Host rebind\.example/)).toBeTruthy();
    expect(cli.output()).not.toMatch(/session \S+ created/);
  });

  it("--stats-log-frequency 100 logs what the channel layer could not deliver (the default reports every 15 s)", async () => {
    cli = await startCli([PROBE, "--stats-log-frequency", "100", "--layer-capacity", "1"]);
    // A member channel already full: the group's message to it is dropped, and counted.
    const { channel } = (await (await fetch(`${cli.url}/probe/layer?join=1&fill=1`)).json()) as { channel: string };
    await fetch(`${cli.url}/probe/layer?channel=${channel}&groupSend=1`);
    expect(await cli.waitForLine(/channels: not delivered since the last report/)).toMatch(/full/);
  });

  it("refuses an unknown level or format field, naming what is allowed", async () => {
    expect((await runCli([PROBE, "--log-level", "loud"])).output).toContain(
      "log level must be one of trace, debug, info, warning, error, critical, got loud",
    );
    expect((await runCli([PROBE, "--log-format", "%(when)s %(message)s"])).output).toContain("log format: unknown field %(when)s");
  });
});
