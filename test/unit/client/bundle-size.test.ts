/**
 * The client bundle's budget: what a page downloads, gzip-compressed, as `npm run build:client`
 * leaves it in dist/client (npm test builds it first). Sizes are printed on every run.
 */
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const CLIENT_DIR = fileURLToPath(new URL("../../../dist/client/", import.meta.url));
/** All of the page's JavaScript (Aperture's client with plotly.js), gzip -9. Today ~538 KB. */
const BUDGET_GZIP_BYTES = 600 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe("the client bundle", () => {
  it(`stays within ${kb(BUDGET_GZIP_BYTES)} gzipped, all of its scripts together`, () => {
    const scripts = readdirSync(CLIENT_DIR, { recursive: true, encoding: "utf8" }).filter((name) => /\.m?js$/.test(name));
    expect(scripts, `no scripts in ${CLIENT_DIR}: run npm run build:client`).not.toEqual([]);
    const sizes = scripts.map((name) => {
      const source = readFileSync(`${CLIENT_DIR}${name}`);
      return { name, bytes: source.length, gzip: gzipSync(source, { level: 9 }).length };
    });
    const total = sizes.reduce((sum, size) => sum + size.gzip, 0);
    console.log(
      [
        ...sizes.map((s) => `  ${s.name.padEnd(40)} ${kb(s.bytes).padStart(10)}  ${kb(s.gzip).padStart(9)} gzip`),
        `  ${"total".padEnd(40)} ${"".padStart(10)}  ${kb(total).padStart(9)} gzip (budget ${kb(BUDGET_GZIP_BYTES)})`,
      ].join("\n"),
    );
    expect(total).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });
});
