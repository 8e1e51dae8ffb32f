/**
 * Item 4 on sockets, and a consumer's memory: WebSocket consumers routed by `serve()`
 * (bench/apps/consumer.ts at `/ws/bench/`), their clients `ws` sockets in a child process of
 * their own (bench/consumer-clients.ts).
 *
 * - Fan-out: one `groupSend` (made in the server child, its wall-clock time in the message)
 *   to 1,000 / 5,000 connected consumers, each forwarding it to its socket; time until each
 *   client received it and until all had. In memory, and through Redis with 1 server process
 *   and with 2 (half the sockets connected to each, the message sent from the first).
 * - Memory per idle consumer: a fresh server child, RSS and heap + external after GC with 0
 *   and N idle consumers connected (each a member of one group).
 */
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { CONSUMER_PATH } from "./apps/consumer.ts";
import type { ClientsReply, ClientsRequest } from "./consumer-clients.ts";
import { startServerChild, type ServerChild } from "./server-process.ts";
import { summarize, type Summary } from "./stats.ts";
import { forkHelper, nextReply } from "./helper-child.ts";

export type ConsumerLayer = { layer: "memory" } | { layer: "redis"; redisUrl: string; processes: 1 | 2 };

const consumerUrl = (server: ServerChild) => `${server.url.replace(/^http/, "ws")}${CONSUMER_PATH}`;

/** The handle on the clients' child process. */
export class ConsumerClients {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<ConsumerClients> {
    const child = forkHelper(new URL("consumer-clients.ts", import.meta.url));
    return new ConsumerClients(child);
  }

  private next(test: (reply: ClientsReply) => boolean): Promise<ClientsReply> {
    return nextReply(this.child, "consumer clients", test);
  }

  private async request(request: ClientsRequest): Promise<void> {
    const ok = this.next((reply) => reply.kind === "ok" && reply.cmd === request.cmd);
    this.child.send(request);
    await ok;
  }

  /** Opens `count` sockets, spread over `urls`, at most `concurrency` handshakes at a time. */
  connect(urls: string[], count: number, concurrency = 50): Promise<void> {
    return this.request({ cmd: "connect", urls, count, concurrency });
  }

  /** Makes every client wait for `run`; resolves once they do, with a promise of each one's latency (ms). */
  async arm(run: number, timeoutMs = 30_000): Promise<{ latencies: Promise<number[]> }> {
    const latencies = this.next((reply) => reply.kind === "arrivals" && reply.run === run).then(
      (reply) => (reply as { times: number[] }).times,
    );
    await this.request({ cmd: "arm", run, timeoutMs });
    return { latencies };
  }

  /** Closes every socket and ends the process (killed if it has not within 10 s). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, "exit");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await this.request({ cmd: "close" }).catch(() => this.child.kill("SIGKILL"));
    await exited;
    clearTimeout(timer);
  }
}

/** Waits until the server children together count `count` open consumers. */
async function waitForConsumers(servers: ServerChild[], count: number, timeoutMs = 30_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const open = (await Promise.all(servers.map((server) => server.consumers()))).reduce((a, b) => a + b, 0);
    if (open === count) return;
    if (performance.now() > end) throw new Error(`${open} consumers open, expected ${count}`);
    await sleep(20);
  }
}

export interface ConsumerFanoutResult {
  consumers: number;
  /** From `groupSend` called until the last client received the message, per run (ms). */
  allDelivered: Summary;
  /** From `groupSend` called until each client received it, over all clients of all runs (ms). */
  perClient: Summary;
  /** From `groupSend` called until the server(s) had handed the message to the last socket (ms). */
  handedOver: Summary;
}

/**
 * One group message to `consumers` connected consumers, `runs` times after `warmup`, with
 * fresh server children (1, or 2 on Redis) and a fresh clients' process.
 */
