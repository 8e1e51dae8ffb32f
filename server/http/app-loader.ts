/**
 * Apps from files: `foo.ts` is served at `/foo`; a folder with `app.ts` at `/<folder>`. The
 * module's default export is the handler; `title`, `onServerLoaded`, `onServerUnloaded`, `onSessionCreated`, `onSessionDestroyed`,
 * `websockets` (consumers by URL pattern), `routes(router)` (HTTP routes under `/<app>`), `publicRoutes` (those `authorize` does not guard) and
 * `page(embed)` (the app's own HTML page around the document) and `template` (Bokeh's page template; a folder
 * app's `templates/index.html` when the module has none) are optional named exports.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import type { AppSpec } from "../session/app.ts";
import { importModules, type ModuleNamespace } from "./typescript-module.ts";

const APP_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];

function appFile(path: string): { name: string; file: string } {
  const full = resolve(path);
  if (!existsSync(full)) throw new Error(`no such file or folder: ${path}`);
  if (statSync(full).isDirectory()) {
    const file = APP_EXTENSIONS.map((ext) => join(full, `app${ext}`)).find((candidate) => existsSync(candidate));
    if (!file) throw new Error(`folder ${path} has no app.ts`);
    return { name: basename(full), file };
  }
  if (!APP_EXTENSIONS.includes(extname(full))) throw new Error(`${path} is not a .ts or .js file`);
  return { name: basename(full, extname(full)), file: full };
}

/** The module's `template`, else a folder app's `templates/index.html` (as Bokeh's directory apps). */
function templateOf(module: Record<string, unknown>, file: string, isFolder: boolean): { template?: string } {
  if (typeof module.template === "string") return { template: module.template };
  const inFolder = join(dirname(file), "templates", "index.html");
  return isFolder && existsSync(inFolder) ? { template: readFileSync(inFolder, "utf8") } : {};
}

function appSpec(path: string, name: string, file: string, module: ModuleNamespace): AppSpec {
  const handler = module.default;
  if (typeof handler !== "function") {
    throw new Error(`${file} must export its handler as the default export: export default function (doc) { … }`);
  }
  return {
    name,
    file: path,
    handler: handler as AppSpec["handler"],
    ...(typeof module.title === "string" ? { title: module.title } : {}),
    ...(typeof module.onServerLoaded === "function" ? { onServerLoaded: module.onServerLoaded as AppSpec["onServerLoaded"] } : {}),
    ...(typeof module.onServerUnloaded === "function" ? { onServerUnloaded: module.onServerUnloaded as AppSpec["onServerUnloaded"] } : {}),
    ...(typeof module.onSessionCreated === "function" ? { onSessionCreated: module.onSessionCreated as AppSpec["onSessionCreated"] } : {}),
    ...(typeof module.onSessionDestroyed === "function"
      ? { onSessionDestroyed: module.onSessionDestroyed as AppSpec["onSessionDestroyed"] }
      : {}),
    ...(typeof module.websockets === "object" && module.websockets !== null
      ? { websockets: module.websockets as AppSpec["websockets"] }
      : {}),
    ...(typeof module.routes === "function" ? { routes: module.routes as AppSpec["routes"] } : {}),
    ...(typeof module.page === "function" ? { page: module.page as AppSpec["page"] } : {}),
    ...(Array.isArray(module.publicRoutes) ? { publicRoutes: module.publicRoutes as string[] } : {}),
    ...templateOf(module, file, statSync(resolve(path)).isDirectory()),
  };
}

/**
 * Per app path, in order, its spec or why it failed to load (it does not compile, throws while
 * loading, or has no handler). The TypeScript apps are compiled together (typescript-module.ts).
 */
export async function loadAppsSettled(paths: string[]): Promise<PromiseSettledResult<AppSpec>[]> {
  const found = paths.map((path) => {
    try {
      return { path, ...appFile(path) };
    } catch (error) {
      return { path, error };
    }
  });
  const files = found.flatMap((entry) => ("file" in entry ? [entry.file] : []));
  const modules = await importModules(files);
  let next = 0;
  return found.map((entry): PromiseSettledResult<AppSpec> => {
    if (!("file" in entry)) return { status: "rejected", reason: entry.error };
    const module = modules[next++]!;
    if (module.status === "rejected") return module;
    try {
      return { status: "fulfilled", value: appSpec(entry.path, entry.name, entry.file, module.value) };
    } catch (error) {
      return { status: "rejected", reason: error };
    }
  });
}

/** The apps at these paths; rejects with the first one's error that failed to load. */
export async function loadApps(paths: string[]): Promise<AppSpec[]> {
  return (await loadAppsSettled(paths)).map((result) => {
    if (result.status === "rejected") throw result.reason;
    return result.value;
  });
}
