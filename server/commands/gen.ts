/** `aperture gen nginx|systemd|supervisor`: argv → DeployOptions → files in --out. */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CLIENT_DIR, PACKAGE_ROOT } from "../paths.ts";
import { nginxConf } from "../deploy/nginx.ts";
import { envFile, type DeployOptions, type GeneratedFile, type QueueWorker } from "../deploy/options.ts";
import { supervisorConf } from "../deploy/supervisor.ts";
import { systemdUnits } from "../deploy/systemd.ts";

export const GEN_USAGE = `Usage: aperture gen nginx|systemd|supervisor [<app path>…] [options]

Writes ready-to-use files for several Aperture processes behind nginx (docs/deployment.md).
  nginx       aperture.nginx.conf: WebSocket upgrade, sticky sessions, static bundle, TLS placeholder
  systemd     a unit per web process and job worker, aperture.target, aperture.env
  supervisor  aperture.supervisor.conf (a program per web process and job worker), aperture.env
systemd and supervisor need the app paths, as "aperture serve" takes them.

Options:
  --procs <n>             web processes (default 2)
  --port-base <port>      process i listens on port-base + i (default 5006)
  --address <ip>          where the processes listen (default 127.0.0.1)
  --backend <host:port>   process i's address, in order (repeatable; replaces the three above)
  --server-name <name>    nginx server_name (repeatable; default _ = any host)
  --listen <address>      nginx listen (repeatable; default 80 and [::]:80)
  --static <dir>          the client bundle nginx serves (default this package's dist/client)
  --prefix </path>        URL prefix, as "aperture serve --prefix"
  --queue <name[:n]>      a job worker ("aperture worker") for the queue, n jobs at once (repeatable)
  --tasks <module>        the module whose exported functions the job workers run
  --max-jobs <n>          replace a job worker's process after n jobs, releasing memory
  --graceful-timeout <s>  on a stop, how long a job worker's running jobs have to finish (default 30)
  --user <name>           system user of the services (default aperture)
  --workdir <dir>         the project folder (default the current folder)
  --env-file <path>       where the environment file will live (default /etc/aperture/aperture.env)
  --redis <url>           Redis for groups and jobs (default redis://127.0.0.1:6379)
  --log-dir <dir>         supervisor's log folder (default /var/log/aperture)
  --serve-arg <arg>       one more argument for every "aperture serve" (repeatable)
  --out <dir>             where to write the files (default ./deploy)
  --force                 overwrite files that exist
  -h, --help              show this help`;

const KINDS = ["nginx", "systemd", "supervisor"] as const;
type Kind = (typeof KINDS)[number];

