#!/usr/bin/env node
// The CLI. Installed, it runs the built JavaScript in dist/ with plain Node, and no module
// loader: the TypeScript apps people serve are bundled before they are imported
// (server/http/typescript-module.ts). In a checkout of the repository (server/ holds the
// sources) it runs the sources, through tsx's loader.
import { existsSync } from "node:fs";
import { register } from "node:module";

const sources = new URL("../server/cli.ts", import.meta.url);
if (existsSync(sources)) {
  const { register: registerTypeScript } = await import("tsx/esm/api");
  registerTypeScript();
  register("./source-conditions.mjs", import.meta.url);
  await import(sources.href);
} else {
  await import("../dist/server/cli.js");
}
