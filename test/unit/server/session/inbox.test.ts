import { describe, expect, it } from "vitest";
import type { ClientMessage, JsonPatchOp } from "../../../../server/protocol/index.ts";
import { Inbox, type InboxItem } from "../../../../server/session/inbox.ts";

type PatchMessage = Extract<ClientMessage, { kind: "patch" }>;

/** A promise with its resolve, to hold an item "running" until the test lets it finish. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Lets pending promise continuations run (no timers involved). */
const drainMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));

const replace = (path: string, value: number = 1): JsonPatchOp => ({ op: "replace", path, value });
const patch = (reqId: number, ...ops: JsonPatchOp[]): InboxItem => ({
  kind: "message",
  message: { kind: "patch", reqId, baseSeq: 0, ops },
});
const ping = (t: number): InboxItem => ({ kind: "message", message: { kind: "ping", t } });

const VALUE = "/models/1/attrs/value";
const TITLE = "/models/1/attrs/title";
const ADD_VALUE: JsonPatchOp = { op: "add", path: VALUE, value: 1 };

/** An inbox whose items log when they start and end; each waits for its gate if it has one. */
function makeInbox() {
  const log: string[] = [];
  const superseded: number[] = [];
  const gates = new Map<string, ReturnType<typeof gate>>();
  const label = (item: InboxItem) =>
    item.kind === "task" ? "task" : item.message.kind === "patch" ? `patch ${item.message.reqId}` : `${item.message.kind}`;
  const inbox = new Inbox(
    async (item) => {
      const name = label(item);
      log.push(`start ${name}`);
      if (item.kind === "task") await item.run();
      await gates.get(name)?.promise;
      log.push(`end ${name}`);
    },
    (message: PatchMessage) => superseded.push(message.reqId),
  );
  const hold = (name: string) => {
    const g = gate();
    gates.set(name, g);
    return g;
  };
  return { inbox, log, superseded, hold };
}

