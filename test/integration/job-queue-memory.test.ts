import { InMemoryChannelLayer, MemoryJobQueue, ThreadPool } from "../../server/index.ts";
import { describeJobQueueContract } from "./job-queue.contract.ts";

const TASKS = new URL("../fixtures/jobs/tasks.ts", import.meta.url);

describeJobQueueContract("in process", async () => {
  const layer = new InMemoryChannelLayer();
  const pool = new ThreadPool({ maxThreads: 1 });
  const queue = new MemoryJobQueue({ name: "contract", module: TASKS, concurrency: 1, pool, layer });
  return {
    queue,
    layer,
    async close() {
      await queue.close();
      await pool.destroy();
      await layer.close();
    },
  };
});
