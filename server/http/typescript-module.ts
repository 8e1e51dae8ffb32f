/**
 * Imports the modules people serve (apps, auth modules), TypeScript included, without a module
 * loader. Node 20's module hooks run on a thread of their own, a second JavaScript heap that
 * cost a fresh `aperture serve` 32 MB. Instead, a short-lived process (app-bundler.mjs, with
 * esbuild) bundles each TypeScript file with the local files it imports into one ES module,
 * written beside it as a hidden file, which is imported and removed at once. Beside the source,
 * so that its packages ("aperture" first of all) resolve exactly as from the source, to the
 * same module instances the server uses. Source maps keep stack traces on the TypeScript's
 * files and lines; `import.meta.url`, `.filename` and `.dirname` stay each file's own.
 *
 * One difference from a loader: a local module imported by two served files is bundled into
 * each, so its module-level state is not shared between them. A folder that cannot be written
 * falls back to tsx's loader (with its thread).
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { access, constants, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";

export type ModuleNamespace = Record<string, unknown>;

const TYPESCRIPT = /\.[cm]?tsx?$/;
const BUNDLER = fileURLToPath(new URL("./app-bundler.mjs", import.meta.url));
/** Aperture's own code (server/ in a checkout, dist/server/ installed): imported, never bundled. */
const LIBRARY = fileURLToPath(new URL("../", import.meta.url));
const run = promisify(execFile);

/** The hidden file a TypeScript module is bundled to: beside it, named so no two processes meet. */
function bundleFile(file: string): string {
  return join(dirname(file), `.${basename(file)}.aperture-${process.pid}-${randomBytes(4).toString("hex")}.mjs`);
}

async function isWritable(folder: string): Promise<boolean> {
  return access(folder, constants.W_OK).then(
    () => true,
    () => false,
  );
}

let tsxRegistered: Promise<void> | undefined;

/** The fallback for a read-only folder: tsx's loader, registered once. */
function registerTsx(folder: string): Promise<void> {
  console.warn(`aperture: ${folder} is not writable, so its TypeScript is loaded through tsx's loader (a thread of its own)`);
  tsxRegistered ??= import("tsx/esm/api").then(({ register }) => void register());
  return tsxRegistered;
}

/** Bundles the files (absolute paths) in one bundler process; per file, null or its errors. */
async function bundle(pairs: { file: string; out: string }[]): Promise<(string[] | null)[]> {
  const args = pairs.flatMap(({ file, out }) => [file, out]);
  const { stdout } = await run(process.execPath, [BUNDLER, LIBRARY, ...args], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as (string[] | null)[];
}

async function importBundle(file: string, out: string, errors: string[] | null): Promise<ModuleNamespace> {
  if (errors) {
    await rm(out, { force: true });
    throw new Error(`${file} did not compile:\n${errors.join("\n")}`);
  }
  try {
    return (await import(pathToFileURL(out).href)) as ModuleNamespace;
  } finally {
    await rm(out, { force: true });
  }
}

/**
 * Imports each file (a path), as `import()` would if Node could read TypeScript. Settles per
 * file, in order: one that does not compile or throws while loading does not stop the others.
 */
export async function importModules(paths: string[]): Promise<PromiseSettledResult<ModuleNamespace>[]> {
  const files = paths.map((path) => resolve(path));
  const writable = await Promise.all(files.map(async (file) => !TYPESCRIPT.test(file) || (await isWritable(dirname(file)))));
  const bundled = files.map((file, i) => ({ file, out: bundleFile(file), bundle: TYPESCRIPT.test(file) && writable[i] }));
  const toBundle = bundled.filter((entry) => entry.bundle);
  if (toBundle.length > 0) process.setSourceMapsEnabled(true);
  const errors = toBundle.length > 0 ? await bundle(toBundle) : [];
  const errorsOf = new Map(toBundle.map((entry, i) => [entry.file, errors[i] ?? null]));
  // One at a time, in order, as a list of static imports would load.
  const results: PromiseSettledResult<ModuleNamespace>[] = [];
  for (const entry of bundled) {
    const loading = entry.bundle
      ? importBundle(entry.file, entry.out, errorsOf.get(entry.file) ?? null)
      : (TYPESCRIPT.test(entry.file) ? registerTsx(dirname(entry.file)) : Promise.resolve()).then(
          async () => (await import(pathToFileURL(entry.file).href)) as ModuleNamespace,
        );
    results.push(
      await loading.then(
        (value) => ({ status: "fulfilled" as const, value }),
        (reason: unknown) => ({ status: "rejected" as const, reason }),
      ),
    );
  }
  return results;
}

/** Imports one file (a path), TypeScript or JavaScript; rejects with its compile or load error. */
export async function importModule(path: string): Promise<ModuleNamespace> {
  const [result] = await importModules([path]);
  if (result!.status === "rejected") throw result!.reason;
  return result!.value;
}
