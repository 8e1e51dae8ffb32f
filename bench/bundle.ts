/**
 * The client's JavaScript a figure page downloads, as the build wrote it: the entry and the
 * plotly chunk (server/http/client-files.ts finds them the same way, from Vite's manifest),
 * each raw and as its precompressed `.gz` (gzip -9) and `.br` (brotli 11) files.
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
  files: BundleFile[];
  gzip: number;
  brotli: number;
}

const size = (path: string) => (existsSync(path) ? statSync(path).size : Number.NaN);

export function measureBundle(): BundleSizes {
  const client = readClientFiles();
  const files = [client.entry, ...client.figureChunks].map((name) => {
    const path = join(client.dir, name);
    return { name, raw: readFileSync(path).length, gzip: size(`${path}.gz`), brotli: size(`${path}.br`) };
  });
  const total = (key: "gzip" | "brotli") => files.reduce((sum, file) => sum + file[key], 0);
  return { files, gzip: total("gzip"), brotli: total("brotli") };
}
