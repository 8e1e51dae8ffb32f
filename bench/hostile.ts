/**
 * `--only=hostile` (issue 10): the real CLI (`aperture serve examples/rolling`, default limits)
 * under one attack at a time, each for `seconds`: the server's peak RSS growth (from
 * /proc/<pid>/status) and another session's ping round trip (a victim pinging every 50 ms).
 * APERTURE_HOSTILE_ROOT=<checkout> runs the same attacks against another checkout's CLI
 * (e.g. the commit before the hardening) for a before/after pair.
 */
import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { PROTOCOL_VERSION } from "../server/protocol/index.ts";
import { TestClient, createSession } from "../test/helpers/ws-client.ts";
import { startCli, type CliServer } from "../test/helpers/start-cli.ts";
import { summarize, type Summary } from "./stats.ts";

export interface HostileResult {
  attack: string;
  /** Peak RSS of the server minus its RSS before the attack (MiB). */
  rssGrowthMiB: number;
  /** The victim's ping round trips during the attack (ms); `lost` pings never answered. */
  victimPingMs: Summary;
  lost: number;
  /** What the attack got out of the server, in its own unit (answers, connections). */
  served: number;
  note: string;
}

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

/** Pings every 50 ms until stopped; the round trips, and how many went unanswered. */
function victim(client: TestClient): { stop(): Promise<{ times: number[]; lost: number }> } {
  const times: number[] = [];
  let sent = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    sent++;
    client.send({ kind: "ping", t });
    void client
      .next("pong", (m) => m.t === t, 30_000)
      .then(
        () => times.push(performance.now() - t),
        () => {},
      );
  }, 50);
  return {
    async stop() {
      clearInterval(timer);
      await sleep(500);
      return { times, lost: sent - times.length };
    },
  };
}

type Attack = (cli: CliServer, seconds: number) => Promise<{ served: number; note: string; stop(): void }>;

/** Item 1: a socket that never reads asks for a 100,000-point snapshot 40 times a second. */
const unreadSocket: Attack = async (cli, seconds) => {
  const { wsUrl, token } = await createSession(`${cli.url}/rolling`, "?points=100000");
  const client = await TestClient.connect(wsUrl, token);
  client.socket.pause();
  let reqId = 1;
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until && client.socket.readyState === WebSocket.OPEN) {
    client.send({ kind: "pull-doc", reqId: reqId++ });
    await sleep(25);
  }
  return { served: reqId - 1, note: "pull-docs sent", stop: () => client.socket.terminate() };
};

/** Item 3: one token, a new socket after every 150 pings. */
const socketsPerToken: Attack = async (cli, seconds) => {
  const { wsUrl, token } = await createSession(`${cli.url}/rolling`, "?points=1000");
  let pongs = 0;
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const client = await TestClient.connect(wsUrl, token, { hello: false }).catch(() => undefined);
    if (!client) continue;
    client.send({ kind: "hello", protocol: PROTOCOL_VERSION });
    for (let t = 0; t < 150; t++) client.send({ kind: "ping", t });
    await Promise.race([client.closed, sleep(200)]);
    pongs += client.received.filter((m) => m.kind === "pong").length;
    client.socket.terminate();
  }
  return { served: pongs / seconds, note: "pongs/s answered", stop: () => {} };
};

/** Item 4: 0.9 MB selection writes, 25 a second. */
const selections: Attack = async (cli, seconds) => {
  const { wsUrl, token } = await createSession(`${cli.url}/rolling`, "?points=100000");
  const client = await TestClient.connect(wsUrl, token, { hello: false });
  client.send({ kind: "hello", protocol: PROTOCOL_VERSION });
  const { doc, seq } = await client.next("doc");
  const source = Object.entries(doc.models).find(([, m]) => m.type === "ColumnDataSource")![0];
  const value = Array.from({ length: 150_000 }, (_, i) => i % 100_000);
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until && client.socket.readyState === WebSocket.OPEN) {
    client.send({
      kind: "patch",
      reqId: client.reqId(),
      baseSeq: seq,
      ops: [{ op: "replace", path: `/models/${source}/attrs/selected`, value }],
    });
    await sleep(40);
  }
  const acks = client.received.filter((m) => m.kind === "ack").length;
  return { served: acks / seconds, note: "selection writes/s acked", stop: () => client.socket.terminate() };
};

/** Item 5: 1,000 idle TCP connections from one address. */
const idleConnections: Attack = async (cli, seconds) => {
  const { hostname, port } = new URL(cli.url);
  const sockets: Socket[] = [];
  let open = 0;
  for (let i = 0; i < 1_000; i++) {
    const socket = connect(Number(port), hostname);
    socket.on("error", () => {});
    socket.on("connect", () => open++);
    socket.on("close", () => open--);
    sockets.push(socket);
  }
  await sleep(seconds * 1000);
  return { served: open, note: "idle connections still open at the end", stop: () => sockets.forEach((s) => s.destroy()) };
};

const ATTACKS: Record<string, Attack> = {
  "1 unread socket": unreadSocket,
  "3 sockets per token": socketsPerToken,
  "4 0.9 MB selections": selections,
  "5 idle connections": idleConnections,
};

async function runAttack(name: string, attack: Attack, root: string, seconds: number): Promise<HostileResult> {
  const cli = await startCli(["examples/rolling"], {}, { cwd: root, bin: join(root, "bin/aperture.js") });
  try {
    const { wsUrl, token } = await createSession(`${cli.url}/rolling`, "?points=1000");
    const client = await TestClient.connect(wsUrl, token);
    const pid = cli.process.pid!;
    const before = rssMiB(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 100);
    const pings = victim(client);
    const outcome = await attack(cli, seconds);
    const { times, lost } = await pings.stop();
    clearInterval(sampler);
    peak = Math.max(peak, rssMiB(pid));
    outcome.stop();
    client.socket.terminate();
    return {
      attack: name,
      rssGrowthMiB: Math.round(peak - before),
      victimPingMs: summarize(times.length ? times : [NaN]),
      lost,
      served: Math.round(outcome.served),
      note: outcome.note,
    };
  } finally {
    await cli.stop();
  }
}

export async function measureHostile(options: { root: string; seconds: number }): Promise<HostileResult[]> {
  const results: HostileResult[] = [];
  for (const [name, attack] of Object.entries(ATTACKS)) results.push(await runAttack(name, attack, options.root, options.seconds));
  return results;
}

export function formatHostile(results: HostileResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.attack} | ${r.rssGrowthMiB} | ${r.victimPingMs.median.toFixed(1)} / ${r.victimPingMs.p95.toFixed(1)} | ${r.lost} | ${r.served} ${r.note} |`,
  );
  return [
    "| attack | server RSS growth (MiB) | victim ping median / p95 (ms) | victim pings lost | what the attack got |",
    "|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}
