/**
 * Heavy calculations on a queue (the seed's Celery): pick a matrix size, press Run, and the
 * job goes to the queue; its progress bar moves as it runs, the histogram of its
 * eigenvalues appears when it is done, and the page stays responsive meanwhile (move the
 * bins slider). Jobs belong to their owner as the server knows it (`jobOwner`: the signed-in
 * user, else the session), so owners take fair turns and no client can invent more of them.
 * The page keeps its jobs' ids in its URL (`?jobs=…`): a reloaded page, or another tab with
 * the same URL, follows them again (a job id is unguessable, and following one costs no turn).
 *
 * Without Redis the jobs run on this server's thread pool. With Redis:
 *   APERTURE_REDIS_URL=redis://127.0.0.1:6379 npx aperture serve examples/jobs
 *   npx aperture worker examples/jobs/tasks.ts --queue calc_default --queue modelling --redis redis://127.0.0.1:6379
 */
import express, { type Router } from "express";
import {
  Button,
  Div,
  QueueFullError,
  Select,
  Slider,
  column,
  followJob,
  getChannelLayer,
  isJobId,
  jobOwner,
  jobQueue,
  row,
  type Document,
  type JobInfo,
  type JobOwner,
  type JobQueue,
} from "aperture";
import { MIN_SIZE, MAX_SIZE } from "./tasks.ts";
import { jobsHtml, spectrumView } from "./view.ts";

export const title = "Jobs: heavy calculations on a queue, with live progress";

const TASKS = new URL("./tasks.ts", import.meta.url);
const QUEUE_NAMES = ["calc_default", "modelling"] as const;
type QueueName = (typeof QUEUE_NAMES)[number];
// In process each queue runs one job at a time, first come first served between owners' turns.
const queues: Record<QueueName, JobQueue> = {
  calc_default: jobQueue("calc_default", { module: TASKS, concurrency: 1 }),
  modelling: jobQueue("modelling", { module: TASKS, concurrency: 1 }),
};
const isQueueName = (name: unknown): name is QueueName => QUEUE_NAMES.includes(name as QueueName);

/** Every page of one owner hears of the owner's new jobs, however they were submitted. */
const ownerGroup = (owner: JobOwner) => `jobs-owner-${owner}`;

/** Submits a spectrum job and tells the owner's pages, which follow it from then on. */
export async function submitSpectrum(owner: JobOwner, size: number, queue: QueueName = "calc_default"): Promise<JobInfo> {
  if (!Number.isInteger(size) || size < MIN_SIZE || size > MAX_SIZE)
    throw Object.assign(new RangeError(`size must be a whole number ${MIN_SIZE}–${MAX_SIZE}`), { status: 400 });
  const job = await queues[queue].submit("spectrum", { size }, { owner });
  await getChannelLayer().groupSend(ownerGroup(owner), { type: "jobs.submitted", id: job.id, queue });
  return job;
}

/** The job ids a page's URL names (`?jobs=a,b`), at most 12 and well formed. */
function jobsOfUrl(argument: string | string[] | undefined): string[] {
  return [argument ?? []].flat().join(",").split(",").filter(isJobId).slice(0, 12);
}

export default async function jobs(doc: Document): Promise<void> {
  // The server's word for who this is: the signed-in user (with `authorize`), else this session.
  const owner = jobOwner(doc.session);

  const size = new Slider({ name: "size", title: "Matrix size (n × n)", start: 200, end: MAX_SIZE, step: 100, value: 1000 });
  const queueSelect = new Select({ name: "queue", title: "Queue", options: [...QUEUE_NAMES], value: "calc_default" });
  const run = new Button({ name: "run", label: "Run", buttonType: "primary" });
  const list = new Div({ name: "jobs", text: jobsHtml([]) });
  const spectrum = spectrumView();
  const known = new Map<string, JobInfo>();
  const following = new Set<string>();
  let newest: JobInfo | undefined;

  const onUpdate = (job: JobInfo) => {
    const before = known.get(job.id)?.state;
    known.set(job.id, job);
    // A toast (Panel's notifications) when a job this page watched run finishes, not for one already done.
    if (before !== undefined && before !== job.state && (job.state === "completed" || job.state === "failed")) {
      doc.notify(`Job ${job.id.slice(0, 8)} ${job.state}`, { level: job.state === "completed" ? "success" : "error", duration: 10_000 });
    }
    list.text = jobsHtml([...known.values()].sort((a, b) => b.submittedAt - a.submittedAt).slice(0, 12));
    if (job.state === "completed" && (!newest || job.submittedAt >= newest.submittedAt)) spectrum.show((newest = job));
  };

  const follow = async (queue: QueueName, id: string) => {
    if (following.has(id)) return;
    following.add(id);
    await followJob(doc, queues[queue], id, onUpdate);
  };

  await doc.session.subscribe(ownerGroup(owner), (message) =>
    message.type === "jobs.submitted" && isJobId(message.id) && isQueueName(message.queue) ? follow(message.queue, message.id) : undefined,
  );
  // A reloaded page: the owner's jobs (a signed-in user's) and the ones its URL names, as they stand.
  for (const name of QUEUE_NAMES) {
    for (const job of await queues[name].list(owner)) await follow(name, job.id);
  }
  for (const id of jobsOfUrl(doc.session.request.arguments.jobs)) {
    const job = await findJob(id);
    if (job) await follow(job.queue as QueueName, job.id);
  }

  run.onClick(async () => {
    const job = await submitSpectrum(owner, size.value, isQueueName(queueSelect.value) ? queueSelect.value : "calc_default");
    await follow(job.queue as QueueName, job.id);
  });
  doc.addRoot(column(row(size, queueSelect, run), list, spectrum.bins, spectrum.plot, spectrum.caption));
}

