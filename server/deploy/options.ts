/**
 * What `aperture gen nginx|systemd|supervisor` need to agree on: how many web processes, where
 * each listens, which apps they serve, and which job workers run beside them. The three
 * generators read one `DeployOptions`, so the proxy and the services always name the same ports.
 */
import { randomBytes } from "node:crypto";

export interface QueueWorker {
  /** The queue's name, e.g. "calc_default" (the seed's Celery queues). */
  name: string;
  /** Jobs one worker process runs at once. */
  concurrency: number;
}

export interface DeployOptions {
  /** Web processes; process `i` marks its session ids `w<i>-` so nginx can route by them. */
  procs: number;
  /** Process `i` listens on `portBase + i` … */
  portBase: number;
  /** … at this address. */
  address: string;
  /** Explicit `host:port` per process (process `i` is entry `i`), for processes on several machines. */
  backends: string[];
  /** nginx `server_name`s; "_" answers any host. */
  serverNames: string[];
  /** nginx `listen` arguments. */
  listen: string[];
  /** The built client bundle (dist/client), served by nginx itself. */
  staticDir: string;
  /** URL prefix of every Aperture path ("" or "/apps"), as `aperture serve --prefix`. */
  prefix: string;
  /** App paths (absolute) every web process and job worker loads. */
  apps: string[];
  /** The project folder: the services' working directory. */
  workdir: string;
  /** Absolute paths of node and of the aperture CLI (services have no PATH to search). */
  node: string;
  cli: string;
  /** The system user the services run as. */
  user: string;
  /** The environment file with the secret and the Redis URL (systemd `EnvironmentFile`). */
  envFile: string;
  redisUrl: string;
  /** Job worker processes, one per queue … */
  queues: QueueWorker[];
  /** … running the tasks this module exports (`aperture worker <module>`) … */
  tasks: string | undefined;
  /** … each replaced by a fresh process after this many jobs, releasing their memory. */
  maxJobs: number | undefined;
  /** … given this long (s) on a stop to finish their running jobs (`--graceful-timeout`). */
  gracefulTimeout: number;
  /** Where supervisor writes the services' logs. */
  logDir: string;
  /** Extra `aperture serve` arguments, appended as given. */
  serveArgs: string[];
}

export interface GeneratedFile {
  name: string;
  text: string;
  /** File mode; the environment file holds the secret. */
  mode?: number;
}

/** `host:port` of web process `i`, in order. */
export function backendsOf(options: DeployOptions): string[] {
  if (options.backends.length > 0) return options.backends;
  const host = options.address.includes(":") ? `[${options.address}]` : options.address;
  return Array.from({ length: options.procs }, (_, index) => `${host}:${options.portBase + index}`);
}

/**
 * The site's own origins, for `--allow-websocket-origin`: pages served over TLS send
 * `Origin: https://name` while nginx passes `Host: name`, which the origin check reads as
 * port 80; naming port 443 lets those pages open their sockets.
 */
export function siteOrigins(options: DeployOptions): string[] {
  return options.serverNames.filter((name) => name !== "_" && !name.startsWith("~") && !name.includes("*")).map((name) => `${name}:443`);
}

/** Quotes one argument for a systemd `ExecStart=` or supervisor `command=` line. */
export function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, "\\$1")}"`;
}

/** The command line of web process `index`. */
export function serveCommandLine(options: DeployOptions, index: number): string[] {
  const backend = backendsOf(options)[index]!;
  const split = backend.lastIndexOf(":");
  const host = backend.slice(0, split).replace(/^\[(.*)\]$/, "$1");
  const port = backend.slice(split + 1);
  const origins = siteOrigins(options).flatMap((origin) => ["--allow-websocket-origin", origin]);
  const prefix = options.prefix ? ["--prefix", options.prefix] : [];
  return [
    options.node,
    options.cli,
    "serve",
    ...options.apps,
    "--address",
    host,
    "--port",
    port,
    "--process-index",
    String(index),
    "--use-xheaders",
    ...prefix,
    ...origins,
    ...options.serveArgs,
  ];
}

/** The command line of the job worker for `queue` (`aperture worker`: its tasks, queue and limits). */
export function workerCommandLine(options: DeployOptions, queue: QueueWorker): string[] {
  if (!options.tasks) throw new Error("job workers need the tasks module: --tasks <module>");
  const recycle = options.maxJobs ? ["--max-jobs", String(options.maxJobs)] : [];
  const grace = ["--graceful-timeout", String(options.gracefulTimeout)];
  return [
    options.node,
    options.cli,
    "worker",
    options.tasks,
    "--queue",
    queue.name,
    "--concurrency",
    String(queue.concurrency),
    ...grace,
    ...recycle,
  ];
}

/** How long a process may take to stop: a job worker lets its running jobs finish first. */
/**
 * How long systemd (`TimeoutStopSec`) and supervisor (`stopwaitsecs`) wait after SIGTERM
 * before they SIGKILL: a web process closes its sessions; a job worker has its grace period,
 * then 10 s to end the jobs still running by force, and a margin to record them in Redis.
 */
export function stopSeconds(kind: "web" | "worker", options: Pick<DeployOptions, "gracefulTimeout">): number {
  return kind === "web" ? 20 : options.gracefulTimeout + 30;
}

/** Unit and program names, shared by systemd and supervisor so logs and docs read the same. */
export function webName(index: number): string {
  return `aperture-web-${index}`;
}

export function workerName(queue: QueueWorker): string {
  return `aperture-worker-${queue.name}`;
}

/** The environment file: a fresh secret every process shares (tokens made by one verify in all). */
export function envFile(options: DeployOptions): string {
  return `# Aperture's environment, read by every web process and job worker.
# Keep it private (root-owned, mode 600): the secret signs every session token.
APERTURE_SECRET_KEY=${randomBytes(32).toString("base64url")}
APERTURE_REDIS_URL=${options.redisUrl}
NODE_ENV=production
`;
}
