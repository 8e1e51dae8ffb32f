/** The shape of bench/results/latest.json. */
import type { BundleSizes } from "./bundle.ts";
import type { HostileResult } from "./hostile.ts";
import type { EventLoopResult } from "./event-loop.ts";
import type { FreshRssResult } from "./fresh-rss.ts";
import type { FanoutResult, SustainedResult } from "./fanout.ts";
import type { PageLoadResult } from "./page-load.ts";
import type { SoakResult } from "./soak.ts";
import type { ProfileSummary } from "./profile.ts";
import type { CreationResult, MemoryResult } from "./sessions.ts";
import type { SliderResult } from "./slider.ts";
import type { StreamingResult } from "./streaming.ts";
import type { ConsumerFanoutResult, ConsumerMemoryResult } from "./consumers.ts";
import type { LightWireResult } from "./wire.ts";

export interface FanoutResults {
  memory: FanoutResult[];
  redis1: FanoutResult[];
  redis2: FanoutResult[];
  sustainedMemory: SustainedResult;
  sustainedRedis: SustainedResult;
}

/** One group message to connected WebSocket consumers (bench/consumers.ts). */
export interface ConsumerResults {
  memory: ConsumerFanoutResult[];
  redis1: ConsumerFanoutResult[];
  redis2: ConsumerFanoutResult[];
}

export interface BenchResults {
  slider?: SliderResult[];
  pageLoad?: PageLoadResult;
  /** The client files a figure page downloads, with their compressed sizes. */
  bundle?: BundleSizes;
  wire?: LightWireResult[];
  creation?: CreationResult;
  memory?: MemoryResult[];
  /** RSS of a fresh `aperture serve` of the built package (bench/fresh-rss.ts). */
  freshRss?: FreshRssResult;
  eventLoop?: EventLoopResult;
  fanout?: FanoutResults;
  consumers?: ConsumerResults;
  consumerMemory?: ConsumerMemoryResult;
  streaming?: StreamingResult;
  soak?: SoakResult;
  /** Attacks of issue 10 against the real CLI (bench/hostile.ts). */
  hostile?: HostileResult[];
  /** Sections that threw, with the error: shown in the table as "failed". */
  failed: Record<string, string>;
}

export interface BenchMeta {
  date: string;
  mode: "quick" | "full";
  commit: string;
  node: string;
  chromium: string;
  cpus: string;
  seconds: number;
  profiled: boolean;
  /** The machine's 1-minute load average at the start and the end of the run. */
  loadAverage: [number, number];
}

export interface BenchFile {
  meta: BenchMeta;
  results: BenchResults;
  /** With `--profile`: the server child's profile, then the page's at each size. */
  profiles?: ProfileSummary[];
  /** The printed table, as Markdown. */
  table: string;
}
