// The file a pool thread starts from. Node 20 does not give worker threads the module hooks
// the main thread registered (tsx's, which the CLI, the tests and `tsx` itself install), and
// tsx's --import entry skips threads, so register tsx's loader here; then the TypeScript
// entry and the .ts modules it imports load as they do in the main thread.
import { register } from "tsx/esm/api";

register();
const { default: runThreadTask } = await import("./thread-entry.ts");
export default runThreadTask;
