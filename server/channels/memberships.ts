/**
 * Group memberships with the time of their last sign of life, indexed both ways so that a
 * group fan-out walks only its members and renewing one channel walks only its groups.
 * The in-memory layer keeps its groups here; the Redis layer keeps here the memberships it
 * added itself, to renew them in Redis while their channels live and to restore them after
 * Redis restarts empty.
 */
export class Memberships {
  readonly #byGroup = new Map<string, Map<string, number>>();
  readonly #byChannel = new Map<string, Set<string>>();

  add(group: string, channel: string, stamp: number): void {
    let members = this.#byGroup.get(group);
    if (members === undefined) {
      members = new Map();
      this.#byGroup.set(group, members);
    }
    members.set(channel, stamp);
    let groups = this.#byChannel.get(channel);
    if (groups === undefined) {
      groups = new Set();
      this.#byChannel.set(channel, groups);
    }
    groups.add(group);
  }

  discard(group: string, channel: string): void {
    const members = this.#byGroup.get(group);
    members?.delete(channel);
    if (members?.size === 0) this.#byGroup.delete(group);
    const groups = this.#byChannel.get(channel);
    groups?.delete(group);
    if (groups?.size === 0) this.#byChannel.delete(channel);
  }

  /** Members of `group` with their stamps (live view: iterate, and discard while iterating if needed). */
  members(group: string): ReadonlyMap<string, number> | undefined {
    return this.#byGroup.get(group);
  }

  /** Renews every membership of `channel`; O(its groups). */
  touch(channel: string, stamp: number): void {
    for (const group of this.#byChannel.get(channel) ?? []) this.#byGroup.get(group)?.set(channel, stamp);
  }

  channels(): IterableIterator<string> {
    return this.#byChannel.keys();
  }

  /** `[group, stamp]` for each membership of `channel`. */
  *groupsOf(channel: string): Generator<[string, number]> {
    for (const group of this.#byChannel.get(channel) ?? []) {
      const stamp = this.#byGroup.get(group)?.get(channel);
      if (stamp !== undefined) yield [group, stamp];
    }
  }

  /** Discards memberships whose stamp is at or before `cutoff` and whose channel is not `alive`; returns how many. */
  expire(cutoff: number, alive: (channel: string) => boolean): number {
    let removed = 0;
    for (const [group, members] of this.#byGroup) {
      for (const [channel, stamp] of members) {
        if (stamp > cutoff || alive(channel)) continue;
        this.discard(group, channel);
        removed += 1;
      }
    }
    return removed;
  }
}
