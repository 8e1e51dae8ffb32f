import { describe, expect, it } from "vitest";
import { createsSession, sessionPrefix, workerOfRequestLine, workerOfSession } from "../../../../server/cluster/sticky.ts";

describe("sticky routing", () => {
  it.each([
    ["GET /rolling/ws?token=w1-abc.123.sig HTTP/1.1", 1],
    ["GET /rolling/autoload.js?aperture-session=w12-x.1.s HTTP/1.1", 12],
    ["GET /apps/rolling/ws?x=1&token=w0-Zz_-9.99.q HTTP/1.1", 0],
  ])("routes %s to worker %i", (line, worker) => {
    expect(workerOfRequestLine(line)).toBe(worker);
  });

  it.each([
    ["a page", "GET /rolling HTTP/1.1"],
    ["a consumer socket", "GET /ws/notifications/ HTTP/1.1"],
    ["a token without a worker mark", "GET /rolling/ws?token=abc.1.s HTTP/1.1"],
    ["a mark in the middle", "GET /rolling/ws?token=xw1-abc HTTP/1.1"],
    ["garbage", "\u0000\u0001 %%% HTTP"],
    ["an empty line", ""],
  ])("leaves %s to round robin", (_name, line) => {
    expect(workerOfRequestLine(line)).toBeUndefined();
  });

  it("reads back the worker from the prefix it gives session ids", () => {
    expect(workerOfSession(`${sessionPrefix(7)}random`)).toBe(7);
  });

  it("tells the requests that make a session (autoload.js naming none, POST /<app>/session) from the rest", () => {
    expect(createsSession("GET /apps/rolling/autoload.js?points=10 HTTP/1.1")).toBe(true);
    expect(createsSession("POST /rolling/session HTTP/1.1")).toBe(true);
    expect(createsSession("GET /rolling/autoload.js?aperture-session=w1-abc HTTP/1.1")).toBe(false);
    expect(createsSession("GET /rolling HTTP/1.1")).toBe(false);
    expect(createsSession("GET /static/aperture-x.js HTTP/1.1")).toBe(false);
    expect(createsSession("garbage")).toBe(false);
  });
});
