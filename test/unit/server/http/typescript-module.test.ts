import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Document } from "../../../../server/index.ts";
import { importModule, importModules } from "../../../../server/http/typescript-module.ts";

let dir: string;

function write(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** Every file under `dir`, hidden ones included. */
const listing = () => readdirSync(dir, { recursive: true }).map(String).sort();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "aperture-ts-module-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("importModules", () => {
  it("imports a TypeScript file with the local TypeScript it imports", async () => {
    write("lib/scale.ts", "export function scale(values: number[], by: number): number[] { return values.map((v) => v * by); }\n");
    const app = write(
      "app.ts",
      'import { scale } from "./lib/scale.ts";\ninterface Box { values: number[] }\nconst box: Box = { values: [1, 2] };\nexport const scaled = scale(box.values, 3);\n',
    );
    expect((await importModule(app)).scaled).toEqual([3, 6]);
  });

  it("keeps each file's own import.meta.url, filename and dirname", async () => {
    write("lib/where.ts", "export const where = [import.meta.url, import.meta.filename, import.meta.dirname];\n");
    const app = write(
      "app.ts",
      'export { where as libWhere } from "./lib/where.ts";\nexport const where = [import.meta.url, import.meta.filename, import.meta.dirname];\n',
    );
    const module = await importModule(app);
    expect(module.where).toEqual([pathToFileURL(app).href, app, dir]);
    const lib = join(dir, "lib/where.ts");
    expect(module.libWhere).toEqual([pathToFileURL(lib).href, lib, join(dir, "lib")]);
  });

  it("imports Aperture's own files rather than bundling a copy: an app importing them by path shares the server's classes", async () => {
    const index = fileURLToPath(new URL("../../../../server/index.ts", import.meta.url));
    const app = write("app.ts", `import { Document } from ${JSON.stringify(index)};\nexport { Document };\n`);
    expect((await importModule(app)).Document).toBe(Document);
  });

  it("leaves no file beside the source, after a load and after a failed compile", async () => {
    const good = write("good.ts", "export const ok: boolean = true;\n");
    const bad = write("bad.ts", "export const broken = (1;\n");
    const before = listing();
    await importModules([good, bad]);
    expect(listing()).toEqual(before);
  });

  it("rejects a file that does not compile with its path, line, column and message; the other files still load", async () => {
    const bad = write("bad.ts", 'export const title = "fine";\nexport const broken = (1;\n');
    const good = write("good.ts", "export const ok: boolean = true;\n");
    const [badResult, goodResult] = await importModules([bad, good]);
    expect(badResult).toMatchObject({ status: "rejected" });
    const message =
      (badResult as PromiseRejectedResult).reason instanceof Error ? ((badResult as PromiseRejectedResult).reason as Error).message : "";
    expect(message).toContain(`${bad}:2:25: Expected ")" but found ";"`);
    expect(goodResult).toEqual({ status: "fulfilled", value: expect.objectContaining({ ok: true }) });
  });

  it("gives the column of an error on the first line as the file's own", async () => {
    const bad = write("bad.ts", "export const broken = (1;\n");
    await expect(importModule(bad)).rejects.toThrow(`${bad}:1:25: Expected ")"`);
  });

  it("imports a JavaScript file as Node does: importing it again gives the same module", async () => {
    const file = write("plain.mjs", "export const made = {};\n");
    const [first, second] = [await importModule(file), await importModule(file)];
    expect(first.made).toBe(second.made);
  });
});
