/**
 * `npm run bench [-- --quick] [--only=slider,page-load,…] [--profile]`: measures what users
 * feel against the physical floor (issue 5), prints a table beside the targets and writes
 * bench/results/latest.json. See docs/benchmarks.md.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import type { Browser } from "@playwright/test";
import { startRedis, type RedisServer } from "../test/helpers/redis-server.ts";
import { launchChromium } from "./browser.ts";
import { FULL, QUICK, type BenchConfig } from "./config.ts";
import { measureEventLoop } from "./event-loop.ts";
import { measureFanout, measureSustained } from "./fanout.ts";
import { measureFreshRss } from "./fresh-rss.ts";
import { measurePageLoad } from "./page-load.ts";
import { locateInBundle } from "./page-profile.ts";
import { formatProfile, summarizeProfile, type ProfileSummary } from "./profile.ts";
import type { BenchFile, BenchResults, ConsumerResults, FanoutResults } from "./results.ts";
import { PROJECT_ROOT, startServerChild, type ServerChild } from "./server-process.ts";
import { measureCreation, measureIdleMemory } from "./sessions.ts";
import { measureBundle } from "./bundle.ts";
import { measureSlider } from "./slider.ts";
import { measureSoak, type SoakResult } from "./soak.ts";
import { measureStreamingBrowser, measureStreamingLight } from "./streaming.ts";
import { measureConsumerFanout, measureConsumerMemory } from "./consumers.ts";
import { buildRows, formatTable } from "./table.ts";
import { measureLightWire } from "./wire.ts";
import { formatHostile, measureHostile } from "./hostile.ts";

const RESULTS_DIR = join(PROJECT_ROOT, "bench/results");
const PROFILE_DIR = join(RESULTS_DIR, "profiles");
const SECTIONS = [
  "slider",
  "page-load",
  "wire",
  "creation",
  "event-loop",
  "memory",
  "fresh-rss",
  "fanout",
  "consumers",
  "consumer-memory",
  "streaming",
  "soak",
  "hostile",
] as const;
type Section = (typeof SECTIONS)[number];

interface Args {
  quick: boolean;
  profile: boolean;
  only: Section[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, profile: false, only: [...SECTIONS] };
  for (const arg of argv) {
    if (arg === "--quick") args.quick = true;
    else if (arg === "--profile") args.profile = true;
    else if (arg.startsWith("--only=")) {
      const names = arg.slice("--only=".length).split(",");
      const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
      if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(", ")}; known: ${SECTIONS.join(", ")}`);
      args.only = names as Section[];
    } else throw new Error(`unknown option ${arg}; use --quick, --only=${SECTIONS.join(",")}, --profile`);
  }
  // A profile is of the server during the slider run, unless sections were named.
  if (args.profile && !argv.some((arg) => arg.startsWith("--only="))) args.only = ["slider"];
  return args;
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Processes and browsers this run started, stopped in reverse order, also on Ctrl-C. */
const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!().catch((error: unknown) => log(`cleanup: ${String(error)}`));
}

function ensureClientBuilt(): void {
  if (existsSync(join(PROJECT_ROOT, "dist/client/.vite/manifest.json"))) return;
  log("building the client bundle (npm run build)…");
  execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { cwd: PROJECT_ROOT, stdio: "inherit" });
}

