/** Free loopback ports for the servers tests start. */
import { once } from "node:events";
import { createServer } from "node:net";

/** A port nothing listens on now (the OS's pick, released at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}
