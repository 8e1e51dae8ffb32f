// @ts-check
// `node app-bundler.mjs <library> <entry> <outfile> [<entry> <outfile>…]`: bundles each
// TypeScript entry with its local imports into one ES module, for typescript-module.ts.
// Packages stay imports, and so do files of Aperture's own code (the folder <library>, which a
// test app may import by path): the app must share the server's instances of them.
// A process of its own, plain JavaScript, so that the server never loads esbuild and needs no
// TypeScript loader to run it. Prints one JSON line: per entry, null or its errors.
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/** `import.meta.*` of each bundled file stays that file's, as if Node had loaded it itself. */
const FILE_SCOPE = {
  "import.meta.url": "__aperture_file_url",
  "import.meta.filename": "__aperture_file_name",
  "import.meta.dirname": "__aperture_dir_name",
};

const LOADERS = /** @type {const} */ ({ ts: "ts", mts: "ts", cts: "ts", tsx: "tsx", js: "js", mjs: "js", cjs: "js", jsx: "jsx" });

/** How many characters the plugin put before each file's first line (error columns say the file's own). */
const prefixes = new Map();

/** @type {import("esbuild").Plugin} */
const fileScope = {
  name: "aperture-file-scope",
  setup(bundler) {
    bundler.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async ({ path }) => {
      const values = [pathToFileURL(path).href, path, dirname(path)];
      // On the first line, before the file's own text: every line number stays the file's.
      const prefix = Object.values(FILE_SCOPE)
        .map((name, i) => `const ${name} = ${JSON.stringify(values[i])}; `)
        .join("");
      prefixes.set(path, prefix.length);
      const extension = /** @type {keyof typeof LOADERS} */ (path.slice(path.lastIndexOf(".") + 1));
      return { contents: prefix + (await readFile(path, "utf8")), loader: LOADERS[extension] };
    });
  },
};

/** @param {string} library @returns {import("esbuild").Plugin} */
function libraryExternal(library) {
  return {
    name: "aperture-library-external",
    setup(bundler) {
      bundler.onResolve({ filter: /^[./]/ }, async ({ path, kind, resolveDir, importer, pluginData }) => {
        if (pluginData === LIBRARY_CHECKED) return undefined;
        const found = await bundler.resolve(path, { kind, resolveDir, importer, pluginData: LIBRARY_CHECKED });
        if (found.errors.length > 0 || !found.path.startsWith(library)) return undefined;
        return { path: pathToFileURL(found.path).href, external: true };
      });
    },
  };
}
const LIBRARY_CHECKED = Symbol("library checked");

/** @param {string} library @param {string} entry @param {string} outfile */
async function bundle(library, entry, outfile) {
  try {
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      format: "esm",
      platform: "node",
      target: `node${process.versions.node}`,
      packages: "external",
      // Stack traces (and --dev's error page) name the TypeScript file and line.
      sourcemap: "inline",
      sourcesContent: false,
      define: FILE_SCOPE,
      plugins: [libraryExternal(library), fileScope],
      logLevel: "silent",
    });
    return null;
  } catch (error) {
    /** @type {import("esbuild").Message[]} */
    const messages = /** @type {{ errors?: import("esbuild").Message[] }} */ (error).errors ?? [];
    if (messages.length === 0) return [String(error)];
    return messages.map(({ location, text }) => {
      if (!location) return text;
      const file = resolve(location.file);
      const column = location.column + 1 - (location.line === 1 ? (prefixes.get(file) ?? 0) : 0);
      return `${file}:${location.line}:${column}: ${text}`;
    });
  }
}

const [library, ...pairs] = process.argv.slice(2);
const results = [];
for (let i = 0; i + 1 < pairs.length; i += 2)
  results.push(bundle(/** @type {string} */ (library), /** @type {string} */ (pairs[i]), /** @type {string} */ (pairs[i + 1])));
process.stdout.write(JSON.stringify(await Promise.all(results)) + "\n");
