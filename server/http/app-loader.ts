/**
 * Apps from files: `foo.ts` is served at `/foo`; a folder with `app.ts` at `/<folder>`. The
 * module's default export is the handler; `title`, `onServerLoaded`, `onServerUnloaded`, `onSessionCreated`, `onSessionDestroyed`,
 * `websockets` (consumers by URL pattern), `routes(router)` (HTTP routes under `/<app>`), `publicRoutes` (those `authorize` does not guard) and
 * `page(embed)` (the app's own HTML page around the document) and `template` (Bokeh's page template; a folder
 * app's `templates/index.html` when the module has none) are optional named exports.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { AppSpec } from "../session/app.ts";

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

export async function loadApp(path: string): Promise<AppSpec> {
  const { name, file } = appFile(path);
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
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

export async function loadApps(paths: string[]): Promise<AppSpec[]> {
  return Promise.all(paths.map(loadApp));
}
