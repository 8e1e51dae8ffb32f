/**
 * `aperture worker <module> --queue calc_default --concurrency 2 --redis URL [--max-jobs N]`:
 * the seed's `celery worker --queue … --concurrency …`. The first process supervises; its
 * child (cluster worker, the same command) runs the jobs.
 */
import cluster from "node:cluster";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { JobProcessMessage, StopJobProcess } from "../jobs/worker-supervisor.ts";
import { superviseJobProcess } from "../jobs/worker-supervisor.ts";
import { startJobWorker } from "../jobs/redis-worker.ts";
import { assertQueueName } from "../jobs/redis-queue.ts";
import { importModule } from "../http/typescript-module.ts";
import { consoleLogger } from "../log.ts";

export const WORKER_USAGE = `Usage: aperture worker <module> [options]

  <module>   a module whose exported functions are the tasks: a job submitted as
             queue.submit("eigenvalues", data) runs eigenvalues(data, job) from it

Options:
  --queue <name>        a queue to take jobs from (repeatable; default calc_default)
  --concurrency <n>     jobs run at once from each queue, a thread each (default 1)
  --redis <url>         the Redis the server submits to (default $APERTURE_REDIS_URL)
  --max-jobs <n>        after n jobs the job process finishes them and is replaced by a
                        fresh one, releasing their memory (default: never)
  --prefix <p>          BullMQ key prefix, the same as the server's (default aperture-jobs)
  --graceful-timeout <s>
                        on SIGTERM, how long running jobs have to finish (default 30); then
                        they are ended: failed with the reason, or run again as their
                        attempts allow
  --lock-duration <s>   a job whose worker stops answering (killed, cut off) counts as lost
                        after this long, and another worker fails it or runs it again
                        (default 30)
  -h, --help            show this help

Stop with SIGTERM or Ctrl-C, to this process or its whole group: running jobs finish first
(within --graceful-timeout); a second signal ends them at once.`;

function positiveInteger(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max) throw new Error(`${flag} must be a whole number 1–${max}, got ${value}`);
  return number;
}

export async function workerCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      queue: { type: "string", multiple: true, default: [] },
      concurrency: { type: "string", default: "1" },
      redis: { type: "string" },
      "max-jobs": { type: "string" },
      prefix: { type: "string" },
      "graceful-timeout": { type: "string", default: "30" },
      "lock-duration": { type: "string", default: "30" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.log(WORKER_USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const queues = values.queue.length > 0 ? [...new Set(values.queue)] : ["calc_default"];
  queues.forEach(assertQueueName);
  const concurrency = positiveInteger(values.concurrency, "--concurrency", 256)!;
  const maxJobs = positiveInteger(values["max-jobs"], "--max-jobs", 1_000_000);
  const gracefulTimeout = positiveInteger(values["graceful-timeout"], "--graceful-timeout", 86_400)! * 1000;
  const lockDuration = positiveInteger(values["lock-duration"], "--lock-duration", 3_600)! * 1000;
  const redisUrl = values.redis ?? process.env.APERTURE_REDIS_URL;
  if (!redisUrl) throw new Error("aperture worker needs --redis <url> (or APERTURE_REDIS_URL): jobs come from Redis");
  const module = pathToFileURL(resolve(positionals[0]!));
  const logger = consoleLogger();
  const prefix = values.prefix ? { prefix: values.prefix } : {};

  if (cluster.isWorker) {
    const tasks = Object.entries(await importModule(positionals[0]!)).filter(([, value]) => typeof value === "function");
    if (tasks.length === 0) throw new Error(`${positionals[0]} exports no functions, so it has no tasks`);
    const send = (message: JobProcessMessage) => process.send?.(message);
    const worker = await startJobWorker({
      module,
      queues,
      redisUrl,
      concurrency,
      logger,
      lockDuration,
      ...(maxJobs ? { maxJobs } : {}),
      ...prefix,
      onJobStart: (queue, id, token) => send({ type: "aperture:job-start", queue, id, token }),
      onJobEnd: (queue, id) => send({ type: "aperture:job-end", queue, id }),
    });
    logger.info(`job process ${process.pid}: tasks ${tasks.map(([name]) => name).join(", ")}`);
    send({ type: "aperture:jobs-ready" });
    // The supervisor decides when to stop and when to force (StopJobProcess): a signal to the
    // group reaches it too. SIGTERM to this process alone is a graceful stop, never a forced one.
    process.on("message", (message: StopJobProcess) => {
      if (message?.type !== "aperture:stop") return;
      logger.info(
        `job process ${process.pid}: ${message.force ? "ending its running jobs now" : "taking no more jobs; stopping once the running ones end"}`,
      );
      void worker.close({ force: message.force });
    });
    process.on("SIGTERM", () => void worker.close());
    process.on("SIGINT", () => undefined);
    await worker.done;
    process.exit(0);
  }

  const supervisor = await superviseJobProcess({ queues, redisUrl, logger, gracefulTimeout, ...prefix, env: {} });
  const limit = maxJobs ? `, a fresh process every ${maxJobs} job${maxJobs === 1 ? "" : "s"}` : "";
  console.log(`Aperture worker (pid ${process.pid}) taking jobs from ${queues.join(", ")} with concurrency ${concurrency}${limit}`);
  let signals = 0;
  const stop = (signal: string) => {
    signals++;
    const graceful = `finishing running jobs (for up to ${gracefulTimeout / 1000} s), then stopping (again to stop now)`;
    console.log(`${signal}: ${signals > 1 ? "stopping now" : graceful}`);
    void supervisor.close({ force: signals > 1 });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  await supervisor.done;
  process.exit(0);
}