async function findJob(id: string): Promise<JobInfo | undefined> {
  for (const name of QUEUE_NAMES) {
    const job = isJobId(id) ? await queues[name].get(id) : undefined;
    if (job) return job;
  }
  return undefined;
}

/**
 * The same jobs over HTTP: POST /jobs/jobs { size, queue? } submits, GET /jobs/jobs/:id reads,
 * POST /jobs/jobs/:id/cancel cancels. A job's id is the credential for reading and cancelling
 * it (unguessable, and shown only to the pages that follow it). A job submitted here belongs to
 * the client's address, the one thing the server knows of it: a real app would use its users.
 */
export function routes(router: Router): void {
  router.post("/jobs", express.json({ limit: "1kb" }), async (request, response) => {
    const body = (request.body ?? {}) as { size?: unknown; queue?: unknown };
    const queue = body.queue ?? "calc_default";
    if (!isQueueName(queue)) return void response.status(400).json({ error: `queue must be one of ${QUEUE_NAMES.join(", ")}` });
    try {
      const owner = jobOwner({ address: request.ip ?? request.socket.remoteAddress ?? "unknown" });
      response.status(201).json(await submitSpectrum(owner, Number(body.size), queue));
    } catch (error) {
      // A full queue (or this owner's share of it) is a clear refusal, not a server error.
      if (!(error instanceof QueueFullError)) throw error;
      response.status(429).json({ error: error.message });
    }
  });
  router.get("/jobs/:id", async (request, response) => {
    const job = await findJob(request.params.id);
    if (!job) return void response.status(404).json({ error: "no such job" });
    response.json(job);
  });
  router.post("/jobs/:id/cancel", async (request, response) => {
    const job = await findJob(request.params.id);
    if (!job) return void response.status(404).json({ error: "no such job" });
    response.json(await queues[job.queue as QueueName].cancel(job.id));
  });
}

/**
 * The page keeps the ids of the jobs it shows in its URL (`?jobs=…`), so that a reload follows
 * them again; the session reads them from its arguments.
 */
export function page(embed: string): string {
  const autoload = /src="([^"?]+)/.exec(embed)?.[1] ?? "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">
<style>
body{font-family:system-ui,sans-serif;margin:24px;max-width:1000px}
.jobs{padding-left:1.4em}.job{margin:6px 0}.job progress{width:180px;vertical-align:middle}
.job .what{display:inline-block;min-width:150px}.job[data-state=failed] .state{color:#82071e}
.cancel{font:inherit;font-size:.85rem;margin-left:8px}
</style></head>
<body>
<h1>Heavy calculations on a queue</h1>
<p>All eigenvalues of a random symmetric matrix take seconds. Run a few, from a few tabs: they queue, take turns, and report progress; this page stays responsive.</p>
<div id="app"></div>
<script>
(function () {
  var params = new URLSearchParams(location.search);
  var tag = document.createElement("script");
  tag.src = ${JSON.stringify(autoload)} + "?" + params;
  var app = document.getElementById("app");
  app.appendChild(tag);
  // The jobs shown, newest first, into the URL: a reload follows them again.
  new MutationObserver(function () {
    var ids = Array.prototype.map.call(app.querySelectorAll("[data-job-id]"), function (row) { return row.dataset.jobId; });
    if (ids.length === 0 || ids.join(",") === params.get("jobs")) return;
    params.set("jobs", ids.join(","));
    history.replaceState(null, "", location.pathname + "?" + params);
  }).observe(app, { childList: true, subtree: true });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-cancel]");
    if (!button) return;
    button.disabled = true;
    fetch(location.pathname.replace(/\\/$/, "") + "/jobs/" + encodeURIComponent(button.dataset.cancel) + "/cancel", { method: "POST" });
  });
})();
</script>
</body></html>`;
}
