/** `serve()`: a server of its own. `mount()`: Aperture apps inside an existing Express server. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { attachUpgrades, createRuntime, type Runtime } from "./runtime.ts";
import type { RuntimeOptions } from "./options.ts";
import { refuseUpgrade } from "./socket-server.ts";
import { capConnectionsPerAddress, timeoutOptions } from "./connections.ts";
import { exposureWarnings } from "./security-headers.ts";

/** Where `useXheaders` believes forwarded headers from: the proxies of this machine and network. */
const TRUSTED_PROXIES = ["loopback", "linklocal", "uniquelocal"];

export interface ServeOptions extends RuntimeOptions {
  /** Default 5006; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  address?: string;
}

export interface ApertureServer {
  /** Base URL, e.g. "http://127.0.0.1:5006". */
  url: string;
  port: number;
  /** Full URL of each app by name. */
  appUrls: Record<string, string>;
  runtime: Runtime;
  httpServer: Server;
  close(): Promise<void>;
}

function listen(server: Server, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, address, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/**
 * Serves apps on their own HTTP server.
 * @example const server = await serve({ apps: { rolling } }); console.log(server.appUrls.rolling)
 */
export async function serve(options: ServeOptions): Promise<ApertureServer> {
  const address = options.address ?? "127.0.0.1";
  // The name it was told to listen on is one its pages may use.
  const { runtime, httpServer } = createAppServer({ ...options, allowHost: [...(options.allowHost ?? []), address] });
  // Bokeh runs on_server_loaded before the server takes requests; one that throws stops the start.
  await runtime.ready.catch(async (error: unknown) => {
    await runtime.close();
    throw error;
  });
  await listen(httpServer, options.port ?? 5006, address);
  for (const warning of exposureWarnings(address, runtime.options)) runtime.options.logger.warn(warning);
  const port = (httpServer.address() as AddressInfo).port;
  const host = address.includes(":") ? `[${address}]` : address === "0.0.0.0" ? "127.0.0.1" : address;
  const url = `http://${host}:${port}${runtime.options.prefix}`;
  const appUrls = Object.fromEntries([...runtime.options.apps.keys()].map((name) => [name, `${url}/${name}`]));
  return {
    url,
    port,
    appUrls,
    runtime,
    httpServer,
    close: () => closeAppServer(runtime, httpServer),
  };
}

/** The HTTP server of `serve()`, not yet listening (a worker process gets its sockets handed over). */
export function createAppServer(options: RuntimeOptions): { runtime: Runtime; httpServer: Server } {
  const app = express();
  app.disable("x-powered-by");
  // Behind nginx (aperture gen nginx sets --use-xheaders), believe its X-Forwarded-Proto and
  // -For: autoload's URLs must say https on a TLS site, and the per-address bounds must count
  // browsers, not the proxy. Only when told: any client could forge them.
  app.set("trust proxy", options.useXheaders ? TRUSTED_PROXIES : false);
  const trusted = app.get("trust proxy fn") as (address: string, hop: number) => boolean;
  const runtime = createRuntime(options, options.useXheaders ? { trustProxy: trusted } : {});
  const { limits } = runtime.options;
  app.use(...runtime.router);
  const httpServer = createServer(timeoutOptions(limits), app);
  capConnectionsPerAddress(httpServer, limits, runtime.options.logger, (address) => limits.useXheaders && trusted(address, 0));
  attachUpgrades(httpServer, runtime, (socket) => refuseUpgrade(socket, 404, "Not Found"));
  return { runtime, httpServer };
}

/** Stops accepting, tells every page to reconnect (4010), runs the destroy hooks, closes the layer. */
export async function closeAppServer(runtime: Runtime, httpServer: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
  await runtime.close();
  httpServer.closeAllConnections();
  await closed;
}

/**
 * Adds apps to an existing Express app and its HTTP server (call before `listen`).
 * @example const aperture = mount(app, httpServer, { apps: { rolling } })
 */
export function mount(app: express.Express, httpServer: Server, options: RuntimeOptions): Runtime {
  // The host app's own `trust proxy` setting says whose forwarded addresses to believe.
  const runtime = createRuntime(options, { trustProxy: app.get("trust proxy fn") as (address: string, hop: number) => boolean });
  app.use(...runtime.router);
  attachUpgrades(httpServer, runtime);
  return runtime;
}
