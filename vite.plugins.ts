/**
 * The client build's own Vite plugins (vite.config.ts uses them): plotly's attribute
 * descriptions left out of the bundle, and every script written precompressed.
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is AstNode => typeof value === "object" && value !== null && "type" in value;

/** The `description: …` properties of object literals, outermost first. */
function descriptionProperties(node: AstNode, found: AstNode[] = []): AstNode[] {
  const key = node.key as AstNode | undefined;
  if (node.type === "Property" && node.computed === false && key?.type === "Identifier" && key.name === "description") {
    found.push(node);
    return found;
  }
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) descriptionProperties(child, found);
  }
  return found;
}

/**
 * plotly.js's source with every attribute's `description` (documentation for its schema, a
 * third of an attribute file, never read when drawing) blanked out, as plotly's own dist
 * builds leave them out. Blanks keep every other character where it was, so source maps hold.
 * A property is kept when what follows it is not plainly `,` or `}` (a comment in between).
 */
export function stripDescriptions(code: string, parse: (code: string) => unknown): string {
  const chars = code.split("");
  for (const property of descriptionProperties(parse(code) as AstNode)) {
    let end = property.end;
    while (/\s/.test(code[end] ?? "")) end++;
    if (code[end] !== "," && code[end] !== "}") continue;
    if (code[end] === ",") end++;
    for (let i = property.start; i < end; i++) if (chars[i] !== "\n") chars[i] = " ";
  }
  return chars.join("");
}

const PLOTLY_SOURCE = /[\\/]node_modules[\\/]plotly\.js[\\/]src[\\/].*\.js$/;

/** Runs stripDescriptions on plotly.js's sources, before CommonJS becomes ES modules. */
export function stripPlotlyDescriptions(): Plugin {
  return {
    name: "aperture-strip-plotly-descriptions",
    apply: "build",
    enforce: "pre",
    transform(code, id) {
      if (!PLOTLY_SOURCE.test(id) || !code.includes("description")) return null;
      return { code: stripDescriptions(code, (source) => this.parse(source)), map: null };
    },
  };
}

/**
 * Writes `.br` (quality 11) and `.gz` (level 9) beside every script once at build time, so
 * the server sends the smallest form with no compression work per request.
 */
export function precompress(outDir: string): Plugin {
  return {
    name: "aperture-precompress",
    apply: "build",
    closeBundle() {
      for (const name of readdirSync(outDir)) {
        if (!/\.(js|css)$/.test(name)) continue;
        const body = readFileSync(join(outDir, name));
        writeFileSync(
          join(outDir, `${name}.br`),
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
        );
        writeFileSync(join(outDir, `${name}.gz`), gzipSync(body, { level: 9 }));
      }
    },
  };
}
