/**
 * The top of a V8 CPU profile (`node --cpu-prof`, or Chromium's `Profiler.stop`): self time
 * by function and by file, so a missed target can say what costs the most.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { PROJECT_ROOT } from "./server-process.ts";

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  /** Self time (ms). */
  selfMs: number;
  /** Share of the profile's busy time (not idle), 0…1. */
  share: number;
}

export interface ProfileSummary {
  title: string;
  busyMs: number;
  idleMs: number;
  functions: ProfileEntry[];
  files: ProfileEntry[];
}

/** Where a frame's code comes from: file and function (a bundle's source map can say better). */
export type Locate = (frame: CallFrame) => { file: string; name: string };

function shortUrl(url: string): string {
  if (url === "") return "(native)";
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  return path.startsWith(PROJECT_ROOT) ? relative(PROJECT_ROOT, path) : path;
}

export const locateByUrl: Locate = (frame) => ({ file: shortUrl(frame.url), name: frame.functionName || "(anonymous)" });

function top(selfByKey: Map<string, number>, busyMs: number, count: number): ProfileEntry[] {
  return [...selfByKey.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, selfMs]) => ({ name, selfMs, share: selfMs / busyMs }));
}

export function summarizeProfile(path: string, options: { title?: string; count?: number; locate?: Locate } = {}): ProfileSummary {
  const { title = "server child", count = 15, locate = locateByUrl } = options;
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let idleMs = 0;
  let busyMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = nodes.get(id);
    if (frame === undefined) return;
    if (frame.functionName === "(idle)") return void (idleMs += ms);
    busyMs += ms;
    const { file, name } = locate(frame);
    const key = `${name} ${file}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  });
  return { title, busyMs, idleMs, functions: top(byFunction, busyMs, count), files: top(byFile, busyMs, count) };
}

export function formatProfile(summary: ProfileSummary): string {
  const line = (entry: ProfileEntry) =>
    `  ${entry.selfMs.toFixed(1).padStart(8)} ms ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.name}`;
  return [
    `${summary.title} CPU profile: ${summary.busyMs.toFixed(0)} ms busy, ${summary.idleMs.toFixed(0)} ms idle`,
    "top functions by self time:",
    ...summary.functions.map(line),
    "by file:",
    ...summary.files.map(line),
  ].join("\n");
}
