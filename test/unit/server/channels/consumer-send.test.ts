import { describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { SlowClientRule } from "../../../../server/channels/consumer-send.ts";

/** A socket whose unsent bytes the test sets; what it was asked to send is kept. */
function fakeSocket(): { ws: WebSocket; sent: unknown[]; set(buffered: number, open?: boolean): void } {
  const state = { bufferedAmount: 0, readyState: 1 };
  const sent: unknown[] = [];
  const ws = {
    OPEN: 1,
    get bufferedAmount() {
      return state.bufferedAmount;
    },
    get readyState() {
      return state.readyState;
    },
    send: (data: unknown) => sent.push(data),
  } as unknown as WebSocket;
  return { ws, sent, set: (buffered, open = true) => Object.assign(state, { bufferedAmount: buffered, readyState: open ? 1 : 2 }) };
}

describe("SlowClientRule", () => {
  const clock = { now: 0 };
  const limits = { dropAboveBytes: 100, maxDroppedMessages: 3, slowClientTimeout: 1000, now: () => clock.now };

  it("sends while the buffer is under the bound and drops past it", () => {
    const rule = new SlowClientRule(limits);
    const socket = fakeSocket();
    expect(rule.send(socket.ws, "a")).toBe("sent");
    socket.set(101);
    expect(rule.send(socket.ws, "b")).toBe("dropped");
    expect(socket.sent).toEqual(["a"]);
    expect(rule.dropped).toBe(1);
  });

  it("is hopeless once it has lost maxDroppedMessages frames, even if it caught up in between", () => {
    const rule = new SlowClientRule(limits);
    const socket = fakeSocket();
    socket.set(101);
    expect([rule.send(socket.ws, "1"), rule.send(socket.ws, "2")]).toEqual(["dropped", "dropped"]);
    socket.set(0);
    expect(rule.send(socket.ws, "3")).toBe("sent");
    socket.set(101);
    expect(rule.send(socket.ws, "4")).toBe("hopeless");
  });

  it("is hopeless when it has stayed behind for slowClientTimeout, however few frames it lost", () => {
    const rule = new SlowClientRule({ ...limits, maxDroppedMessages: 1000 });
    const socket = fakeSocket();
    socket.set(101);
    clock.now = 0;
    expect(rule.send(socket.ws, "1")).toBe("dropped");
    clock.now = 999;
    expect(rule.send(socket.ws, "2")).toBe("dropped");
    clock.now = 1000;
    expect(rule.send(socket.ws, "3")).toBe("hopeless");
  });

  it("counts a frame for a closing socket as dropped without calling it hopeless again", () => {
    const rule = new SlowClientRule(limits);
    const socket = fakeSocket();
    socket.set(0, false);
    expect(rule.send(socket.ws, "late")).toBe("dropped");
    expect(socket.sent).toEqual([]);
  });
});
