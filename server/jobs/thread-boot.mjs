// The file a pool thread starts from. Node 20 does not give worker threads the module hooks
// the main thread registered, so register tsx's loader here (the task modules people write
// may be TypeScript), then load the thread's entry: the built one when this file sits in
// dist/, the TypeScript source in a checkout (where "aperture" also resolves to the sources).
import { existsSync } from "node:fs";
import { register } from "node:module";
import { fileURLToPath } from "node:url";
import { register as registerTypeScript } from "tsx/esm/api";

registerTypeScript();
const built = new URL("./thread-entry.js", import.meta.url);
const fromSources = !existsSync(fileURLToPath(built));
if (fromSources) register("../../bin/source-conditions.mjs", import.meta.url);
const { default: runThreadTask } = await import(fromSources ? "./thread-entry.ts" : built.href);
export default runThreadTask;
