import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import { freePort } from "./ports.ts";

export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, waits for the exit). */
  stop(): Promise<void>;
  /** Kills the server as a crash would (SIGKILL) and starts an empty one on the same port. */
  restart(): Promise<void>;
  /** Kills the server as a crash would (SIGKILL), leaving the port closed until `start()`. */
  kill(): Promise<void>;
  /** Starts an empty server on the same port again (after `kill()` or `stop()`). */
  start(): Promise<void>;
}

const REDIS_SERVER = process.env.REDIS_SERVER ?? "redis-server";
const START_TIMEOUT_MS = 10_000;

/**
 * A real, throwaway redis-server on a free loopback port, without persistence. Never
 * skipped: if redis-server is missing the test fails and says so (CI installs it via apt).
 */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await terminate(child, "SIGTERM");
    },
    async restart() {
      await terminate(child, "SIGKILL");
      child = await launch(port);
    },
    async kill() {
      await terminate(child, "SIGKILL");
    },
    async start() {
      child = await launch(port);
    },
  };
}

async function launch(port: number): Promise<ChildProcess> {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", tmpdir()];
  const child = spawn(REDIS_SERVER, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<never>((_, reject) => {
    child.once("error", (error) => reject(new Error(`cannot run ${REDIS_SERVER}: ${error.message}`)));
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}) before answering:\n${output}`)));
  });
  exited.catch(() => undefined); // observed by the race below; later exits are expected
  await Promise.race([untilPong(port), exited]);
  return child;
}

/** Polls the port until the server answers PING (a condition, not a fixed sleep). */
async function untilPong(port: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await ping(port)) return;
    await delay(10);
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${START_TIMEOUT_MS} ms`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let reply = "";
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) {
        socket.destroy();
        resolve(reply.startsWith("+PONG"));
      }
    });
    socket.once("error", () => resolve(false));
  });
}

async function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill(signal);
  await exited;
}
