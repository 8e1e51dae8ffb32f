/**
 * Heavy calculations on a queue (the seed's Celery): pick a matrix size, press Run, and the
 * job goes to the queue; its progress bar moves as it runs, the histogram of its
 * eigenvalues appears when it is done, and the page stays responsive meanwhile (move the
 * bins slider). Jobs belong to the page's `?owner=` key, so a reloaded page (or another tab
 * with the same URL) finds its jobs, running or done, and owners take fair turns.
 *
 * Without Redis the jobs run on this server's thread pool. With Redis:
 *   APERTURE_REDIS_URL=redis://127.0.0.1:6379 npx aperture serve examples/jobs
 *   npx aperture worker examples/jobs/tasks.ts --queue calc_default --queue modelling --redis redis://127.0.0.1:6379
 */
import { randomUUID } from "node:crypto";
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
  jobQueue,
  row,
  type Document,
  type JobInfo,
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
const OWNER = /^[A-Za-z0-9_-]{8,64}$/;

/** Every page of one owner hears of the owner's new jobs, however they were submitted. */
const ownerGroup = (owner: string) => `jobs-owner-${owner}`;

/** Submits a spectrum job and tells the owner's pages, which follow it from then on. */
export async function submitSpectrum(owner: string, size: number, queue: QueueName = "calc_default"): Promise<JobInfo> {
  if (!Number.isInteger(size) || size < MIN_SIZE || size > MAX_SIZE)
    throw Object.assign(new RangeError(`size must be a whole number ${MIN_SIZE}–${MAX_SIZE}`), { status: 400 });
  const job = await queues[queue].submit("spectrum", { size }, { owner });
  await getChannelLayer().groupSend(ownerGroup(owner), { type: "jobs.submitted", id: job.id, queue });
  return job;
}

export default async function jobs(doc: Document): Promise<void> {
  const owners = doc.session.request.arguments.owner;
  const given = typeof owners === "string" ? owners : undefined;
  // A page without a key (an embed, say) still works; only its reload would not find the jobs.
  const owner = given && OWNER.test(given) ? given : randomUUID();

  const size = new Slider({ name: "size", title: "Matrix size (n × n)", start: 200, end: MAX_SIZE, step: 100, value: 1000 });
  const queueSelect = new Select({ name: "queue", title: "Queue", options: [...QUEUE_NAMES], value: "calc_default" });
  const run = new Button({ name: "run", label: "Run", buttonType: "primary" });
  const list = new Div({ name: "jobs", text: jobsHtml([]) });
  const spectrum = spectrumView();
  const known = new Map<string, JobInfo>();
  const following = new Set<string>();
  let newest: JobInfo | undefined;

  const onUpdate = (job: JobInfo) => {
    known.set(job.id, job);
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
  // A reloaded page: the owner's jobs as they stand, the unfinished ones followed again.
  for (const name of QUEUE_NAMES) {
    for (const job of await queues[name].list(owner)) await follow(name, job.id);
  }

  run.onClick(async () => {
    const job = await submitSpectrum(owner, size.value, isQueueName(queueSelect.value) ? queueSelect.value : "calc_default");
    await follow(job.queue as QueueName, job.id);
  });
  doc.addRoot(column(row(size, queueSelect, run), list, spectrum.bins, spectrum.plot, spectrum.caption));
}

const ownerOf = (body: unknown): string | undefined => {
  const owner = (body as { owner?: unknown } | undefined)?.owner;
  return typeof owner === "string" && OWNER.test(owner) ? owner : undefined;
};

async function findJob(id: string): Promise<JobInfo | undefined> {
  for (const name of QUEUE_NAMES) {
    const job = isJobId(id) ? await queues[name].get(id) : undefined;
    if (job) return job;
  }
  return undefined;
}

/**
 * The same jobs over HTTP: POST /jobs/jobs { size, queue?, owner } submits (open pages of
 * that owner show it), GET /jobs/jobs/:id reads, POST /jobs/jobs/:id/cancel { owner } cancels.
 * The owner key is the only credential here: a real app would check its own users.
 */
export function routes(router: Router): void {
  router.post("/jobs", express.json({ limit: "1kb" }), async (request, response) => {
    const owner = ownerOf(request.body);
    if (!owner) return void response.status(400).json({ error: "owner must be 8–64 letters, digits, '-' or '_'" });
    const queue = request.body.queue ?? "calc_default";
    if (!isQueueName(queue)) return void response.status(400).json({ error: `queue must be one of ${QUEUE_NAMES.join(", ")}` });
    try {
      response.status(201).json(await submitSpectrum(owner, Number(request.body.size), queue));
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
  router.post("/jobs/:id/cancel", express.json({ limit: "1kb" }), async (request, response) => {
    const job = await findJob(request.params.id);
    if (!job) return void response.status(404).json({ error: "no such job" });
    if (job.owner !== ownerOf(request.body))
      return void response.status(403).json({ error: "only the page that submitted a job may cancel it" });
    response.json(await queues[job.queue as QueueName].cancel(job.id));
  });
}

/**
 * The page keeps its owner key in its URL, made here on the first visit; the embed is
 * added only then, so the session (and a reload) sees the key in `?owner=`.
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
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(params.get("owner") || "")) {
    // randomUUID needs a secure context (https or localhost); getRandomValues does not.
    params.set("owner", Array.from(crypto.getRandomValues(new Uint8Array(16)), function (b) { return (b + 256).toString(16).slice(1); }).join(""));
    history.replaceState(null, "", location.pathname + "?" + params);
  }
  var tag = document.createElement("script");
  tag.src = ${JSON.stringify(autoload)} + "?" + params;
  document.getElementById("app").appendChild(tag);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-cancel]");
    if (!button) return;
    button.disabled = true;
    fetch(location.pathname.replace(/\\/$/, "") + "/jobs/" + encodeURIComponent(button.dataset.cancel) + "/cancel", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ owner: params.get("owner") }),
    });
  });
})();
</script>
</body></html>`;
}
