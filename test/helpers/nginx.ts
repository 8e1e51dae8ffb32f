/**
 * A real nginx (Debian's /usr/sbin/nginx) as a child process: `daemon off`, its pid, logs and
 * temp files in a folder of its own, the site file under test included in the http block.
 * Never skipped: without nginx the test fails and says so (.ci/run installs it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { freePort } from "./ports.ts";

const NGINX = process.env.NGINX ?? "/usr/sbin/nginx";
const START_TIMEOUT_MS = 10_000;

export interface Nginx {
  url: string;
  /** Everything nginx wrote to stderr (its error log), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  server.listen(port, "127.0.0.1");
  const free = await Promise.race([once(server, "listening").then(() => true), once(server, "error").then(() => false)]);
  if (free) server.close();
  return free;
}

/** `count` consecutive free ports (for `aperture gen --port-base`). */
export async function freePortRange(count: number): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const base = await freePort();
    if (base + count > 65535) continue;
    let all = true;
    for (let port = base + 1; port < base + count && all; port++) all = await isFree(port);
    if (all) return base;
  }
  throw new Error(`no ${count} consecutive free ports`);
}

function mainConf(dir: string, site: string): string {
  // Run as root (a container's CI), nginx would switch its workers to "nobody"; keep the
  // current user so they can read the temp folder and the static bundle.
  const user = process.getuid?.() === 0 ? "user root;\n" : "";
  return `${user}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr notice;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${site};
}
`;
}

/** Starts nginx with `siteFile` (an http-context file, as sites-enabled holds) on `port`. */
export async function startNginx(siteFile: string, port: number): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), "aperture-nginx-"));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, "nginx.conf"), mainConf(dir, siteFile));
  const child = spawn(NGINX, ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", "stderr"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<never>((_, reject) => {
    child.once("error", (error) => reject(new Error(`cannot run ${NGINX}: ${error.message} (apt-get install nginx)`)));
    child.once("exit", (code) => reject(new Error(`nginx exited (${code}) before listening:\n${output}`)));
  });
  exited.catch(() => undefined); // observed by the race below; later exits are expected
  await Promise.race([untilListening(port), exited]);
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      await terminate(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls the port until it accepts a connection (a condition, not a fixed sleep). */
async function untilListening(port: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await delay(10);
  }
  throw new Error(`nginx did not listen on ${port} within ${START_TIMEOUT_MS} ms`);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM"); // fast shutdown: open WebSockets would hold a graceful one (SIGQUIT)
  await exited;
}
