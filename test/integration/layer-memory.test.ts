import { afterEach, describe, expect, it } from "vitest";
import {
  InMemoryChannelLayer,
  RedisChannelLayer,
  createChannelLayer,
  getChannelLayer,
  setChannelLayer,
} from "../../server/channels/index.ts";
import { describeLayerContract } from "./layer.contract.ts";

describeLayerContract("InMemoryChannelLayer", (options) => new InMemoryChannelLayer(options));

describe("InMemoryChannelLayer", () => {
  it("fans one group message out to 5,000 waiting receivers in linear time", async () => {
    const layer = new InMemoryChannelLayer();
    const channels = await Promise.all(Array.from({ length: 5000 }, () => layer.newChannel()));
    for (const channel of channels) await layer.groupAdd("everyone", channel);
    const received = Promise.all(channels.map((channel) => layer.receive(channel)));
    await layer.groupSend("everyone", { type: "broadcast" });
    expect((await received).every((m) => m.type === "broadcast")).toBe(true);
    expect(layer.stats()).toMatchObject({ delivered: 5000, droppedFull: 0 });
    await layer.close();
  });
});

describe("createChannelLayer / getChannelLayer", () => {
  const saved = process.env.APERTURE_REDIS_URL;
  afterEach(async () => {
    if (saved === undefined) delete process.env.APERTURE_REDIS_URL;
    else process.env.APERTURE_REDIS_URL = saved;
    await setChannelLayer(undefined)?.close();
  });

  it("picks the in-memory layer without a Redis URL", async () => {
    delete process.env.APERTURE_REDIS_URL;
    const layer = createChannelLayer();
    expect(layer).toBeInstanceOf(InMemoryChannelLayer);
    await layer.close();
  });

  it("picks Redis from APERTURE_REDIS_URL, read when called", async () => {
    process.env.APERTURE_REDIS_URL = "redis://127.0.0.1:1";
    const layer = createChannelLayer({ redisOptions: { lazyConnect: true }, onError: () => undefined });
    expect(layer).toBeInstanceOf(RedisChannelLayer);
    await layer.close();
  });

  it("returns one process-wide layer until another is set", async () => {
    delete process.env.APERTURE_REDIS_URL;
    const first = getChannelLayer();
    expect(getChannelLayer()).toBe(first);
    const mine = new InMemoryChannelLayer();
    expect(setChannelLayer(mine)).toBe(first);
    expect(getChannelLayer()).toBe(mine);
    await first.close();
  });
});
