/** `aperture init <dir>`: a new project with an app, its test, a strict tsconfig and a README. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { PACKAGE_ROOT } from "../paths.ts";
import { scaffoldFiles } from "../scaffold/files.ts";

export const INIT_USAGE = `Usage: aperture init <dir> [options]

Makes a project in <dir> (new or empty): package.json (start, dev, test), a strict
tsconfig.json, app.ts (a plot, a slider, a callback), test/app.test.ts and a README.
Then: cd <dir> && npm install && npm start

Options:
  --aperture <spec>   how package.json depends on aperture (default ^<this version>;
                      a tarball path or file:… works too)
  -h, --help          show this help`;

interface OwnPackage {
  version: string;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const own = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as OwnPackage;

/** The project's dev tools, at the versions this package is built and tested with. */
function devDependencies(): Record<string, string> {
  return {
    "@types/node": own.dependencies["@types/node"]!,
    tsx: own.dependencies.tsx!,
    typescript: own.devDependencies?.typescript ?? "^5.9.0",
  };
}

/** npm's rules for a package name, applied to the folder's name. */
function packageName(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+/, "");
  return name || "aperture-app";
}

export async function initCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { aperture: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) return void console.log(INIT_USAGE);
  if (positionals.length !== 1) throw new Error(`init takes one folder\n\n${INIT_USAGE}`);
  const dir = resolve(positionals[0]!);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty; init writes only into a new or empty folder`);
  const spec = values.aperture ?? `^${own.version}`;
  const files = scaffoldFiles({
    name: packageName(dir),
    aperture: /^[./]/.test(spec) ? `file:${resolve(spec)}` : spec,
    devDependencies: devDependencies(),
  });
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  console.log(
    `Made ${dir}:\n${Object.keys(files)
      .map((path) => `  ${path}`)
      .join("\n")}\n\nNext:\n  cd ${positionals[0]}\n  npm install\n  npm start`,
  );
}
