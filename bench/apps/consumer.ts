/**
 * The bench's WebSocket consumer, routed by the server child at `/ws/bench/`: it joins one
 * group on connect and answers each group message of type "bench.tick" by sending the run
 * number and the server's send time on to its client, as a Channels consumer forwarding an
 * event does (one JSON text frame per member).
 */
import { JsonWebSocketConsumer, type ChannelMessage } from "aperture";

export const BENCH_GROUP = "bench.consumers";
export const CONSUMER_PATH = "/ws/bench/";

/** When this process's consumers last handed a group message to their sockets (wall clock, ms). */
export const handedOver = { run: Number.NaN, count: 0, last: 0 };

export class BenchConsumer extends JsonWebSocketConsumer {
  override groups = [BENCH_GROUP];

  async bench_tick(message: ChannelMessage): Promise<void> {
    await this.sendJson({ run: message.run, t: message.t });
    if (handedOver.run !== message.run) Object.assign(handedOver, { run: message.run, count: 0 });
    handedOver.count += 1;
    handedOver.last = performance.timeOrigin + performance.now();
  }
}