async function section(results: BenchResults, name: string, run: () => Promise<void>): Promise<void> {
  const t0 = performance.now();
  log(`${name}…`);
  try {
    await run();
    log(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    results.failed[name] = error instanceof Error ? error.message : String(error);
    log(`${name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

interface Context {
  config: BenchConfig;
  profile: boolean;
  results: BenchResults;
  server: () => Promise<ServerChild>;
  browser: () => Promise<Browser>;
}

async function runFanout(config: BenchConfig): Promise<FanoutResults> {
  const redis: RedisServer = await startRedis();
  const stopRedis = () => redis.stop();
  cleanups.push(stopRedis);
  const each = (kind: Parameters<typeof measureFanout>[0]) => async () => {
    const list = [];
    for (const members of config.fanout.members) list.push(await measureFanout(kind, { ...config.fanout, members }));
    return list;
  };
  const fanout: FanoutResults = {
    memory: await each({ layer: "memory" })(),
    redis1: await each({ layer: "redis", redisUrl: redis.url, processes: 1 })(),
    redis2: await each({ layer: "redis", redisUrl: redis.url, processes: 2 })(),
    sustainedMemory: await measureSustained({ layer: "memory" }, config.sustained),
    sustainedRedis: await measureSustained({ layer: "redis", redisUrl: redis.url, processes: 1 }, config.sustained),
  };
  cleanups.splice(cleanups.indexOf(stopRedis), 1);
  await stopRedis();
  return fanout;
}

async function runConsumers(config: BenchConfig): Promise<ConsumerResults> {
  const redis: RedisServer = await startRedis();
  const stopRedis = () => redis.stop();
  cleanups.push(stopRedis);
  const options = config.consumers;
  log("  consumers, in memory");
  const memory = await measureConsumerFanout({ layer: "memory" }, options);
  log("  consumers, Redis, 1 process");
  const redis1 = await measureConsumerFanout({ layer: "redis", redisUrl: redis.url, processes: 1 }, options);
  log("  consumers, Redis, 2 processes");
  const redis2 = await measureConsumerFanout({ layer: "redis", redisUrl: redis.url, processes: 2 }, options);
  cleanups.splice(cleanups.indexOf(stopRedis), 1);
  await stopRedis();
  return { memory, redis1, redis2 };
}

const RUNNERS: Record<Section, (ctx: Context) => Promise<void>> = {
  slider: async ({ config, results, server, browser, profile }) => {
    results.slider = [];
    for (const options of config.slider) {
      log(`  slider at ${options.points} points${options.everyRow ? ", every row" : ""}${options.webgl ? ", WebGL" : ""}`);
      const pageProfilePath = profile ? join(PROFILE_DIR, pageProfileName(options.points)) : undefined;
      results.slider.push(
        await measureSlider(await browser(), await server(), { ...options, ...(pageProfilePath ? { pageProfilePath } : {}) }),
      );
    }
  },
  "page-load": async ({ config, results, server, browser }) => {
    results.bundle = measureBundle();
    results.pageLoad = await measurePageLoad(await browser(), await server(), config.pageLoad);
  },
  wire: async ({ config, results, server }) => {
    results.wire = [];
    for (const app of ["rolling", "rolling32"] as const) results.wire.push(await measureLightWire(await server(), { app, ...config.wire }));
  },
  creation: async ({ config, results, server }) => {
    results.creation = await measureCreation(await server(), config.creation);
  },
  "event-loop": async ({ config, results, server }) => {
    results.eventLoop = await measureEventLoop(await server(), config.eventLoop);
  },
  memory: async ({ config, results }) => {
    results.memory = [];
    for (const points of config.memory.points) {
      log(`  idle sessions at ${points} points`);
      results.memory.push(await measureIdleMemory(() => startServerChild(), { ...config.memory, points }));
    }
  },
  "fresh-rss": async ({ config, results }) => {
    results.freshRss = await measureFreshRss(config.freshRss);
  },
  fanout: async ({ config, results }) => {
    results.fanout = await runFanout(config);
  },
  consumers: async ({ config, results }) => {
    results.consumers = await runConsumers(config);
  },
  "consumer-memory": async ({ config, results }) => {
    results.consumerMemory = await measureConsumerMemory(config.consumerMemory);
  },
  streaming: async ({ config, results, server, browser }) => {
    log("  streaming to one Chromium page");
    const inBrowser = await measureStreamingBrowser(await browser(), await server(), config.streamingBrowser);
    log(`  streaming to ${config.streamingLight.sessions} light sessions`);
    const light = await measureStreamingLight(await server(), config.streamingLight);
    results.streaming = { browser: inBrowser, light };
  },
  soak: async ({ config, results, server }) => {
    const { tickerSessions, rollingSessions, durationMs } = config.soak;
    log(`  soak: ${tickerSessions} streaming + ${rollingSessions} rolling light sessions for ${durationMs / 1000} s`);
    results.soak = await measureSoak(await server(), config.soak);
    logSoak(results.soak);
  },
  hostile: async ({ config, results }) => {
    const root = process.env.APERTURE_HOSTILE_ROOT ?? PROJECT_ROOT;
    results.hostile = await measureHostile({ root, seconds: config.hostileSeconds });
    process.stdout.write(`\nhostile clients against ${root}:\n${formatHostile(results.hostile)}\n`);
  },
};

function logSoak(soak: SoakResult): void {
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1).padStart(8);
  log("     t (s)   RSS MiB  heap MiB   ext MiB");
  for (const s of soak.samples) log(`  ${s.t.toFixed(0).padStart(8)}  ${mib(s.rss)}  ${mib(s.heapUsed)}  ${mib(s.external)}`);
  const g = soak.growthPerHour;
  log(
    `  growth per hour after warm-up: RSS ${mib(g.rss)} MiB, heap ${mib(g.heapUsed)} MiB, external ${mib(g.external)} MiB (${soak.sliderMoves} slider moves)`,
  );
}

/** Lazily started, shared: one server child and one browser for the sections that need them. */
function lazy<T>(start: () => Promise<T>, stop: (value: T) => Promise<unknown>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => {
    if (!started) {
      started = start();
      cleanups.push(async () => stop(await started!));
    }
    return started;
  };
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: PROJECT_ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

const pageProfileName = (points: number) => `page-${points}.cpuprofile`;

/**
 * The server's main-thread profile: Node names them CPU.<date>.<time>.<pid>.<thread>.<n>, and
 * tsx's loader runs on a worker thread (thread 1) that writes one too.
 */
function mainThreadProfile(): string | undefined {
  if (!existsSync(PROFILE_DIR)) return undefined;
  const files = readdirSync(PROFILE_DIR).filter((file) => /\.0\.\d+\.cpuprofile$/.test(file));
  return files.map((file) => join(PROFILE_DIR, file)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

function readProfiles(config: BenchConfig): ProfileSummary[] {
  const profiles: ProfileSummary[] = [];
  const server = mainThreadProfile();
  if (server) profiles.push(summarizeProfile(server, { title: "server child (whole run)" }));
  const locate = locateInBundle();
  for (const { points } of config.slider) {
    const path = join(PROFILE_DIR, pageProfileName(points));
    if (existsSync(path)) profiles.push(summarizeProfile(path, { title: `page during the measured moves, ${points} points`, locate }));
  }
  return profiles;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = args.quick ? QUICK : FULL;
  const t0 = performance.now();
  // Other work on the machine skews every figure: the 1-minute load average is recorded.
  const loadAtStart = loadavg()[0]!;
  if (loadAtStart > cpus().length / 2) {
    log(`warning: load average ${loadAtStart.toFixed(1)} on ${cpus().length} cores; other work will skew these figures`);
  }
  ensureClientBuilt();
  if (args.profile) {
    rmSync(PROFILE_DIR, { recursive: true, force: true });
    mkdirSync(PROFILE_DIR, { recursive: true });
  }
  const results: BenchResults = { failed: {} };
  let chromium = "not used";
  const ctx: Context = {
    config,
    profile: args.profile,
    results,
    server: lazy(
      () => startServerChild(args.profile ? { cpuProfileDir: PROFILE_DIR } : {}),
      (server) => server.stop(),
    ),
    browser: lazy(
      async () => {
        const browser = await launchChromium();
        chromium = browser.version();
        return browser;
      },
      (browser) => browser.close(),
    ),
  };
  log(`${args.quick ? "quick" : "full"} run: ${args.only.join(", ")}`);
  for (const name of args.only) await section(results, name, () => RUNNERS[name](ctx));
  await cleanUp();

  const profiles = args.profile ? readProfiles(config) : [];

  const table = formatTable(buildRows(results));
  const complete = args.only.length === SECTIONS.length && !args.profile;
  const file: BenchFile = {
    meta: {
      date: new Date().toISOString(),
      mode: args.quick ? "quick" : "full",
      commit: git(["rev-parse", "--short", "HEAD"]),
      node: process.version,
      chromium,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? "unknown"}`,
      seconds: Math.round((performance.now() - t0) / 1000),
      profiled: args.profile,
      loadAverage: [loadAtStart, loadavg()[0]!],
    },
    results,
    ...(args.profile ? { profiles } : {}),
    table,
  };
  const out = join(RESULTS_DIR, complete ? "latest.json" : "partial.json");
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(out, JSON.stringify(file, null, 2) + "\n");
  console.log(`\n${table}\n`);
  for (const profile of profiles) console.log(`${formatProfile(profile)}\n`);
  if (args.profile) console.log(`(profiles in ${PROFILE_DIR})`);
  const load = file.meta.loadAverage.map((value) => value.toFixed(2)).join(" → ");
  console.log(
    `${file.meta.mode} run, ${file.meta.seconds} s, commit ${file.meta.commit}, ${file.meta.cpus}, load ${load}, Node ${file.meta.node}, Chromium ${chromium}; written to ${out}`,
  );
  process.exitCode = Object.keys(results.failed).length > 0 ? 1 : 0;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping what this run started`);
    void cleanUp().finally(() => process.exit(130));
  });
}

main()
  .catch(async (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
    await cleanUp();
  })
  // Light clients may leave reply timers behind; nothing else should keep the process alive.
  .finally(() => process.exit());
