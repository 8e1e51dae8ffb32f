import { describe, expect, it } from "vitest";
import { mergeJobInfo, type JobInfo } from "../../../../server/jobs/job.ts";

const job = (overrides: Partial<JobInfo>): JobInfo => ({
  id: "j",
  queue: "q",
  task: "t",
  data: null,
  owner: null,
  state: "waiting",
  progress: 0,
  message: null,
  result: null,
  error: null,
  submittedAt: 0,
  startedAt: null,
  finishedAt: null,
  attempt: 1,
  attempts: 2,
  ...overrides,
});

describe("mergeJobInfo", () => {
  it("moves a job only forward within one run", () => {
    const active = job({ state: "active", progress: 0.5 });
    expect(mergeJobInfo(active, job({ state: "waiting" }))).toBe(active);
    expect(mergeJobInfo(active, job({ state: "active", progress: 0.2 }))).toBe(active);
  });

  it("takes a later run as news, back to waiting with no progress, and ignores the earlier run's late news", () => {
    const again = job({ state: "waiting", attempt: 2 });
    expect(mergeJobInfo(job({ state: "active", progress: 0.9 }), again)).toBe(again);
    expect(mergeJobInfo(again, job({ state: "active", progress: 0.95 }))).toBe(again);
  });
});
