/**
 * The client's files under `/static/`: hashed names cached for a year as immutable (a new
 * build has new names), the brotli or gzip file made at build time when the browser takes it
 * (`Vary: Accept-Encoding`), and open to every origin, since an embedding page on another
 * site loads them as modules (CORS). Anything else there (source maps, the manifest) is
 * revalidated.
 */
import { existsSync } from "node:fs";
import { extname } from "node:path";
import express, { type Request } from "express";
import type { ClientFiles } from "./client-files.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/** The precompressed variants on disk, by file name (looked up once, not per request). */
function variantsOf(files: ClientFiles): Map<string, Set<string>> {
  const variants = new Map<string, Set<string>>();
  for (const file of files.hashed) {
    const have = new Set(ENCODINGS.filter(({ suffix }) => existsSync(`${files.dir}${file}${suffix}`)).map(({ name }) => name));
    variants.set(file, have);
  }
  return variants;
}

/** The smallest encoding we have that the request accepts (brotli before gzip). */
function pickEncoding(request: Request, have: ReadonlySet<string> | undefined): (typeof ENCODINGS)[number] | undefined {
  return ENCODINGS.find(({ name }) => have?.has(name) && request.acceptsEncodings(name) === name);
}

export function staticFiles(files: ClientFiles): express.Router {
  const router = express.Router();
  const variants = variantsOf(files);
  router.use((request, response, next) => {
    const file = request.path.slice(1);
    response.set("Access-Control-Allow-Origin", "*");
    if (!files.hashed.has(file) || (request.method !== "GET" && request.method !== "HEAD")) return next();
    response.set("Cache-Control", IMMUTABLE).vary("Accept-Encoding");
    const encoding = pickEncoding(request, variants.get(file));
    if (encoding === undefined) return next();
    response.set("Content-Encoding", encoding.name).type(extname(file));
    response.sendFile(
      `${file}${encoding.suffix}`,
      { root: files.dir, cacheControl: false, dotfiles: "deny" },
      (error) => error && next(error),
    );
  });
  router.use(
    express.static(files.dir, {
      cacheControl: false,
      dotfiles: "ignore",
      setHeaders: (response) => response.getHeader("Cache-Control") ?? response.setHeader("Cache-Control", REVALIDATE),
    }),
  );
  return router;
}
