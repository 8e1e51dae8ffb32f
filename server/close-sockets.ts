/**
 * Waits (at most `ms`) for the sockets of a server to finish their closing handshakes, then
 * cuts the ones still open: a page told 4010 ("reconnect") must get that frame before the
 * process exits, and a dead peer must not hold the shutdown up.
 */
import type { WebSocketServer } from "ws";

export async function closeSockets(wss: WebSocketServer, ms = 2_000): Promise<void> {
  const open = [...wss.clients];
  let timer: NodeJS.Timeout | undefined;
  const closed = Promise.all(
    open.filter((ws) => ws.readyState !== ws.CLOSED).map((ws) => new Promise((resolve) => ws.once("close", resolve))),
  );
  const timeout = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([closed, timeout]);
  clearTimeout(timer);
  for (const ws of wss.clients) ws.terminate();
  await new Promise((resolve) => wss.close(resolve));
}
