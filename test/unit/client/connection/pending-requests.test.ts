import { describe, expect, it } from "vitest";
import { PendingRequests } from "../../../../client/connection/pending-requests.ts";
import type { ClientRequest } from "../../../../server/protocol/index.ts";

let nextReqId = 1;
function patch(values: Record<string, number>): ClientRequest {
  const ops = Object.entries(values).map(([attr, value]) => ({ op: "replace" as const, path: `/models/s/attrs/${attr}`, value }));
  return { kind: "patch", reqId: nextReqId++, baseSeq: 0, ops };
}

const click = (): ClientRequest => ({ kind: "event", reqId: nextReqId++, model: "b", name: "click", payload: {} });

/** Adds each request as the page does while offline: add, then drop what it supersedes. */
function offline(pending: PendingRequests, requests: ClientRequest[]): void {
  for (const request of requests) {
    pending.add(request);
    pending.dropSupersededBy(request);
  }
}

describe("PendingRequests", () => {
  it("keeps every request in the order it was made until it is settled", () => {
    const pending = new PendingRequests();
    const requests = [patch({ a: 1 }), click(), patch({ b: 2 })];
    requests.forEach((request) => pending.add(request));
    expect(pending.inOrder()).toEqual(requests);
    expect(pending.settle(requests[1]!.reqId)).toBe(requests[1]);
    expect(pending.inOrder()).toEqual([requests[0], requests[2]]);
    expect(pending.settle(requests[1]!.reqId)).toBeUndefined();
  });

  it("keeps only the last of consecutive offline patches of the same attributes", () => {
    const pending = new PendingRequests();
    offline(
      pending,
      Array.from({ length: 100 }, (_, value) => patch({ value })),
    );
    expect(pending.inOrder()).toHaveLength(1);
    expect(pending.inOrder()[0]).toMatchObject({ ops: [{ value: 99 }] });
  });

  it("drops an older patch only when the newer one sets all of its paths", () => {
    const pending = new PendingRequests();
    offline(pending, [patch({ value: 1, valueThrottled: 1 }), patch({ value: 2 }), patch({ value: 3, valueThrottled: 3 })]);
    expect(pending.inOrder()).toHaveLength(1);
    expect(pending.inOrder()[0]).toMatchObject({ ops: [{ value: 3 }, { value: 3 }] });

    offline(pending, [patch({ value: 4, valueThrottled: 4 }), patch({ value: 5 })]);
    expect(pending.inOrder().map((request) => request.kind === "patch" && request.ops.length)).toEqual([2, 1]);
  });

  it("never drops a patch across an event", () => {
    const pending = new PendingRequests();
    const requests = [patch({ value: 1 }), click(), patch({ value: 2 })];
    offline(pending, requests);
    expect(pending.inOrder()).toEqual(requests);
  });

  it("keeps a superseded patch that a socket already carried: only the server may settle it", () => {
    const pending = new PendingRequests();
    const carried = patch({ value: 1 });
    pending.add(carried);
    pending.markSent(carried.reqId);
    offline(pending, [patch({ value: 2 }), patch({ value: 3 })]);
    expect(pending.inOrder().map((request) => request.reqId)).toEqual([carried.reqId, carried.reqId + 2]);
  });

  it("returns the requests it dropped, so they count as superseded", () => {
    const pending = new PendingRequests();
    const first = patch({ value: 1 });
    offline(pending, [first]);
    pending.add(patch({ value: 2 }));
    expect(pending.dropSupersededBy(pending.inOrder()[1]!)).toEqual([first]);
  });
});
