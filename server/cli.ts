/** `aperture serve <path>…`: argv → serve(options). No logic of its own beyond parsing. */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadApps } from "./http/app-loader.ts";
import { serve } from "./http/serve.ts";

const USAGE = `Usage: aperture serve <path>… [options]

  <path>   an app file (foo.ts → /foo), a folder with app.ts (→ /<folder>),
           or a folder of such folders (each one an app)

Options:
  --port <n>                      port to listen on (default 5006; 0 = any free port)
  --address <ip>                  address to listen on (default 127.0.0.1)
  --allow-websocket-origin <h:p>  another site whose pages may embed the apps (repeatable)
  --prefix </path>                serve everything under this URL prefix
  --secret <key>                  signs session tokens (default $APERTURE_SECRET_KEY, else random)
  -h, --help                      show this help`;

/** A folder without app.ts but with app folders inside serves each of them. */
function expandPaths(paths: string[]): string[] {
  return paths.flatMap((path) => {
    const isAppFolder = statSync(path, { throwIfNoEntry: false })?.isDirectory() && !existsSync(join(path, "app.ts"));
    if (!isAppFolder) return [path];
    const inner = readdirSync(path)
      .map((entry) => join(path, entry))
      .filter((entry) => existsSync(join(entry, "app.ts")))
      .sort();
    return inner.length > 0 ? inner : [path];
  });
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string", default: "5006" },
      address: { type: "string", default: "127.0.0.1" },
      "allow-websocket-origin": { type: "string", multiple: true, default: [] },
      prefix: { type: "string" },
      secret: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...paths] = positionals;
  if (values.help || command !== "serve" || paths.length === 0) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`);
  const apps = await loadApps(expandPaths(paths));
  const server = await serve({
    apps,
    port,
    address: values.address,
    allowWebsocketOrigin: values["allow-websocket-origin"],
    ...(values.prefix ? { prefix: values.prefix } : {}),
    ...(values.secret ? { secret: values.secret } : {}),
  });
  console.log(`Aperture serving ${apps.length} app${apps.length === 1 ? "" : "s"} at ${server.url}/`);
  const width = Math.max(...apps.map((app) => app.name.length));
  for (const [name, url] of Object.entries(server.appUrls)) console.log(`  ${name.padEnd(width)}  ${url}`);
  const stop = (signal: string) => {
    console.log(`${signal}: closing sessions and stopping`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const inUse = (error as { code?: string }).code === "EADDRINUSE";
  const message = error instanceof Error ? error.message : String(error);
  console.error(`aperture: ${inUse ? `${message}: another program uses that port; pick one with --port` : message}`);
  process.exit(1);
});
