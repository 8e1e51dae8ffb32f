/**
 * Item 4, fan-out through the channel layer itself: one `groupSend` to 1,000 / 5,000
 * channels that each have a pending receive, in memory and through a real redis-server with
 * 1 and 2 processes; and sustained group deliveries per second. The same to connected
 * WebSocket consumers, and an idle consumer's memory, are in bench/consumers.ts.
 */
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { setImmediate as nextTurn } from "node:timers/promises";
import { InMemoryChannelLayer, RedisChannelLayer, type ChannelLayer } from "../server/channels/index.ts";
import { Members, wallClock } from "./fanout-members.ts";
import type { FanoutChildReply, FanoutChildRequest } from "./fanout-child.ts";
import { summarize, type Summary } from "./stats.ts";
import { forkHelper, nextReply } from "./helper-child.ts";

const GROUP = "bench.fanout";

export type LayerKind = { layer: "memory" } | { layer: "redis"; redisUrl: string; processes: 1 | 2 };

export interface FanoutResult {
  members: number;
  /** From `groupSend` called until the last member received, per run (ms). */
  allDelivered: Summary;
  /** From `groupSend` called until each member received, over all members of all runs (ms). */
  perClient: Summary;
}

function makeLayer(kind: LayerKind): ChannelLayer {
  // Capacity is per channel; one message at a time is in flight here, so the default is plenty.
  return kind.layer === "memory" ? new InMemoryChannelLayer() : new RedisChannelLayer({ hosts: kind.redisUrl, prefix: "bench" });
}

/** Remote members in a second process (Redis only). */
class RemoteMembers {
  private constructor(private readonly child: ChildProcess) {}

  static async start(redisUrl: string, count: number): Promise<RemoteMembers> {
    const child = forkHelper(new URL("fanout-child.ts", import.meta.url));
    const remote = new RemoteMembers(child);
    await remote.request({ cmd: "setup", redisUrl, group: GROUP, count });
    return remote;
  }

  private next(test: (reply: FanoutChildReply) => boolean): Promise<FanoutChildReply> {
    return nextReply(this.child, "fan-out child", test);
  }

  async request(request: FanoutChildRequest): Promise<void> {
    const ok = this.next((reply) => reply.kind === "ok" && reply.cmd === request.cmd);
    this.child.send(request);
    await ok;
  }

  /** Arms the remote receives; resolves once they are pending, with a promise of their arrival times. */
  async arm(run: number): Promise<{ arrivals: Promise<number[]> }> {
    const arrivals = this.next((reply) => reply.kind === "arrivals" && reply.run === run).then(
      (reply) => (reply as { times: number[] }).times,
    );
    await this.request({ cmd: "arm", run });
    return { arrivals };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, "exit");
    await this.request({ cmd: "close" }).catch(() => this.child.kill("SIGKILL"));
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** One group message to `members` receivers, `runs` times after `warmup`. */
export async function measureFanout(kind: LayerKind, options: { members: number; warmup: number; runs: number }): Promise<FanoutResult> {
  const layer = makeLayer(kind);
  const remoteCount = kind.layer === "redis" && kind.processes === 2 ? Math.floor(options.members / 2) : 0;
  let remote: RemoteMembers | undefined;
  try {
    const local = await Members.create(layer, GROUP, options.members - remoteCount);
    if (remoteCount > 0 && kind.layer === "redis") remote = await RemoteMembers.start(kind.redisUrl, remoteCount);
    const all: number[] = [];
    const perClient: number[] = [];
    for (let run = -options.warmup; run < options.runs; run++) {
      const remoteArrivals = remote ? (await remote.arm(run)).arrivals : Promise.resolve([]);
      const localArrivals = local.arm();
      const sentAt = wallClock();
      await layer.groupSend(GROUP, { type: "bench.tick", run, text: "a new record was added" });
      const times = [...(await localArrivals), ...(await remoteArrivals)].map((time) => time - sentAt);
      if (run < 0) continue;
      all.push(Math.max(...times));
      for (const time of times) perClient.push(time);
    }
    return { members: options.members, allDelivered: summarize(all), perClient: summarize(perClient) };
  } finally {
    await remote?.stop();
    await layer.close();
  }
}

export interface SustainedResult {
  members: number;
  /** Member deliveries per second while the sender keeps the group busy, one sample per window. */
  deliveriesPerSecond: Summary;
}

/**
 * Sustained deliveries: `members` receive loops, one sender sending group messages as fast as
 * the members keep up (at most `inFlight` messages ahead of the slowest total), `windows`
 * windows of `windowMs` each.
 */
export async function measureSustained(
  kind: LayerKind,
  options: { members: number; windows: number; windowMs: number; warmupMs: number; inFlight?: number },
): Promise<SustainedResult> {
  const layer = makeLayer(kind);
  const inFlight = options.inFlight ?? 20;
  let delivered = 0;
  let stopped = false;
  try {
    const { channels } = await Members.create(layer, GROUP, options.members);
    const loops = channels.map(async (channel) => {
      while (!stopped) {
        await layer.receive(channel);
        delivered += 1;
      }
    });
    let sent = 0;
    const sendFor = async (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        // Flow control: stay a bounded number of messages ahead of what was received.
        if (sent * options.members - delivered >= inFlight * options.members) {
          await nextTurn();
          continue;
        }
        await layer.groupSend(GROUP, { type: "bench.tick", n: sent });
        sent += 1;
      }
    };
    await sendFor(options.warmupMs);
    const rates: number[] = [];
    for (let i = 0; i < options.windows; i++) {
      const before = delivered;
      const start = performance.now();
      await sendFor(options.windowMs);
      rates.push(((delivered - before) * 1000) / (performance.now() - start));
    }
    // Let every loop take its last message, then end them with one more.
    stopped = true;
    await layer.groupSend(GROUP, { type: "bench.stop" });
    await Promise.race([Promise.all(loops), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    return { members: options.members, deliveriesPerSecond: summarize(rates) };
  } finally {
    await layer.close();
  }
}
