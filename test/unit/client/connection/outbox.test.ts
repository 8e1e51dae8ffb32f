import { describe, expect, it } from "vitest";
import { Outbox } from "../../../../client/connection/outbox.ts";
import type { ClientMessage } from "../../../../server/protocol/index.ts";

let nextReqId = 1;
function patch(values: Record<string, number>): ClientMessage {
  const ops = Object.entries(values).map(([attr, value]) => ({ op: "replace" as const, path: `/models/s/attrs/${attr}`, value }));
  return { kind: "patch", reqId: nextReqId++, baseSeq: 0, ops };
}

function drained(outbox: Outbox): ClientMessage[] {
  const out: ClientMessage[] = [];
  outbox.drain((message) => out.push(message));
  return out;
}

describe("Outbox", () => {
  it("hands messages back in the order they were sent, then is empty", () => {
    const outbox = new Outbox();
    const messages: ClientMessage[] = [patch({ a: 1 }), { kind: "event", reqId: 99, model: "b", name: "click", payload: {} }, patch({ b: 2 })];
    messages.forEach((message) => outbox.push(message));
    expect(drained(outbox)).toEqual(messages);
    expect(drained(outbox)).toEqual([]);
  });

  it("keeps only the last of consecutive patches of the same attributes", () => {
    const outbox = new Outbox();
    for (let value = 0; value < 100; value++) outbox.push(patch({ value }));
    const out = drained(outbox);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ ops: [{ value: 99 }] });
  });

  it("drops an older patch only when the newer one sets all of its paths", () => {
    const outbox = new Outbox();
    const both = patch({ value: 1, valueThrottled: 1 });
    outbox.push(both);
    outbox.push(patch({ value: 2 }));
    outbox.push(patch({ value: 3, valueThrottled: 3 }));
    const out = drained(outbox);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ ops: [{ value: 3 }, { value: 3 }] });

    outbox.push(both);
    outbox.push(patch({ value: 4 }));
    expect(drained(outbox).map((message) => message.kind === "patch" && message.ops.length)).toEqual([2, 1]);
  });

  it("never moves a patch across an event", () => {
    const outbox = new Outbox();
    const first = patch({ value: 1 });
    const click: ClientMessage = { kind: "event", reqId: 50, model: "b", name: "click", payload: {} };
    const last = patch({ value: 2 });
    [first, click, last].forEach((message) => outbox.push(message));
    expect(drained(outbox)).toEqual([first, click, last]);
  });
});
