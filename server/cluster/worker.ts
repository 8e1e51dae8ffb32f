/** A worker of `--num-procs`: serves the apps on sockets the primary hands over. */
import type { Socket } from "node:net";
import { closeAppServer, createAppServer } from "../http/serve.ts";
import type { RuntimeOptions } from "../http/options.ts";
import { sessionPrefix } from "./sticky.ts";

interface Handoff {
  type: "aperture:connection";
  head: string;
}

export async function runWorker(index: number, options: RuntimeOptions): Promise<void> {
  const { runtime, httpServer } = createAppServer({ ...options, sessionIdPrefix: sessionPrefix(index) });
  process.on("message", (message: Handoff, socket: Socket | undefined) => {
    if (message?.type !== "aperture:connection" || !socket) return;
    httpServer.emit("connection", socket);
    // What the primary read to route the connection is put back for the HTTP parser.
    socket.unshift(Buffer.from(message.head, "base64"));
    socket.resume();
  });
  process.send?.({ type: "aperture:ready" });
  process.once("SIGTERM", () => {
    closeAppServer(runtime, httpServer).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
