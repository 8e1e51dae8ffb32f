/**
 * The bench's helper processes (fan-out members, consumer clients): forked with tsx, asked by
 * IPC, answering with replies that say `{ kind: "failed", error }` when a request failed.
 */
import { fork, type ChildProcess } from "node:child_process";
import { PROJECT_ROOT } from "./server-process.ts";

export function forkHelper(url: URL): ChildProcess {
  return fork(url, [], { cwd: PROJECT_ROOT, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

/** The next reply of `child` that passes `test`; a "failed" reply or the child's exit rejects. */
export function nextReply<R extends { kind: string }>(child: ChildProcess, name: string, test: (reply: R) => boolean): Promise<R> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: R) => {
      if (reply.kind === "failed") return done(() => reject(new Error(`${name}: ${(reply as unknown as { error: string }).error}`)));
      if (test(reply)) done(() => resolve(reply));
    };
    const onExit = () => done(() => reject(new Error(`${name} exited`)));
    const done = (settle: () => void) => {
      child.off("message", onMessage);
      child.off("exit", onExit);
      settle();
    };
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}
