/** `serve()`: a server of its own. `mount()`: Aperture apps inside an existing Express server. */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { Server as TlsServer, createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import express from "express";
import { loadAuthModule, type AuthModule } from "./auth-module.ts";
import { openBrowser } from "./open-browser.ts";
import { attachUpgrades, createRuntime, type Runtime } from "./runtime.ts";
import type { RuntimeOptions } from "./options.ts";
import { refuseUpgrade } from "./socket-server.ts";
import { capConnectionsPerAddress, timeoutOptions } from "./connections.ts";
import { exposureWarnings } from "./security-headers.ts";

/** Where `useXheaders` believes forwarded headers from: the proxies of this machine and network. */
const TRUSTED_PROXIES = ["loopback", "linklocal", "uniquelocal"];

/** Bokeh's `--ssl-certfile` / `--ssl-keyfile`: the server speaks HTTPS (and wss) itself. */
export interface TlsOptions {
  /** A PEM file with the certificate (and any CA certificates after it); default `APERTURE_SSL_CERTFILE`. */
  sslCertfile?: string;
  /** The PEM private key, when it is not in the certificate file; default `APERTURE_SSL_KEYFILE`. */
  sslKeyfile?: string;
  /** The key's passphrase; default `APERTURE_SSL_PASSWORD`. */
  sslPassword?: string;
}

export interface ServeOptions extends Omit<RuntimeOptions, "authModule">, TlsOptions {
  /** Default 5006; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  address?: string;
  /** Open each app's page in a browser once the server listens (`--show`). */
  show?: boolean;
  /** An auth module, or the path of a file exporting one (`--auth-module`). */
  authModule?: AuthModule | string;
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
  const { authModule: given, ...rest } = options;
  const authModule = typeof given === "string" ? await loadAuthModule(given) : given;
  // The name it was told to listen on is one its pages may use.
  const { runtime, httpServer } = createAppServer({
    ...rest,
    ...(authModule ? { authModule } : {}),
    allowHost: [...(options.allowHost ?? []), address],
  });
  // Bokeh runs on_server_loaded before the server takes requests; one that throws stops the start.
  await runtime.ready.catch(async (error: unknown) => {
    await runtime.close();
    throw error;
  });
  await listen(httpServer, options.port ?? 5006, address);
  for (const warning of exposureWarnings(address, runtime.options)) runtime.options.logger.warn(warning);
  const port = (httpServer.address() as AddressInfo).port;
  const host = address.includes(":") ? `[${address}]` : address === "0.0.0.0" ? "127.0.0.1" : address;
  const scheme = httpServer instanceof TlsServer ? "https" : "http";
  const url = `${scheme}://${host}:${port}${runtime.options.prefix}`;
  const appUrls = Object.fromEntries([...runtime.options.apps.keys()].map((name) => [name, `${url}/${name}`]));
  if (options.show) for (const page of Object.values(appUrls)) openBrowser(page, runtime.options.logger);
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
export function createAppServer(options: RuntimeOptions & TlsOptions): { runtime: Runtime; httpServer: Server } {
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
  const tls = tlsFiles(options);
  const httpServer = tls ? createTlsServer({ ...timeoutOptions(limits), ...tls }, app) : createServer(timeoutOptions(limits), app);
  capConnectionsPerAddress(httpServer, limits, runtime.options.logger, (address) => limits.useXheaders && trusted(address, 0));
  attachUpgrades(httpServer, runtime, (socket) => refuseUpgrade(socket, 404, "Not Found"));
  return { runtime, httpServer };
}

/** The certificate and key to serve HTTPS with, read now (a missing file fails the start), or undefined for HTTP. */
function tlsFiles(options: TlsOptions): { cert: Buffer; key: Buffer; passphrase?: string } | undefined {
  const certfile = options.sslCertfile ?? (process.env.APERTURE_SSL_CERTFILE || undefined);
  const keyfile = options.sslKeyfile ?? (process.env.APERTURE_SSL_KEYFILE || undefined);
  if (!certfile) {
    if (keyfile) throw new TypeError("sslKeyfile needs sslCertfile (the certificate) too");
    return undefined;
  }
  const read = (what: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new TypeError(`${what} ${path}: ${(error as Error).message}`);
    }
  };
  const cert = read("sslCertfile", certfile);
  const passphrase = options.sslPassword ?? process.env.APERTURE_SSL_PASSWORD;
  // Like Python's load_cert_chain: without a key file, the key is in the certificate file.
  return { cert, key: keyfile ? read("sslKeyfile", keyfile) : cert, ...(passphrase ? { passphrase } : {}) };
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