/** Values land in config files: refuse anything that could end a directive or a line. */
function assertPlain(what: string, value: string): string {
  if (!/^[^\s;{}"'`\\$#]+$/.test(value))
    throw new Error(`${what} "${value}" may not contain spaces, quotes, ";", "{", "}", "$", "#" or "\\"`);
  return value;
}

function integer(what: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${what} must be ${min}–${max}, got ${value}`);
  return n;
}

function parseQueue(spec: string): QueueWorker {
  const [name = "", concurrency = "1"] = spec.split(":");
  if (!/^[\w.-]{1,64}$/.test(name)) throw new Error(`--queue "${spec}": the name must be letters, digits, "_", "-" or "."`);
  return { name, concurrency: integer(`--queue ${name}: concurrency`, concurrency, 1, 256) };
}

function parseBackend(backend: string): string {
  if (!/^(\[[\da-fA-F:.]+\]|[\w.-]+):\d{1,5}$/.test(backend)) throw new Error(`--backend "${backend}" must be host:port`);
  return backend;
}

const OPTIONS = {
  procs: { type: "string", default: "2" },
  "port-base": { type: "string", default: "5006" },
  address: { type: "string", default: "127.0.0.1" },
  backend: { type: "string", multiple: true, default: [] as string[] },
  "server-name": { type: "string", multiple: true, default: [] as string[] },
  listen: { type: "string", multiple: true, default: [] as string[] },
  static: { type: "string" },
  prefix: { type: "string", default: "" },
  queue: { type: "string", multiple: true, default: [] as string[] },
  tasks: { type: "string" },
  "max-jobs": { type: "string" },
  "graceful-timeout": { type: "string", default: "30" },
  user: { type: "string", default: "aperture" },
  workdir: { type: "string" },
  "env-file": { type: "string", default: "/etc/aperture/aperture.env" },
  redis: { type: "string", default: "redis://127.0.0.1:6379" },
  "log-dir": { type: "string", default: "/var/log/aperture" },
  "serve-arg": { type: "string", multiple: true, default: [] as string[] },
  out: { type: "string", default: "deploy" },
  force: { type: "boolean", default: false },
  help: { type: "boolean", short: "h" },
} satisfies NonNullable<ParseArgsConfig["options"]>;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

export function deployOptions(values: Values, apps: string[], cwd = process.cwd()): DeployOptions {
  const procs = integer("--procs", values.procs, 1, 64);
  const prefix = values.prefix.replace(/\/+$/, "");
  if (prefix && !/^\/[\w./-]*$/.test(prefix)) throw new Error(`--prefix "${prefix}" must start with "/"`);
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));
  return {
    procs,
    portBase: integer("--port-base", values["port-base"], 1, 65535 - procs + 1),
    address: assertPlain("--address", values.address),
    backends: values.backend.map(parseBackend),
    serverNames: values["server-name"].length ? values["server-name"].map((name) => assertPlain("--server-name", name)) : ["_"],
    listen: values.listen.length ? values.listen.map((listen) => assertPlain("--listen", listen)) : ["80", "[::]:80"],
    staticDir: assertPlain("--static", absolute(values.static ?? CLIENT_DIR)),
    prefix,
    apps: apps.map((app) => assertPlain("app path", absolute(app))),
    workdir: assertPlain("--workdir", absolute(values.workdir ?? cwd)),
    node: process.execPath,
    cli: `${PACKAGE_ROOT}bin/aperture.js`,
    user: assertPlain("--user", values.user),
    envFile: assertPlain("--env-file", absolute(values["env-file"])),
    redisUrl: assertPlain("--redis", values.redis),
    queues: values.queue.map(parseQueue),
    tasks: values.tasks === undefined ? undefined : assertPlain("--tasks", absolute(values.tasks)),
    maxJobs: values["max-jobs"] === undefined ? undefined : integer("--max-jobs", values["max-jobs"], 1, 1_000_000),
    gracefulTimeout: integer("--graceful-timeout", values["graceful-timeout"], 1, 86_400),
    logDir: assertPlain("--log-dir", absolute(values["log-dir"])),
    serveArgs: values["serve-arg"].map((arg) => assertPlain("--serve-arg", arg)),
  };
}

export function generate(kind: Kind, options: DeployOptions, generatedBy: string): GeneratedFile[] {
  const env: GeneratedFile = { name: "aperture.env", text: envFile(options), mode: 0o600 };
  switch (kind) {
    case "nginx":
      return [{ name: "aperture.nginx.conf", text: nginxConf(options, generatedBy) }];
    case "systemd":
      return [...systemdUnits(options, generatedBy), env];
    case "supervisor":
      return [supervisorConf(options, generatedBy), env];
  }
}

/** What to run after writing, with the paths as written. */
function nextSteps(kind: Kind, out: string, options: DeployOptions): string {
  const at = (name: string) => join(out, name);
  const env = `sudo install -D -m 600 ${at("aperture.env")} ${options.envFile}`;
  switch (kind) {
    case "nginx":
      return `sudo cp ${at("aperture.nginx.conf")} /etc/nginx/sites-available/aperture
sudo ln -sf /etc/nginx/sites-available/aperture /etc/nginx/sites-enabled/aperture
sudo nginx -t && sudo systemctl reload nginx`;
    case "systemd":
      return `${env}
sudo cp ${at("aperture-*.service")} ${at("aperture.target")} /etc/systemd/system/
sudo systemctl daemon-reload && sudo systemctl enable --now aperture.target`;
    case "supervisor":
      return `${env}
sudo mkdir -p ${options.logDir} && sudo chown ${options.user} ${options.logDir}
sudo cp ${at("aperture.supervisor.conf")} /etc/supervisor/conf.d/aperture.conf
sudo supervisorctl reread && sudo supervisorctl update`;
  }
}

function writeFiles(out: string, files: GeneratedFile[], force: boolean): void {
  const taken = files.filter((file) => existsSync(join(out, file.name)));
  if (taken.length > 0 && !force) {
    throw new Error(
      `${taken.map((file) => join(out, file.name)).join(", ")} already there: pass --force to overwrite (aperture.env gets a new secret)`,
    );
  }
  mkdirSync(out, { recursive: true });
  for (const file of files) {
    const path = join(out, file.name);
    const mode = file.mode ?? 0o644;
    // A secret file is never readable by others, not even for a moment: narrowed before an
    // overwrite, created with its mode, and set again (the umask may have taken bits off).
    if (existsSync(path)) chmodSync(path, mode & 0o600);
    writeFileSync(path, file.text, { mode });
    chmodSync(path, mode);
  }
}

/** The command line for the files' "Generated by" comments, without a Redis password. */
function redacted(argv: string[]): string[] {
  return argv.map((arg) => arg.replace(/^((?:--redis=)?rediss?:\/\/)[^@/]*@/, "$1…@"));
}

export async function genCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const [kind, ...apps] = positionals;
  if (values.help || !KINDS.includes(kind as Kind)) {
    console.log(GEN_USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  if (kind !== "nginx" && apps.length === 0) throw new Error(`gen ${kind} needs the app paths to serve, as "aperture serve" takes them`);
  const options = deployOptions(values, apps);
  if (options.queues.length > 0 && !options.tasks) throw new Error("--queue needs --tasks <module>: the functions the job workers run");
  if (!existsSync(join(options.staticDir, ".vite/manifest.json")))
    console.warn(`note: ${options.staticDir} has no client bundle yet: run "npm run build" before nginx serves it`);
  const files = generate(kind as Kind, options, `aperture gen ${redacted(argv).join(" ")}`);
  writeFiles(values.out, files, values.force);
  const out = relative(process.cwd(), resolve(values.out)) || ".";
  console.log(`Wrote ${files.map((file) => join(out, file.name)).join(", ")}\n\nNext:\n${nextSteps(kind as Kind, out, options)}`);
}
