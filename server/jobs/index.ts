/** CPU work off the event loop and long jobs on queues (docs/jobs.md). */
export {
  runInWorker,
  getThreadPool,
  setThreadPool,
  ThreadPool,
  type RunInWorkerOptions,
  type ThreadPoolOptions,
  type ModuleRef,
} from "./thread-pool.ts";
export type { JobContext } from "./thread-entry.ts";
export { jobQueue, createJobQueue, closeJobQueues, followJob, type JobQueueOptions } from "./job-queue.ts";
export {
  QueueFullError,
  DEFAULT_MAX_WAITING,
  DEFAULT_MAX_PER_OWNER,
  jobGroup,
  isJobUpdate,
  isJobId,
  mergeJobInfo,
  JOB_UPDATE,
  type JobInfo,
  type JobQueue,
  type JobState,
  type JobUpdate,
  type SubmitOptions,
} from "./job.ts";
export { jobOwner, type JobOwner, type OwnerSource } from "./owner.ts";
export { MemoryJobQueue, type MemoryJobQueueOptions } from "./memory-queue.ts";
export { RedisJobQueue, type RedisJobQueueOptions } from "./redis-queue.ts";
