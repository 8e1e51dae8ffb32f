/** A process and its descendants, read from /proc (via pgrep), for tests that kill parts of a server. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** The children of `pid` (none when it has none, or is gone). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(pid)])
      .toString()
      .trim()
      .split("\n")
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** Every descendant of `pid`: its children, theirs, and so on. */
export function descendantsOf(pid: number): number[] {
  const found: number[] = [];
  for (let next = childrenOf(pid); next.length > 0; next = next.flatMap(childrenOf)) found.push(...next);
  return found;
}

/** Whether `pid` still runs: it exists and is not a zombie waiting for a parent to reap it. */
export function isRunning(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) S …"; comm may hold spaces and parentheses, the state follows the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
