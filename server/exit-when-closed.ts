/**
 * How a server process ends: it closes (tells its pages 4010, runs the destroy hooks, closes
 * the layer), then exits; bounded, so a hook that never settles cannot keep a stopping
 * process up (nor leave an orphan behind a `--num-procs` primary that is gone).
 */

/** The longest a stop may take before the process exits anyway (ms). */
export const STOP_BOUND_MS = 10_000;

/** Runs `close` once, however often it is asked to, and exits the process after it (0) or when it fails or overruns (1). */
export function exitWhenClosed(close: () => Promise<void>, boundMs = STOP_BOUND_MS): (why: string) => void {
  let stopping = false;
  return (why) => {
    if (stopping) return;
    stopping = true;
    console.log(`${why}: closing sessions and stopping`);
    setTimeout(() => {
      console.error(`still stopping after ${boundMs / 1000} s; exiting anyway`);
      process.exit(1);
    }, boundMs).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
}