describe("Inbox", () => {
  it("runs items one at a time, in arrival order", async () => {
    const { inbox, log, hold } = makeInbox();
    const first = hold("patch 1");
    inbox.push(patch(1, replace(VALUE)));
    inbox.push(ping(1));
    inbox.push({ kind: "task", run: async () => void log.push("run task") });
    await drainMicrotasks();
    expect(log).toEqual(["start patch 1"]);
    expect(inbox.length).toBe(2);
    first.open();
    await drainMicrotasks();
    expect(log).toEqual(["start patch 1", "end patch 1", "start ping", "end ping", "start task", "run task", "end task"]);
    expect(inbox.length).toBe(0);
  });

  it("starts the first item synchronously when idle", () => {
    const { inbox, log } = makeInbox();
    inbox.push(ping(1));
    expect(log).toEqual(["start ping"]);
  });

  it("starts again for items pushed after it went idle", async () => {
    const { inbox, log } = makeInbox();
    inbox.push(ping(1));
    await drainMicrotasks();
    inbox.push(patch(2, replace(VALUE)));
    await drainMicrotasks();
    expect(log).toEqual(["start ping", "end ping", "start patch 2", "end patch 2"]);
  });

  it("lets a newer patch of the same paths supersede a queued one, reporting it", async () => {
    const { inbox, log, superseded, hold } = makeInbox();
    const running = hold("patch 1");
    inbox.push(patch(1, replace(VALUE, 1)));
    inbox.push(patch(2, replace(VALUE, 2)));
    inbox.push(patch(3, replace(VALUE, 3)));
    expect(superseded).toEqual([2]);
    inbox.push(patch(4, replace(VALUE, 4)));
    expect(superseded).toEqual([2, 3]);
    expect(inbox.length).toBe(1);
    running.open();
    await drainMicrotasks();
    expect(log).toEqual(["start patch 1", "end patch 1", "start patch 4", "end patch 4"]);
  });

  it("never supersedes the running patch", async () => {
    const { inbox, log, superseded, hold } = makeInbox();
    const running = hold("patch 1");
    inbox.push(patch(1, replace(VALUE, 1)));
    inbox.push(patch(2, replace(VALUE, 2)));
    expect(superseded).toEqual([]);
    running.open();
    await drainMicrotasks();
    expect(log).toEqual(["start patch 1", "end patch 1", "start patch 2", "end patch 2"]);
  });

  it("supersedes a queued patch whose paths the newer one covers, even if the newer one has more", async () => {
    const { inbox, superseded, hold } = makeInbox();
    const running = hold("patch 1");
    inbox.push(patch(1, replace(VALUE)));
    inbox.push(patch(2, replace(VALUE)));
    inbox.push(patch(3, replace(VALUE), replace(TITLE)));
    expect(superseded).toEqual([2]);
    running.open();
    await drainMicrotasks();
  });

  it.each([
    ["different paths", [replace(VALUE)], [replace(TITLE)]],
    ["a queued patch with paths the newer one lacks", [replace(VALUE), replace(TITLE)], [replace(VALUE)]],
    ["paths on different models", [replace("/models/1/attrs/value")], [replace("/models/2/attrs/value")]],
    ["a queued patch that is not all replaces", [ADD_VALUE], [replace(VALUE)]],
  ])("keeps both patches for %s", async (_name, olderOps, newerOps) => {
    const { inbox, log, superseded, hold } = makeInbox();
    const running = hold("patch 1");
    inbox.push(patch(1, replace("/models/9/attrs/other")));
    inbox.push(patch(2, ...olderOps));
    inbox.push(patch(3, ...newerOps));
    expect(superseded).toEqual([]);
    expect(inbox.length).toBe(2);
    running.open();
    await drainMicrotasks();
    expect(log.filter((line) => line.startsWith("start"))).toEqual(["start patch 1", "start patch 2", "start patch 3"]);
  });

  it("supersedes across a queued server task, keeping the task", async () => {
    const { inbox, log, superseded, hold } = makeInbox();
    const running = hold("patch 1");
    inbox.push(patch(1, replace(VALUE)));
    inbox.push(patch(2, replace(VALUE)));
    inbox.push({ kind: "task", run: async () => {} });
    inbox.push(patch(3, replace(VALUE)));
    expect(superseded).toEqual([2]);
    running.open();
    await drainMicrotasks();
    expect(log.filter((line) => line.startsWith("start"))).toEqual(["start patch 1", "start task", "start patch 3"]);
  });

  const event: InboxItem = { kind: "message", message: { kind: "event", reqId: 9, model: "2", name: "click", payload: null } };
  const pullDoc: InboxItem = { kind: "message", message: { kind: "pull-doc", reqId: 9 } };

  it.each([
    ["an event", event, "start event"],
    ["a pull-doc", pullDoc, "start pull-doc"],
  ])("never supersedes a patch the page sent before %s (its handling must see that value)", async (_name, between, started) => {
    const { inbox, log, superseded, hold } = makeInbox();
    const running = hold("patch 1");
    inbox.push(patch(1, replace(VALUE, 1)));
    inbox.push(patch(2, replace(VALUE, 2)));
    inbox.push(between);
    inbox.push(patch(3, replace(VALUE, 3)));
    expect(superseded).toEqual([]);
    running.open();
    await drainMicrotasks();
    expect(log.filter((line) => line.startsWith("start"))).toEqual(["start patch 1", "start patch 2", started, "start patch 3"]);
  });

  it("still supersedes a patch queued after an event", async () => {
    const { inbox, superseded, hold } = makeInbox();
    const running = hold("patch 1");
    inbox.push(patch(1, replace(VALUE)));
    inbox.push(event);
    inbox.push(patch(2, replace(VALUE)));
    inbox.push(patch(3, replace(VALUE)));
    expect(superseded).toEqual([2]);
    running.open();
    await drainMicrotasks();
  });

  it("drops queued items and refuses new ones once closed", async () => {
    const { inbox, log, hold } = makeInbox();
    const running = hold("patch 1");
    inbox.push(patch(1, replace(VALUE)));
    inbox.push(ping(1));
    inbox.close();
    expect(inbox.length).toBe(0);
    inbox.push(ping(2));
    running.open();
    await drainMicrotasks();
    expect(log).toEqual(["start patch 1", "end patch 1"]);
  });
});