export async function measureConsumerFanout(
  kind: ConsumerLayer,
  options: { consumers: number[]; warmup: number; runs: number },
): Promise<ConsumerFanoutResult[]> {
  const redisUrl = kind.layer === "redis" ? kind.redisUrl : undefined;
  const processes = kind.layer === "redis" ? kind.processes : 1;
  const servers: ServerChild[] = [];
  let clients: ConsumerClients | undefined;
  try {
    for (let i = 0; i < processes; i++) servers.push(await startServerChild(redisUrl ? { redisUrl } : {}));
    const results: ConsumerFanoutResult[] = [];
    for (const count of options.consumers) {
      clients = await ConsumerClients.start();
      await clients.connect(servers.map(consumerUrl), count);
      await waitForConsumers(servers, count);
      const all: number[] = [];
      const perClient: number[] = [];
      const handed: number[] = [];
      for (let run = -options.warmup; run < options.runs; run++) {
        const { latencies } = await clients.arm(run);
        const sentAt = await servers[0]!.groupSend(run);
        const times = await latencies;
        if (run < 0) continue;
        const reports = await Promise.all(servers.map((server) => server.handedOver()));
        const handedCount = reports.reduce((sum, report) => sum + (report.run === run ? report.count : 0), 0);
        if (handedCount !== count) throw new Error(`run ${run}: the servers handed over ${handedCount} of ${count} messages`);
        handed.push(Math.max(...reports.map((report) => report.last)) - sentAt);
        all.push(Math.max(...times));
        for (const time of times) perClient.push(time);
      }
      results.push({ consumers: count, allDelivered: summarize(all), perClient: summarize(perClient), handedOver: summarize(handed) });
      await clients.stop();
      clients = undefined;
      await waitForConsumers(servers, 0);
    }
    return results;
  } finally {
    await clients?.stop();
    for (const server of servers) await server.stop();
  }
}

export interface ConsumerMemoryStep {
  consumers: number;
  rss: Summary;
  heapAndExternal: Summary;
}

export interface ConsumerMemoryResult {
  steps: ConsumerMemoryStep[];
  /** (RSS with the most consumers − RSS with none) / consumers, bytes, one sample per run. */
  rssPerConsumer: Summary;
  heapAndExternalPerConsumer: Summary;
}

/**
 * Memory per idle consumer: in a fresh server child per run (in-memory layer), a warm-up
 * batch of consumers is connected and closed, then memory is read after GC with 0 consumers
 * and at each count of idle ones connected (each joined to the bench group).
 */
export async function measureConsumerMemory(options: { counts: number[]; runs: number; warmup: number }): Promise<ConsumerMemoryResult> {
  const counts = [...options.counts].sort((a, b) => a - b);
  const rss = new Map<number, number[]>(counts.map((count) => [count, []]));
  const heap = new Map<number, number[]>(counts.map((count) => [count, []]));
  const rssPer: number[] = [];
  const heapPer: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    const server = await startServerChild();
    const handles: ConsumerClients[] = [];
    try {
      const url = consumerUrl(server);
      if (options.warmup > 0) {
        const warm = await ConsumerClients.start();
        await warm.connect([url], options.warmup);
        await waitForConsumers([server], options.warmup);
        await warm.stop();
        await waitForConsumers([server], 0);
      }
      let open = 0;
      for (const count of counts) {
        if (count > open) {
          const clients = await ConsumerClients.start();
          handles.push(clients);
          await clients.connect([url], count - open);
          open = count;
          await waitForConsumers([server], open);
        }
        const memory = await server.memory();
        rss.get(count)!.push(memory.rss);
        heap.get(count)!.push(memory.heapUsed + memory.external);
      }
      const most = counts[counts.length - 1]!;
      const least = counts[0]!;
      if (most > least) {
        rssPer.push((rss.get(most)!.at(-1)! - rss.get(least)!.at(-1)!) / (most - least));
        heapPer.push((heap.get(most)!.at(-1)! - heap.get(least)!.at(-1)!) / (most - least));
      }
    } finally {
      for (const clients of handles) await clients.stop();
      await server.stop();
    }
  }
  return {
    steps: counts.map((count) => ({ consumers: count, rss: summarize(rss.get(count)!), heapAndExternal: summarize(heap.get(count)!) })),
    rssPerConsumer: summarize(rssPer),
    heapAndExternalPerConsumer: summarize(heapPer),
  };
}
