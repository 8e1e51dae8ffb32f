/**
 * Receives from one channel until stopped, handing each message to `handler` in order (the
 * next receive waits for the handler). Consumers and document sessions both listen this way.
 */
import { setTimeout as delay } from "node:timers/promises";
import { ChannelLayerClosed, type ChannelLayer, type ChannelMessage } from "./layer.ts";

const MAX_RETRY_MS = 5_000;

export interface Listener {
  /** Stops receiving; a message being handled finishes first. */
  stop(): void;
  /** Settles when the loop has ended. */
  done: Promise<void>;
}

export function listen(
  layer: ChannelLayer,
  channel: string,
  handler: (message: ChannelMessage) => unknown,
  onError: (error: unknown) => void,
): Listener {
  const controller = new AbortController();
  const loop = async () => {
    let retryMs = 50;
    while (!controller.signal.aborted) {
      let message: ChannelMessage;
      try {
        message = await layer.receive(channel, { signal: controller.signal });
        retryMs = 50;
      } catch (error) {
        if (controller.signal.aborted || error instanceof ChannelLayerClosed) return;
        onError(error);
        // The layer is failing (Redis down, say): retry, backing off, until it recovers.
        await delay(retryMs, undefined, { signal: controller.signal }).catch(() => undefined);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        continue;
      }
      try {
        await handler(message);
      } catch (error) {
        onError(error);
      }
    }
  };
  return { stop: () => controller.abort(new Error("listener stopped")), done: loop() };
}

/**
 * Joins `group` on a channel of its own and calls `handler` for each message; the returned
 * function leaves the group and stops. A document session's `subscribe` is this.
 */
export async function subscribeGroup(
  layer: ChannelLayer,
  group: string,
  handler: (message: ChannelMessage) => unknown,
  onError: (error: unknown) => void,
): Promise<() => void> {
  const channel = await layer.newChannel("session");
  await layer.groupAdd(group, channel);
  const listener = listen(layer, channel, handler, onError);
  return () => {
    listener.stop();
    layer.groupDiscard(group, channel).catch(onError);
  };
}
