/** What the jobs page shows: the list of a page's jobs with progress bars, and histograms. */
import { ColumnDataSource, Div, Slider, figure, type Figure, type JobInfo } from "aperture";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const LABEL: Record<JobInfo["state"], string> = {
  waiting: "waiting for a worker",
  active: "running",
  completed: "done",
  failed: "failed",
  cancelled: "cancelled",
};

function sizeOf(job: JobInfo): string {
  const size = (job.data as { size?: unknown } | null)?.size;
  return typeof size === "number" ? `${size}×${size}` : "?";
}

/** One line per job, newest first; a `<progress>` bar while it waits or runs. */
export function jobsHtml(jobs: readonly JobInfo[]): string {
  if (jobs.length === 0) return `<p class="jobs-empty"><em>No jobs yet: pick a size and press Run.</em></p>`;
  const rows = jobs.map((job) => {
    const open = job.state === "waiting" || job.state === "active";
    const percent = Math.round(job.progress * 100);
    const bar = open
      ? `<progress max="100" value="${percent}" aria-label="progress of job ${escape(job.id)}">${percent}%</progress> ${percent}%`
      : "";
    const detail =
      job.state === "failed" ? `: ${escape(job.error ?? "")}` : job.state === "active" && job.message ? ` (${escape(job.message)})` : "";
    // A run lost with its worker and started again says so (jobs run at least once).
    const attempt = job.attempt > 1 ? ` (attempt ${job.attempt} of ${job.attempts})` : "";
    const took =
      job.state === "completed" && job.startedAt && job.finishedAt ? ` in ${((job.finishedAt - job.startedAt) / 1000).toFixed(1)} s` : "";
    const cancel = open ? ` <button type="button" class="cancel" data-cancel="${escape(job.id)}">Cancel</button>` : "";
    return `<li class="job" data-job-id="${escape(job.id)}" data-state="${job.state}">
  <span class="what">${sizeOf(job)} on ${escape(job.queue)}</span> ${bar}
  <span class="state">${LABEL[job.state]}${attempt}${took}${detail}</span>${cancel}</li>`;
  });
  return `<ol class="jobs">${rows.join("\n")}</ol>`;
}

/** Density histogram of `values` over [-range, range] in `bins` bars. */
export function histogram(values: ArrayLike<number>, bins: number, range = 2.2): { x: Float64Array; density: Float64Array; width: number } {
  const width = (2 * range) / bins;
  const counts = new Float64Array(bins);
  for (let i = 0; i < values.length; i++) {
    const bin = Math.floor((values[i]! + range) / width);
    if (bin >= 0 && bin < bins) counts[bin]!++;
  }
  const x = Float64Array.from({ length: bins }, (_, i) => -range + (i + 0.5) * width);
  return { x, density: counts.map((count) => count / (values.length * width)), width };
}

/** Wigner's semicircle, the density the eigenvalues approach as n grows. */
export function semicircle(points = 161): { x: Float64Array; y: Float64Array } {
  const x = Float64Array.from({ length: points }, (_, i) => -2 + (4 * i) / (points - 1));
  return { x, y: x.map((v) => Math.sqrt(Math.max(0, 4 - v * v)) / (2 * Math.PI)) };
}

/**
 * The result's part of the page: the histogram of the shown job's eigenvalues under the
 * semicircle, and a bins slider that redraws it (a quick callback, answered at once while
 * jobs run). `show(job)` puts a completed job's result there.
 */
export function spectrumView(): { plot: Figure; bins: Slider; caption: Div; show(job: JobInfo): void } {
  const bins = new Slider({ name: "bins", title: "Histogram bins", start: 10, end: 80, step: 2, value: 40 });
  const caption = new Div({ name: "caption", text: "" });
  const bars = new ColumnDataSource({ data: { x: new Float64Array(0), density: new Float64Array(0) } });
  const curve = semicircle();
  const plot = figure({
    name: "spectrum",
    title: "",
    xAxisLabel: "eigenvalue / √n",
    yAxisLabel: "density",
    xRange: [-2.3, 2.3],
    height: 320,
  });
  plot.vbar("x", "density", { source: bars, color: "#4c78a8", alpha: 0.8, legendLabel: "eigenvalues" });
  plot.line(curve.x, curve.y, { color: "#d62728", legendLabel: "Wigner semicircle" });
  let shown: JobInfo | undefined;
  const draw = () => {
    const eigenvalues = (shown?.result as { eigenvalues?: number[] } | null)?.eigenvalues ?? [];
    const h = histogram(eigenvalues, bins.value);
    bars.data = { x: h.x, density: h.density };
    const n = eigenvalues.length;
    plot.title = shown
      ? `Eigenvalues of a random symmetric ${n}×${n} matrix, ${bins.value} bins`
      : `Run a job to see its eigenvalues (${bins.value} bins)`;
    caption.text = shown
      ? `<p>Job <code>${escape(shown.id.slice(0, 8))}</code> on ${escape(shown.queue)}; the red curve is the limit as n grows.</p>`
      : "";
  };
  bins.onChange("value", draw);
  draw();
  return {
    plot,
    bins,
    caption,
    show(job) {
      shown = job;
      draw();
    },
  };
}
