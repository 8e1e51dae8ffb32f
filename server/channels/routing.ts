/** URL routing for consumers: `/ws/dams/:id/` → a consumer class, with `scope.params.id`. */
import { match, type MatchFunction } from "path-to-regexp";
import type { ConsumerClass } from "./consumer.ts";

export type WebSocketRoutes = Record<string, ConsumerClass> | Array<[pattern: string, consumer: ConsumerClass]>;

export interface RouteMatch {
  consumer: ConsumerClass;
  params: Record<string, string>;
}

export interface Router {
  match(path: string): RouteMatch | undefined;
  readonly patterns: string[];
}

function withoutTrailingSlash(pattern: string): string {
  return pattern.length > 1 && pattern.endsWith("/") ? pattern.slice(0, -1) : pattern;
}

export function compileRoutes(routes: WebSocketRoutes = {}): Router {
  const entries = Array.isArray(routes) ? routes : Object.entries(routes);
  const compiled = entries.map(([pattern, consumer]) => {
    if (!pattern.startsWith("/")) throw new TypeError(`websocket route "${pattern}" must start with "/"`);
    if (typeof consumer !== "function") throw new TypeError(`websocket route "${pattern}" needs a consumer class`);
    let matcher: MatchFunction<Partial<Record<string, string | string[]>>>;
    try {
      // `/websocket` and `/websocket/` are one route, whichever way it is written (the Tower seed
      // serves `/websocket`; Channels routes often end in "/"): path-to-regexp allows a trailing "/".
      matcher = match(withoutTrailingSlash(pattern), { decode: decodeURIComponent, trailing: true });
    } catch (error) {
      throw new TypeError(`websocket route "${pattern}" is not a valid pattern: ${(error as Error).message}`);
    }
    return { pattern, consumer, matcher };
  });
  return {
    patterns: compiled.map((route) => route.pattern),
    match(path) {
      for (const route of compiled) {
        let result: ReturnType<typeof route.matcher>;
        try {
          result = route.matcher(path);
        } catch {
          return undefined; // a malformed %-escape in the path
        }
        if (!result) continue;
        const params: Record<string, string> = {};
        for (const [key, value] of Object.entries(result.params)) {
          if (value !== undefined) params[key] = Array.isArray(value) ? value.join("/") : value;
        }
        return { consumer: route.consumer, params };
      }
      return undefined;
    },
  };
}
