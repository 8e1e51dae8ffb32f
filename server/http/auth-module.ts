/**
 * Bokeh's `--auth-module`: a module that says who the user of a request is (`getUser`) and
 * where a person who is nobody signs in (`loginUrl`, or `getLoginUrl(request)`). It becomes
 * the server's `authorize` hook, and page requests it refuses are redirected to sign in.
 */
import type { IncomingMessage } from "node:http";
import type { Authorize } from "./options.ts";
import { importModule } from "./typescript-module.ts";

export interface AuthModule {
  /** The request's user, or null/undefined when nobody is signed in (may return a Promise). */
  getUser(request: IncomingMessage): unknown;
  /** Where an unauthenticated page request is redirected (with `?next=<the page>`). */
  loginUrl?: string;
  /** Or a login URL that depends on the request (Bokeh's `get_login_url`). */
  getLoginUrl?(request: IncomingMessage): string;
  /** Where a person signs out; the module's own routes serve it (kept for pages to link to). */
  logoutUrl?: string;
}

/** The auth module as the server uses it: an `authorize` hook and the login URL of a request. */
export interface ResolvedAuth {
  authorize: Authorize;
  loginUrl: (request: IncomingMessage) => string;
}

export function assertAuthModule(module: Partial<AuthModule>, where = "the auth module"): asserts module is AuthModule {
  if (typeof module.getUser !== "function") throw new TypeError(`${where} must export getUser(request)`);
  const hasUrl = typeof module.loginUrl === "string" && module.loginUrl !== "";
  if (hasUrl === (typeof module.getLoginUrl === "function"))
    throw new TypeError(`${where} must export either loginUrl (a string) or getLoginUrl(request), not both or neither`);
}

export function resolveAuth(module: AuthModule): ResolvedAuth {
  assertAuthModule(module);
  return {
    // Bokeh's None is "nobody": undefined and null both refuse.
    authorize: async (request) => (await module.getUser(request)) ?? null,
    loginUrl: (request) => (module.getLoginUrl ? module.getLoginUrl(request) : module.loginUrl!),
  };
}

/** Imports an auth module file (`.ts` or `.js`), as `aperture serve --auth-module` does. */
export async function loadAuthModule(path: string): Promise<AuthModule> {
  const module = (await importModule(path)) as Partial<AuthModule>;
  assertAuthModule(module, `auth module ${path}`);
  return module;
}

/** `loginUrl?next=/the/page`, as Tornado's `authenticated` redirect. */
export function loginRedirect(loginUrl: string, originalUrl: string): string {
  const url = new URL(loginUrl, "http://relative.invalid");
  url.searchParams.set("next", originalUrl);
  return url.origin === "http://relative.invalid" ? `${url.pathname}${url.search}` : url.href;
}
