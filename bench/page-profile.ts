/**
 * The page's side of `--profile`: Chromium's sampling profiler during the measured slider
 * moves, its frames mapped through the client bundle's source map to the original files
 * (client/*.ts, server/protocol/*.ts, plotly.js), so the table's misses can say how much is
 * Plotly, how much Aperture's client, how much the browser itself.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import type { Page } from "@playwright/test";
import { locateByUrl, type Locate } from "./profile.ts";
import { readClientFiles } from "../server/http/client-files.ts";
import { PROJECT_ROOT } from "./server-process.ts";

export interface PageProfiler {
  /** Stops sampling and writes the profile (the `.cpuprofile` format) to `path`. */
  stop(path: string): Promise<void>;
}

export async function startPageProfiler(page: Page): Promise<PageProfiler> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  return {
    async stop(path) {
      const { profile } = await cdp.send("Profiler.stop");
      writeFileSync(path, JSON.stringify(profile));
      await cdp.detach();
    },
  };
}

interface SourceMapConsumer {
  originalPositionFor(position: { line: number; column: number }): { source: string | null; name: string | null };
}

/**
 * Maps bundle frames to their original file. source-map-js comes with Vite (through
 * PostCSS); without it frames keep their bundle URL, which still separates browser work.
 */
export function locateInBundle(): Locate {
  const mapDir = join(PROJECT_ROOT, "dist/client");
  const consumers = new Map<string, SourceMapConsumer>();
  try {
    const require = createRequire(import.meta.url);
    const { SourceMapConsumer } = require("source-map-js") as { SourceMapConsumer: new (map: unknown) => SourceMapConsumer };
    for (const file of readClientFiles(`${mapDir}/`).hashed)
      consumers.set(file, new SourceMapConsumer(JSON.parse(readFileSync(join(mapDir, `${file}.map`), "utf8"))));
  } catch {
    return locateByUrl;
  }
  return (frame) => {
    const name = frame.url.slice(frame.url.lastIndexOf("/") + 1);
    const consumer = consumers.get(name);
    if (consumer === undefined) return { file: frame.url === "" ? "(browser)" : frame.url, name: frame.functionName || "(anonymous)" };
    const original = consumer.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
    const file = original.source ? relative(PROJECT_ROOT, resolve(mapDir, original.source)) : `${name} (unmapped)`;
    return { file, name: frame.functionName || original.name || "(anonymous)" };
  };
}
