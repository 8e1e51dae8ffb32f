/**
 * The client's JavaScript as the build wrote it, each file raw and as its precompressed `.gz`
 * (gzip -9) and `.br` (brotli 11) files: what a page with a plain figure downloads (the entry
 * and the plotly chunk, found from Vite's manifest as server/http/client-files.ts finds them),
 * and every script together (the chunks loaded on demand: other trace types, WebGL, rich text).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { readClientFiles } from "../server/http/client-files.ts";

export interface BundleFile {
  name: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export interface BundleSizes {
  /** A page whose figures draw lines and markers. */
  files: BundleFile[];
  gzip: number;
  brotli: number;
  /** Every script of the build, each loaded only by pages that need it. */
  everyScript: { files: BundleFile[]; gzip: number; brotli: number };
}

const size = (path: string) => (existsSync(path) ? statSync(path).size : Number.NaN);
const total = (files: BundleFile[], key: "gzip" | "brotli") => files.reduce((sum, file) => sum + file[key], 0);

export function measureBundle(): BundleSizes {
  const client = readClientFiles();
  const measure = (name: string): BundleFile => {
    const path = join(client.dir, name);
    return { name, raw: readFileSync(path).length, gzip: size(`${path}.gz`), brotli: size(`${path}.br`) };
  };
  const files = [client.entry, ...client.figureChunks].map(measure);
  const every = [...client.hashed].filter((name) => name.endsWith(".js")).map(measure);
  return {
    files,
    gzip: total(files, "gzip"),
    brotli: total(files, "brotli"),
    everyScript: { files: every, gzip: total(every, "gzip"), brotli: total(every, "brotli") },
  };
}
