/**
 * Group members for the fan-out figures: channels of one layer, all in one group, each with
 * one pending receive per run. Arrival times are wall-clock milliseconds
 * (`performance.timeOrigin + performance.now()`) so two processes on one machine compare.
 */
import type { ChannelLayer } from "../server/channels/index.ts";

export const wallClock = (): number => performance.timeOrigin + performance.now();

export class Members {
  private constructor(
    private readonly layer: ChannelLayer,
    readonly channels: string[],
  ) {}

  static async create(layer: ChannelLayer, group: string, count: number): Promise<Members> {
    const channels: string[] = [];
    for (let i = 0; i < count; i++) channels.push(await layer.newChannel("bench"));
    await Promise.all(channels.map((channel) => layer.groupAdd(group, channel)));
    return new Members(layer, channels);
  }

  /**
   * Puts one receive on every channel now; the promise settles with every arrival time once
   * all have received (a receive is pending as soon as this returns).
   */
  arm(): Promise<number[]> {
    const times = new Array<number>(this.channels.length);
    let left = this.channels.length;
    return new Promise((resolve, reject) => {
      if (left === 0) return resolve([]);
      this.channels.forEach((channel, i) => {
        this.layer.receive(channel).then(() => {
          times[i] = wallClock();
          if (--left === 0) resolve(times);
        }, reject);
      });
    });
  }

  async discard(group: string): Promise<void> {
    await Promise.all(this.channels.map((channel) => this.layer.groupDiscard(group, channel)));
  }
}
