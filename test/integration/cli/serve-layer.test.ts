/** `aperture serve`'s channel-layer flags against the real CLI (the in-memory layer; a Redis one takes the same settings). */
import { afterEach, describe, expect, it } from "vitest";
import { startCli, type CliServer } from "../../helpers/start-cli.ts";

const PROBE = "test/fixtures/apps/probe.ts";

interface LayerAnswer {
  channel: string;
  sent: number;
  refused?: string;
  stats: { groupExpired: number };
}

async function layer(cli: CliServer, query: string): Promise<LayerAnswer> {
  return (await (await fetch(`${cli.url}/probe/layer?${query}`)).json()) as LayerAnswer;
}

describe("aperture serve: the channel layer", () => {
  let cli: CliServer | undefined;
  afterEach(async () => {
    await cli?.stop();
    cli = undefined;
  });

  it("--layer-capacity 2 makes a channel refuse its third unread message (ChannelFull); without it a channel holds 100", async () => {
    cli = await startCli([PROBE, "--layer-capacity", "2"]);
    expect(await layer(cli, "fill=5")).toMatchObject({ sent: 2, refused: "ChannelFull" });
    await cli.stop();
    cli = await startCli([PROBE]);
    expect(await layer(cli, "fill=101")).toMatchObject({ sent: 100, refused: "ChannelFull" });
  });

  it("--layer-expiry 2 discards an unread message after 2 s, so its room in a full channel comes back", async () => {
    cli = await startCli([PROBE, "--layer-capacity", "1", "--layer-expiry", "2"]);
    const { channel } = await layer(cli, "fill=1");
    expect(await layer(cli, `channel=${channel}&fill=1`)).toMatchObject({ sent: 0, refused: "ChannelFull" });
    await expect.poll(async () => (await layer(cli!, `channel=${channel}&fill=1`)).sent, { interval: 100, timeout: 15_000 }).toBe(1);
  });

  it("--layer-group-expiry 2 ends a group membership with no sign of life after 2 s (the default lasts a day)", async () => {
    cli = await startCli([PROBE, "--layer-group-expiry", "2"]);
    const { channel } = await layer(cli, "join=1");
    expect((await layer(cli, `channel=${channel}&groupSend=1`)).stats.groupExpired).toBe(0);
    await expect.poll(async () => (await layer(cli!, "groupSend=1")).stats.groupExpired, { interval: 100, timeout: 15_000 }).toBe(1);
  });
});
