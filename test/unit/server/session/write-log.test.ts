import { describe, expect, it } from "vitest";
import { WriteLog } from "../../../../server/session/write-log.ts";

const ack = (reqId: number) => ({ kind: "ack" as const, reqId, seq: reqId });

describe("WriteLog", () => {
  it("takes an id it does not know as new, and a repeat of a running one as running", () => {
    const log = new WriteLog(10);
    expect(log.receive(1).kind).toBe("new");
    expect(log.receive(3).kind).toBe("new");
    expect(log.receive(3).kind).toBe("running");
    expect(log.receive(2).kind).toBe("new");
  });

  it("answers a repeat of a settled request with its recorded outcome", () => {
    const log = new WriteLog(10);
    log.receive(1);
    const refusal = { kind: "error" as const, reqId: 1, code: "PATCH_BAD_VALUE" as const, message: "out of bounds" };
    expect(log.settle(refusal)).toBe(true);
    expect(log.receive(1)).toEqual({ kind: "answered", outcome: refusal });
  });

  it("counts only the first outcome of a request", () => {
    const log = new WriteLog(10);
    log.receive(1);
    expect(log.settle(ack(1))).toBe(true);
    expect(log.settle({ ...ack(1), superseded: true })).toBe(false);
    expect(log.receive(1)).toEqual({ kind: "answered", outcome: ack(1) });
  });

  it("keeps the last outcomes only", () => {
    const log = new WriteLog(3);
    for (let reqId = 1; reqId <= 5; reqId++) {
      log.receive(reqId);
      log.settle(ack(reqId));
    }
    expect([...log.settled].map((outcome) => outcome.reqId)).toEqual([3, 4, 5]);
    expect(log.receive(4).kind).toBe("answered");
  });
});
