import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { initCommand } from "../../../../server/commands/init.ts";

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "aperture-init-"));
  made.push(dir);
  return dir;
}
interface PackageJson {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe("aperture init", () => {
  it("writes a module project with start, dev and test scripts, a strict tsconfig, an app, its test and a README", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const dir = join(tempDir(), "My App");
    await initCommand([dir]);
    const pkg = readJson(join(dir, "package.json")) as PackageJson;
    expect(pkg).toMatchObject({ name: "my-app", type: "module", dependencies: { aperture: expect.stringMatching(/^\^\d/) } });
    expect(Object.keys(pkg.scripts)).toEqual(["start", "dev", "test"]);
    expect(Object.keys(pkg.devDependencies).sort()).toEqual(["@types/node", "tsx", "typescript"]);
    expect((readJson(join(dir, "tsconfig.json")) as { compilerOptions: { strict?: boolean } }).compilerOptions.strict).toBe(true);
    expect(readFileSync(join(dir, "app.ts"), "utf8")).toContain('onChange("value"');
    expect(readFileSync(join(dir, "test/app.test.ts"), "utf8")).toContain('from "aperture/testing"');
    expect(readFileSync(join(dir, "README.md"), "utf8")).toContain("npm start");
  });

  it("depends on a tarball or folder given with --aperture by its absolute file: path", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const dir = join(tempDir(), "app");
    await initCommand([dir, "--aperture", "./aperture-0.1.0.tgz"]);
    const pkg = readJson(join(dir, "package.json")) as PackageJson;
    expect(pkg.dependencies.aperture).toBe(`file:${join(process.cwd(), "aperture-0.1.0.tgz")}`);
  });

  it("refuses a folder that is not empty, and writes nothing into it", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "notes.txt"), "mine");
    await expect(initCommand([dir])).rejects.toThrow("is not empty");
    expect(existsSync(join(dir, "package.json"))).toBe(false);
  });
});
