/**
 * The client bundle's budget: what a page downloads, gzip-compressed, as `npm run build:client`
 * leaves it in dist/client (npm test builds it first). Sizes are printed on every run.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const CLIENT_DIR = fileURLToPath(new URL("../../../dist/client/", import.meta.url));
/** What a page with a figure downloads (Aperture's client and its plotly chunk), gzip -9. Today ~476 KB. */
const FIGURE_PAGE_BUDGET = 600 * 1024;
/** Every script, the WebGL chunk that only `outputBackend: "webgl"` figures load included. Today ~610 KB. */
const ALL_SCRIPTS_BUDGET = 750 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

interface ManifestEntry {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** The files a page loads for `key` and what it imports, statically or once it needs them, stopping at `skip`. */
function filesOf(
  manifest: Record<string, ManifestEntry>,
  key: string,
  skip: (key: string) => boolean,
  seen = new Set<string>(),
): Set<string> {
  if (seen.has(key) || skip(key)) return seen;
  seen.add(key);
  const entry = manifest[key]!;
  for (const next of [...(entry.imports ?? []), ...(entry.dynamicImports ?? [])]) filesOf(manifest, next, skip, seen);
  return seen;
}

describe("the client bundle", () => {
  const manifest = JSON.parse(readFileSync(`${CLIENT_DIR}.vite/manifest.json`, "utf8")) as Record<string, ManifestEntry>;
  const gzipOf = (file: string) => gzipSync(readFileSync(`${CLIENT_DIR}${file}`), { level: 9 }).length;

  it(`a figure page downloads at most ${kb(FIGURE_PAGE_BUDGET)} gzipped, and all scripts together at most ${kb(ALL_SCRIPTS_BUDGET)}`, () => {
    const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
    expect(entry, `no entry in ${CLIENT_DIR}.vite/manifest.json: run npm run build:client`).toBeDefined();
    const figurePage = [...filesOf(manifest, entry!, (key) => key.includes("scattergl"))].map((key) => manifest[key]!.file);
    const all = Object.values(manifest).map((item) => item.file);
    const sizes = all.map((file) => ({ file, bytes: readFileSync(`${CLIENT_DIR}${file}`).length, gzip: gzipOf(file) }));
    const total = (files: string[]) => files.reduce((sum, file) => sum + sizes.find((size) => size.file === file)!.gzip, 0);
    console.log(
      [
        ...sizes.map((s) => `  ${s.file.padEnd(40)} ${kb(s.bytes).padStart(10)}  ${kb(s.gzip).padStart(9)} gzip`),
        `  ${"a figure page".padEnd(40)} ${"".padStart(10)}  ${kb(total(figurePage)).padStart(9)} gzip (budget ${kb(FIGURE_PAGE_BUDGET)})`,
        `  ${"all scripts".padEnd(40)} ${"".padStart(10)}  ${kb(total(all)).padStart(9)} gzip (budget ${kb(ALL_SCRIPTS_BUDGET)})`,
      ].join("\n"),
    );
    expect(figurePage.length).toBeGreaterThan(1);
    expect(total(figurePage)).toBeLessThanOrEqual(FIGURE_PAGE_BUDGET);
    expect(total(all)).toBeLessThanOrEqual(ALL_SCRIPTS_BUDGET);
  });
});
