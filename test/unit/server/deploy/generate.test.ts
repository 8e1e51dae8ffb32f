import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { parseRequestHead } from "../../../../server/cluster/request-head.ts";
import { workerOfRequest } from "../../../../server/cluster/sticky.ts";
import { deployOptions, generate } from "../../../../server/commands/gen.ts";
import { nginxConf } from "../../../../server/deploy/nginx.ts";
import { backendsOf, quoteArg, serveCommandLine, type DeployOptions } from "../../../../server/deploy/options.ts";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** gen's parsed flags with their defaults, as parseArgs gives them. */
function values(overrides: Record<string, unknown> = {}) {
  return {
    procs: "2",
    "port-base": "5006",
    address: "127.0.0.1",
    backend: [],
    "server-name": [],
    listen: [],
    prefix: "",
    queue: [],
    user: "aperture",
    "env-file": "/etc/aperture/aperture.env",
    redis: "redis://127.0.0.1:6379",
    "log-dir": "/var/log/aperture",
    "serve-arg": [],
    "graceful-timeout": "30",
    out: "deploy",
    force: false,
    ...overrides,
  } as Parameters<typeof deployOptions>[0];
}

const options = (overrides: Record<string, unknown> = {}, apps = ["apps"]): DeployOptions =>
  deployOptions(values(overrides), apps, "/srv/site");

/** The regex rows of nginx's sticky map, as [pattern, upstream]. */
function stickyRows(conf: string): Array<[RegExp, string]> {
  const map = /map \$http_sec_websocket_protocol \$aperture_backend \{([^}]*)\}/.exec(conf)![1]!;
  return [...map.matchAll(/"~([^"]+)"\s+(\w+);/g)].map((match) => [new RegExp(match[1]!), match[2]!]);
}

/** Which upstream nginx would pick for a socket offering these sub-protocols (the first matching regex, as nginx does). */
function upstreamFor(conf: string, protocols: string): string {
  return stickyRows(conf).find(([pattern]) => pattern.test(protocols))?.[1] ?? "aperture_any";
}

