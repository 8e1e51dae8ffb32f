/**
 * The deployment as docs/deployment.md builds it: `aperture gen nginx` and `aperture gen
 * systemd` (the real CLI) write the files; the web processes run the units' own command
 * lines with the generated environment file; a real nginx serves the generated site file,
 * and a real redis-server joins the processes. Each part listens on a free loopback port.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePortRange, startNginx, type Nginx } from "./nginx.ts";
import { freePort } from "./ports.ts";
import { startRedis, type RedisServer } from "./redis-server.ts";
import { runUnit, type UnitProcess } from "./units.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const READY = /serving .* at http:\/\/\S+/;

export interface DeploymentOptions {
  /** The app path, as `aperture gen systemd` takes it (relative to the repository). */
  app: string;
  procs: number;
  /** More arguments for `aperture gen systemd` (e.g. `--serve-arg …`). */
  systemdArgs?: string[];
  /** Edits the generated site file before nginx reads it (its access log is already moved into the test's folder). */
  editSite?: (conf: string) => string;
}

export interface Deployment {
  /** The test's folder: `deploy/` holds the generated files, `static/` the bundle nginx serves. */
  dir: string;
  redis: RedisServer;
  /** Web process `i`, started from unit `aperture-web-<i>.service`. */
  web: UnitProcess[];
  nginx: Nginx;
  stop(): Promise<void>;
}

async function gen(args: string[]): Promise<void> {
  await promisify(execFile)(process.execPath, [`${ROOT}bin/aperture.js`, "gen", ...args], { cwd: ROOT });
}

export async function startDeployment(options: DeploymentOptions): Promise<Deployment> {
  const dir = mkdtempSync(join(tmpdir(), "aperture-deploy-"));
  const started: { stop(): Promise<void> }[] = [];
  const stop = async () => {
    for (const part of started.reverse()) await part.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const redis = await startRedis();
    started.push(redis);
    const ports = { base: await freePortRange(options.procs), listen: await freePort() };
    const web = await startWebProcesses(dir, options, { redisUrl: redis.url, ...ports }, started);
    const nginx = await startSite(dir, options, ports.listen);
    started.push(nginx);
    return { dir, redis, web, nginx, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Generates both files into `dir/deploy` and runs every web unit (each pushed to `started` once it runs). */
async function startWebProcesses(
  dir: string,
  options: DeploymentOptions,
  where: { redisUrl: string; base: number; listen: number },
  started: { stop(): Promise<void> }[],
): Promise<UnitProcess[]> {
  // nginx serves the bundle from its own folder, as from /srv/…/dist/client.
  cpSync(`${ROOT}dist/client`, join(dir, "static"), { recursive: true });
  const common = ["--procs", String(options.procs), "--port-base", String(where.base), "--out", join(dir, "deploy")];
  await gen(["systemd", options.app, ...common, "--redis", where.redisUrl, "--user", "nobody", ...(options.systemdArgs ?? [])]);
  await gen(["nginx", ...common, "--listen", `127.0.0.1:${where.listen}`, "--static", join(dir, "static")]);
  const env = join(dir, "deploy", "aperture.env");
  const units = Array.from({ length: options.procs }, (_, index) =>
    runUnit(readFileSync(join(dir, "deploy", `aperture-web-${index}.service`), "utf8"), env, READY).then((unit) => {
      started.push(unit);
      return unit;
    }),
  );
  const web = await Promise.allSettled(units);
  const failed = web.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return web.map((result) => (result as PromiseFulfilledResult<UnitProcess>).value);
}

/** nginx on the generated site file, listening on `port` (the one `aperture gen nginx` was given). */
async function startSite(dir: string, options: DeploymentOptions, port: number): Promise<Nginx> {
  const site = join(dir, "deploy", "aperture.nginx.conf");
  const conf = readFileSync(site, "utf8").replace("/var/log/nginx/aperture.access.log", join(dir, "aperture.access.log"));
  writeFileSync(site, (options.editSite ?? ((text: string) => text))(conf));
  return startNginx(site, port);
}
