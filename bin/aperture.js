#!/usr/bin/env node
// The CLI. Installed, it runs the built JavaScript in dist/ with plain Node; in a checkout of
// the repository (server/ holds the sources) it runs the sources. tsx's loader is registered
// only so that the apps, task modules and job workers people serve may be TypeScript.
import { existsSync } from "node:fs";
import { register } from "node:module";
import { register as registerTypeScript } from "tsx/esm/api";

registerTypeScript();
const sources = new URL("../server/cli.ts", import.meta.url);
if (existsSync(sources)) {
  register("./source-conditions.mjs", import.meta.url);
  await import(sources.href);
} else {
  await import("../dist/server/cli.js");
}
