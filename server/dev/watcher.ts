/**
 * Watches the folders of the served apps for saved source files (`aperture serve --dev`).
 *
 * One `fs.watch` per folder, walked by hand rather than `{ recursive: true }`: on Linux, Node's
 * recursive mode walks every subfolder including node_modules (tens of thousands of inotify
 * watches for an app at a project's root), and it cannot be told to skip any.
 */
import { watch, readdirSync, statSync, type Dirent, type FSWatcher } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import type { Logger } from "../log.ts";

/** Files whose change means new code; data an app writes next to itself must not loop reloads. */
const SOURCE_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", ".jsx", ".json"]);
const SKIPPED_FOLDERS = new Set(["node_modules", "dist", "build", "coverage", "test-results"]);
const MAX_FOLDERS = 2_000;

export interface WatcherOptions {
  /** Quiet time after the last event before `onChange` runs: one save is often several events. */
  debounceMs?: number;
  logger: Logger;
}

export interface Watcher {
  close(): void;
}

/** The folders to watch for these app paths: a folder app's own, a file app's parent. */
export function watchRoots(paths: string[]): string[] {
  const roots = [...new Set(paths.map((path) => resolve(path)).map((path) => (statSync(path).isDirectory() ? path : dirname(path))))];
  // A folder inside another watched folder is already covered.
  return roots.filter((root) => !roots.some((other) => other !== root && root.startsWith(other + "/")));
}

function isSkipped(name: string): boolean {
  return name.startsWith(".") || SKIPPED_FOLDERS.has(name);
}

export function isSourceFile(name: string): boolean {
  return !name.startsWith(".") && SOURCE_EXTENSIONS.has(extname(name));
}

/** Calls `onChange` with the source files that changed, once per burst of events. */
export function watchTree(roots: string[], onChange: (files: string[]) => void, options: WatcherOptions): Watcher {
  const watchers = new Map<string, FSWatcher>();
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let warned = false;

  const flush = () => {
    timer = undefined;
    const files = [...changed];
    changed.clear();
    onChange(files);
  };

  const onEvent = (folder: string, name: string | null) => {
    if (name === null) return;
    const path = join(folder, name);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isDirectory()) {
      if (!isSkipped(name)) add(path);
      return;
    }
    if (!isSourceFile(name)) return;
    changed.add(path);
    clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs ?? 80);
  };

  const add = (folder: string) => {
    if (watchers.has(folder)) return;
    if (watchers.size >= MAX_FOLDERS) {
      if (!warned) options.logger.warn(`dev: watching the first ${MAX_FOLDERS} folders only; serve a smaller folder`);
      warned = true;
      return;
    }
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (_event, name) => onEvent(folder, name));
    } catch {
      return; // removed between the listing and now
    }
    // A removed folder's watcher errors (or just stops): forget it, so a new one can be added.
    watcher.on("error", () => {
      watcher.close();
      watchers.delete(folder);
    });
    watchers.set(folder, watcher);
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      // removed since: its watcher's error forgets it
    }
    for (const entry of entries) if (entry.isDirectory() && !isSkipped(entry.name)) add(join(folder, entry.name));
  };

  for (const root of roots) add(root);
  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
