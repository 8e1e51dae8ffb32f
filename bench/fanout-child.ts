/**
 * A second process holding half the group's members on the Redis layer, for "Redis, 2
 * processes". Started by bench/fanout.ts; answers over IPC, reports arrival times.
 */
import { RedisChannelLayer } from "../server/channels/index.ts";
import { Members } from "./fanout-members.ts";

export type FanoutChildRequest =
  { cmd: "setup"; redisUrl: string; group: string; count: number } | { cmd: "arm"; run: number } | { cmd: "close" };

export type FanoutChildReply =
  { kind: "ok"; cmd: FanoutChildRequest["cmd"] } | { kind: "arrivals"; run: number; times: number[] } | { kind: "failed"; error: string };

let layer: RedisChannelLayer | undefined;
let members: Members | undefined;

function reply(message: FanoutChildReply): void {
  process.send?.(message);
}

async function handle(request: FanoutChildRequest): Promise<void> {
  switch (request.cmd) {
    case "setup":
      layer = new RedisChannelLayer({ hosts: request.redisUrl, prefix: "bench" });
      members = await Members.create(layer, request.group, request.count);
      return reply({ kind: "ok", cmd: "setup" });
    case "arm": {
      if (!members) throw new Error("arm before setup");
      const arrivals = members.arm();
      reply({ kind: "ok", cmd: "arm" });
      return reply({ kind: "arrivals", run: request.run, times: await arrivals });
    }
    case "close":
      await layer?.close();
      reply({ kind: "ok", cmd: "close" });
      return process.disconnect();
  }
}

process.on("message", (request: FanoutChildRequest) => {
  handle(request).catch((error: unknown) => reply({ kind: "failed", error: error instanceof Error ? error.message : String(error) }));
});
process.on("disconnect", () => void layer?.close().finally(() => process.exit(0)));
