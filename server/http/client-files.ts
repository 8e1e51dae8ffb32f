/**
 * The built client as the server finds it: Vite's manifest (`dist/client/.vite/manifest.json`)
 * names the entry (`aperture-<hash>.js`) and the chunks it imports on demand (plotly, for
 * figures), so no file name is written twice. Read once per runtime.
 */
import { existsSync, readFileSync } from "node:fs";
import { CLIENT_DIR } from "../paths.ts";

const MANIFEST = ".vite/manifest.json";

interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  dynamicImports?: string[];
  imports?: string[];
}

export interface ClientFiles {
  dir: string;
  /** The entry module: connection, document, widgets. */
  entry: string;
  /** What a page with a figure needs besides the entry (the plotly chunk and its imports). */
  figureChunks: string[];
  /** Files whose names change with their content (cached as immutable). */
  hashed: ReadonlySet<string>;
}

export function readClientFiles(dir: string = CLIENT_DIR): ClientFiles {
  const path = `${dir}${MANIFEST}`;
  if (!existsSync(path)) throw new Error(`the client bundle is missing (${path}): run "npm run build" first`);
  const manifest = JSON.parse(readFileSync(path, "utf8")) as Record<string, ManifestChunk>;
  const chunks = Object.values(manifest);
  const entry = chunks.find((chunk) => chunk.isEntry);
  if (entry === undefined) throw new Error(`${path} names no entry: run "npm run build" again`);
  const files = (keys: readonly string[] = []) => keys.flatMap((key) => (manifest[key] ? [manifest[key].file] : []));
  const plotly = (entry.dynamicImports ?? []).filter((key) => manifest[key]?.name?.startsWith("plotly"));
  const figureChunks = [...new Set([...files(plotly), ...plotly.flatMap((key) => files(manifest[key]!.imports))])].filter(
    (file) => file !== entry.file,
  );
  return { dir, entry: entry.file, figureChunks, hashed: new Set(chunks.map((chunk) => chunk.file)) };
}