describe("aperture gen", () => {
  describe("nginx", () => {
    it("routes a session's socket to the process its token's id marks, as the cluster primary does", () => {
      const conf = nginxConf(options({ procs: "12" }), "test");
      for (const index of [0, 1, 2, 10, 11]) {
        const protocols = `aperture, aperture-token.w${index}-abc.123.sig`;
        expect(upstreamFor(conf, protocols)).toBe(`aperture_w${index}`);
        const head = `GET /rolling/ws HTTP/1.1\r\nSec-WebSocket-Protocol: ${protocols}\r\n\r\n`;
        expect(workerOfRequest(parseRequestHead(Buffer.from(head)))).toBe(index);
      }
      expect(upstreamFor(conf, "aperture")).toBe("aperture_any");
      expect(upstreamFor(conf, "aperture, aperture-token.abc.1.s")).toBe("aperture_any");
      expect(upstreamFor(conf, "aperture, other.w1-x")).toBe("aperture_any");
    });

    it("sends new sessions to the less busy of two random processes, and each sticky upstream falls back to the others", () => {
      const conf = nginxConf(options({ procs: "3", "port-base": "7000" }), "test");
      expect(conf).toMatch(
        /upstream aperture_any \{\s+zone aperture_any 64k;\s+random two least_conn;\s+server 127\.0\.0\.1:7000;\s+server 127\.0\.0\.1:7001;\s+server 127\.0\.0\.1:7002;/,
      );
      expect(conf).toMatch(
        /upstream aperture_w1 \{\s+server 127\.0\.0\.1:7001;\s+server 127\.0\.0\.1:7000 backup;\s+server 127\.0\.0\.1:7002 backup;\s+\}/,
      );
    });

    it("upgrades WebSockets, keeps them open long, passes Host and the scheme, serves the bundle from disk", () => {
      const conf = nginxConf(options({ static: "/srv/site/public" }), "test");
      expect(conf).toContain("proxy_http_version 1.1;");
      expect(conf).toContain("proxy_set_header Upgrade $http_upgrade;");
      expect(conf).toContain("proxy_set_header Connection $aperture_connection;");
      expect(conf).toContain("proxy_set_header Host $http_host;");
      expect(conf).toContain("proxy_set_header X-Forwarded-Proto $scheme;");
      expect(conf).toContain("proxy_read_timeout 1h;");
      expect(conf).toMatch(/location \/static\/ \{\s+alias \/srv\/site\/public\/;/);
      expect(conf).toMatch(/^# server \{\n# {5}listen 443 ssl http2;/m);
    });

    it("puts everything under the prefix, as aperture serve --prefix does", () => {
      const conf = nginxConf(options({ prefix: "/apps/" }), "test");
      expect(conf).toContain("location /apps/static/ {");
      expect(conf).toContain("location /apps/ {");
    });
  });

  describe("systemd", () => {
    it("writes a unit per process and job worker, a target, and a private environment file", () => {
      const files = generate(
        "systemd",
        options({ queue: ["calc_default", "modelling:2"], tasks: "tasks.ts", "max-jobs": "10" }),
        "aperture gen systemd",
      );
      expect(files.map((file) => file.name)).toEqual([
        "aperture-web-0.service",
        "aperture-web-1.service",
        "aperture-worker-calc_default.service",
        "aperture-worker-modelling.service",
        "aperture.target",
        "aperture.env",
      ]);
      const web1 = files[1]!.text;
      expect(web1).toContain(
        `ExecStart=${process.execPath} ${ROOT}bin/aperture.js serve /srv/site/apps --address 127.0.0.1 --port 5007 --process-index 1`,
      );
      expect(web1).toContain("EnvironmentFile=/etc/aperture/aperture.env");
      expect(web1).toContain("WorkingDirectory=/srv/site");
      expect(files[3]!.text).toContain("worker /srv/site/tasks.ts --queue modelling --concurrency 2 --graceful-timeout 30 --max-jobs 10");
      expect(files[4]!.text).toContain(
        "Wants=aperture-web-0.service aperture-web-1.service aperture-worker-calc_default.service aperture-worker-modelling.service",
      );
      expect(files[5]!.mode).toBe(0o600);
      expect(files[5]!.text).toMatch(/^APERTURE_SECRET_KEY=[\w-]{43}$/m);
    });

    it("gives a job worker its grace period and then some before SIGKILL, and signals only its main process first", () => {
      const files = generate("systemd", options({ queue: ["calc_default"], tasks: "tasks.ts", "graceful-timeout": "120" }), "gen");
      const worker = files.find((file) => file.name === "aperture-worker-calc_default.service")!.text;
      expect(worker).toContain("--graceful-timeout 120");
      expect(worker).toMatch(/^KillMode=mixed$/m);
      expect(worker).toMatch(/^KillSignal=SIGTERM$/m);
      expect(worker).toMatch(/^TimeoutStopSec=150$/m);
      expect(files.find((file) => file.name === "aperture-web-0.service")!.text).toMatch(/^KillMode=mixed$/m);
    });

    it("lets pages served over TLS open sockets: the site's names on port 443 are allowed origins", () => {
      const line = serveCommandLine(options({ "server-name": ["example.com", "www.example.com"] }), 0).join(" ");
      expect(line).toContain("--allow-websocket-origin example.com:443 --allow-websocket-origin www.example.com:443");
    });
  });

  describe("supervisor", () => {
    it("reads the same environment file through node, so the secret stays out of conf.d", () => {
      const [conf] = generate("supervisor", options({ backend: ["10.0.0.2:8000", "10.0.0.3:8000"] }), "aperture gen supervisor");
      expect(conf!.text).toContain("[group:aperture]\nprograms=aperture-web-0,aperture-web-1");
      expect(conf!.text).toContain(
        `command=${process.execPath} --env-file=/etc/aperture/aperture.env ${ROOT}bin/aperture.js serve /srv/site/apps --address 10.0.0.3 --port 8000 --process-index 1`,
      );
      expect(conf!.text).not.toContain("APERTURE_SECRET_KEY");
    });

    it("waits out a job worker's grace period, and signals and kills its whole group (no job process left behind)", () => {
      const [conf] = generate("supervisor", options({ queue: ["calc_default"], tasks: "tasks.ts", "graceful-timeout": "45" }), "gen");
      const worker = conf!.text.slice(conf!.text.indexOf("[program:aperture-worker-calc_default]"));
      expect(worker).toContain("--graceful-timeout 45");
      expect(worker).toMatch(/^stopsignal=TERM$/m);
      expect(worker).toMatch(/^stopwaitsecs=75$/m);
      expect(worker).toMatch(/^stopasgroup=true$/m);
      expect(worker).toMatch(/^killasgroup=true$/m);
    });
  });

  describe("options", () => {
    it("refuses values that could break out of a directive", () => {
      expect(() => options({ "server-name": ["example.com; include /etc/passwd"] })).toThrow(/may not contain/);
      expect(() => options({ static: "/srv/{x}" })).toThrow(/may not contain/);
      expect(() => options({ backend: ["not a backend"] })).toThrow(/host:port/);
      expect(() => options({ procs: "0" })).toThrow(/--procs must be 1–64/);
    });

    it("lists backends from --port-base, or as given", () => {
      expect(backendsOf(options({ procs: "3", address: "::1" }))).toEqual(["[::1]:5006", "[::1]:5007", "[::1]:5008"]);
      expect(backendsOf(options({ backend: ["a:1", "b:2"] }))).toEqual(["a:1", "b:2"]);
      expect(serveCommandLine(options({ procs: "1", address: "::1" }), 0)).toContain("::1");
    });

    it("quotes arguments for ExecStart only when they need it", () => {
      expect(quoteArg("/srv/app/apps")).toBe("/srv/app/apps");
      expect(quoteArg("a b")).toBe('"a b"');
      expect(quoteArg('say "$x"')).toBe('"say \\"\\$x\\""');
    });
  });

  describe("the command", () => {
    const dirs: string[] = [];
    afterEach(() => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    });
    const run = (args: string[]) => promisify(execFile)(process.execPath, [`${ROOT}bin/aperture.js`, "gen", ...args], { cwd: ROOT });

    it("writes the files, keeps the secret private, hides a Redis password, and will not overwrite without --force", async () => {
      const out = mkdtempSync(join(tmpdir(), "aperture-gen-"));
      dirs.push(out);
      const args = ["systemd", "examples/rolling", "--out", out, "--redis", "redis://:hunter2@127.0.0.1:6379"];
      const { stdout } = await run(args);
      expect(stdout).toContain("systemctl enable --now aperture.target");
      expect(statSync(join(out, "aperture.env")).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(out, "aperture.env"), "utf8")).toContain("APERTURE_REDIS_URL=redis://:hunter2@127.0.0.1:6379");
      expect(readFileSync(join(out, "aperture-web-0.service"), "utf8")).not.toContain("hunter2");
      await expect(run(args)).rejects.toThrow(/pass --force/);
      await run([...args, "--force"]);
    });

    it("asks for the apps (systemd, supervisor) and for the tasks module (job workers)", async () => {
      await expect(run(["systemd"])).rejects.toThrow(/needs the app paths/);
      await expect(run(["supervisor", "examples/rolling", "--queue", "calc_default", "--out", "/nonexistent"])).rejects.toThrow(/--tasks/);
    });
  });
});
