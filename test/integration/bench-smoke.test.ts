/**
 * The benchmark suite must not rot: each measurement of `npm run bench` runs once at its
 * smallest size and must produce a finite number. No timing assertions: speed is what the
 * bench reports, not what tests judge.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../bench/browser.ts";
import { measureCompute } from "../../bench/compute.ts";
import { measureEventLoop } from "../../bench/event-loop.ts";
import { formatHostile, measureHostile } from "../../bench/hostile.ts";
import { measureFanout, measureSustained } from "../../bench/fanout.ts";
import { measurePageLoad } from "../../bench/page-load.ts";
import { summarizeProfile } from "../../bench/profile.ts";
import type { BenchResults } from "../../bench/results.ts";
import { PROJECT_ROOT, startServerChild, type ServerChild } from "../../bench/server-process.ts";
import { measureCreation, measureIdleMemory } from "../../bench/sessions.ts";
import { measureSlider } from "../../bench/slider.ts";
import { measureStreamingBrowser, measureStreamingLight, type StreamingOptions } from "../../bench/streaming.ts";
import { measureConsumerFanout, measureConsumerMemory } from "../../bench/consumers.ts";
import { buildRows, formatTable } from "../../bench/table.ts";
import { measureLightWire } from "../../bench/wire.ts";
import { startRedis, type RedisServer } from "../helpers/redis-server.ts";

const finite = (value: number) => expect(Number.isFinite(value), `${value} is not a finite number`).toBe(true);

// Sequential by design: each test records its figures in `results`, the table test reads them
// all, and the profile test stops the shared server child last. Timeouts are the bench-smoke
// project's (vite.config.ts), long enough for a loaded machine.
describe.sequential("npm run bench, each measurement once at its smallest size", () => {
  const results: BenchResults = { failed: {} };
  const profileDir = mkdtempSync(join(tmpdir(), "aperture-bench-smoke-"));
  let server: ServerChild;
  let redis: RedisServer;

  beforeAll(async () => {
    [server, redis] = await Promise.all([startServerChild({ cpuProfileDir: profileDir }), startRedis()]);
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), redis?.stop()]);
    rmSync(profileDir, { recursive: true, force: true });
  });

  it("times the rolling callback's compute", () => {
    finite(measureCompute({ points: 1_000, warmup: 0, runs: 1 }).median);
  });

  it("counts the bytes of a slider update with a light client, float64 and float32", async () => {
    results.wire = [];
    for (const app of ["rolling", "rolling32"] as const) {
      const result = await measureLightWire(server, { app, points: 1_000, warmup: 0, runs: 1 });
      finite(result.bytesPerUpdate);
      finite(result.ratio);
      results.wire.push(result);
    }
  });

  it("measures the session creation rate until the snapshot arrives", async () => {
    results.creation = await measureCreation(server, { points: 1_000, batch: 2, batches: 1, warmupBatches: 0, concurrency: 1 });
    finite(results.creation.perSecond.median);
    finite(results.creation.latency.median);
  });

  it("measures the server's memory per idle session in a child of its own", async () => {
    const result = await measureIdleMemory(() => startServerChild(), { points: 1_000, counts: [0, 2], runs: 1, concurrency: 2 });
    finite(result.rssPerSession.median);
    finite(result.rssPerSessionWithoutGc.median);
    finite(result.heapAndExternalPerSession.median);
    results.memory = [result];
  });

  it("reads the server's event-loop delay while sessions get periodic updates", async () => {
    results.eventLoop = await measureEventLoop(server, { sessions: 2, everyMs: 50, rows: 1, warmupMs: 0, windows: 1, windowMs: 200 });
    finite(results.eventLoop.p99.median);
    finite(results.eventLoop.updatesPerSecond.median);
  });

  it("times one group message to members in memory and through Redis with 1 and 2 processes", async () => {
    const options = { members: 4, warmup: 0, runs: 1 };
    const memory = await measureFanout({ layer: "memory" }, options);
    const redis1 = await measureFanout({ layer: "redis", redisUrl: redis.url, processes: 1 }, options);
    const redis2 = await measureFanout({ layer: "redis", redisUrl: redis.url, processes: 2 }, options);
    for (const result of [memory, redis1, redis2]) {
      finite(result.allDelivered.median);
      finite(result.perClient.median);
    }
    const sustained = { members: 4, windows: 1, windowMs: 100, warmupMs: 0 };
    const sustainedMemory = await measureSustained({ layer: "memory" }, sustained);
    const sustainedRedis = await measureSustained({ layer: "redis", redisUrl: redis.url, processes: 1 }, sustained);
    finite(sustainedMemory.deliveriesPerSecond.median);
    finite(sustainedRedis.deliveriesPerSecond.median);
    results.fanout = { memory: [memory], redis1: [redis1], redis2: [redis2], sustainedMemory, sustainedRedis };
  });

  it("times one group message to connected WebSocket consumers, in memory and through Redis with 1 and 2 processes", async () => {
    const options = { consumers: [4], warmup: 0, runs: 1 };
    const [memory] = await measureConsumerFanout({ layer: "memory" }, options);
    const [redis1] = await measureConsumerFanout({ layer: "redis", redisUrl: redis.url, processes: 1 }, options);
    const [redis2] = await measureConsumerFanout({ layer: "redis", redisUrl: redis.url, processes: 2 }, options);
    for (const result of [memory!, redis1!, redis2!]) {
      finite(result.allDelivered.median);
      finite(result.perClient.median);
      finite(result.handedOver.median);
    }
    results.consumers = { memory: [memory!], redis1: [redis1!], redis2: [redis2!] };
  });

  it("measures the server's memory per idle WebSocket consumer in a child of its own", async () => {
    results.consumerMemory = await measureConsumerMemory({ counts: [0, 2], runs: 1, warmup: 1 });
    finite(results.consumerMemory.rssPerConsumer.median);
    finite(results.consumerMemory.heapAndExternalPerConsumer.median);
  });

  const streaming: StreamingOptions = { everyMs: 50, rows: [10], rollover: 100, warmupMs: 0, windowMs: 200, sampleMs: 50, maxGrowth: 0.05 };

  it("measures the points per second light sessions keep up with", async () => {
    const light = await measureStreamingLight(server, { ...streaming, sessions: 2 });
    finite(light.pointsPerSecond);
    finite(light.steps[0]!.growthPerSecond);
    results.streaming = { ...results.streaming, light };
  });

  it("measures the slider round trip, its floor, bytes per update and page load in Chromium", async () => {
    const browser = await launchChromium();
    try {
      const slider = await measureSlider(browser, server, { points: 1_000, warmup: 0, runs: 1, floorRuns: 1 });
      for (const value of [slider.roundTrip.median, slider.floor.median, slider.overhead, slider.wire.bytesPerUpdate]) finite(value);
      results.slider = [slider];
      results.pageLoad = await measurePageLoad(browser, server, { points: 1_000, warmup: 0, runs: 1 });
      finite(results.pageLoad.firstPaint.median);
      finite(results.pageLoad.bytes.median);
      const inBrowser = await measureStreamingBrowser(browser, server, streaming);
      finite(inBrowser.pointsPerSecond);
      finite(inBrowser.steps[0]!.growthPerSecond);
      results.streaming = { ...results.streaming, browser: inBrowser };
    } finally {
      await browser.close();
    }
  });

  it("runs each hostile client against the real CLI and reads the server's memory and another session's pings", async () => {
    const hostile = await measureHostile({ root: PROJECT_ROOT, seconds: 0.5 });
    expect(hostile.map((result) => result.attack)).toHaveLength(4);
    for (const result of hostile) {
      finite(result.rssGrowthMiB);
      finite(result.served);
    }
    expect(formatHostile(hostile)).toContain("| 1 unread socket |");
  });

  it("prints the table, every figure measured", () => {
    // Says which measurement is missing when an earlier test failed, before the table does.
    const sections = [
      "wire",
      "creation",
      "memory",
      "eventLoop",
      "fanout",
      "consumers",
      "consumerMemory",
      "streaming",
      "slider",
      "pageLoad",
    ];
    expect(sections.filter((section) => !(section in results))).toEqual([]);
    const table = formatTable(buildRows(results));
    expect(table).toContain("sessions created per second");
    expect(table).toContain("connected WebSocket consumers");
    expect(table).toContain("per idle WebSocket consumer");
    expect(table).toContain("streaming: points/s");
    expect(table).not.toContain("n/a");
    expect(table).not.toContain("failed:");
  });

  it("summarizes the server child's CPU profile", async () => {
    await server.stop();
    const profile = readdirSync(profileDir).find((file) => file.endsWith(".cpuprofile"));
    expect(profile, "the server child wrote no CPU profile").toBeDefined();
    finite(summarizeProfile(join(profileDir, profile!)).busyMs);
  });
});
