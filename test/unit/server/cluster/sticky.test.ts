import { describe, expect, it } from "vitest";
import { parseRequestHead } from "../../../../server/cluster/request-head.ts";
import { createsSession, sessionPrefix, workerOfRequest, workerOfSession } from "../../../../server/cluster/sticky.ts";

const head = (line: string, ...headers: string[]) => parseRequestHead(Buffer.from([line, ...headers, "", ""].join("\r\n"), "latin1"));

describe("sticky routing", () => {
  it.each([
    ["GET /rolling/ws?token=w1-abc.123.sig HTTP/1.1", 1],
    ["GET /rolling/autoload.js?aperture-session=w12-x.1.s HTTP/1.1", 12],
    ["GET /apps/rolling/ws?x=1&token=w0-Zz_-9.99.q HTTP/1.1", 0],
  ])("routes %s to worker %i", (line, worker) => {
    expect(workerOfRequest(head(line))).toBe(worker);
  });

  it("routes a socket whose token travels as a WebSocket sub-protocol to the worker it names", () => {
    const request = head("GET /rolling/ws HTTP/1.1", "Upgrade: websocket", "Sec-WebSocket-Protocol: aperture, w3-abc.123.sig");
    expect(workerOfRequest(request)).toBe(3);
    expect(createsSession(request)).toBe(false);
  });

  it.each([
    ["a page", "GET /rolling HTTP/1.1"],
    ["a consumer socket", "GET /ws/notifications/ HTTP/1.1"],
    ["a token without a worker mark", "GET /rolling/ws?token=abc.1.s HTTP/1.1"],
    ["a mark in the middle", "GET /rolling/ws?token=xw1-abc HTTP/1.1"],
    ["garbage", "\u0000\u0001 %%% HTTP"],
    ["an empty line", ""],
  ])("leaves %s to the other turns", (_name, line) => {
    expect(workerOfRequest(head(line))).toBeUndefined();
  });

  it("reads back the worker from the prefix it gives session ids", () => {
    expect(workerOfSession(`${sessionPrefix(7)}random`)).toBe(7);
  });

  it("tells the requests that make a session (autoload.js, POST /<app>/session, an app socket, naming none) from the rest", () => {
    expect(createsSession(head("GET /apps/rolling/autoload.js?points=10 HTTP/1.1"))).toBe(true);
    expect(createsSession(head("POST /rolling/session HTTP/1.1"))).toBe(true);
    expect(createsSession(head("GET /rolling/ws HTTP/1.1", "Upgrade: WebSocket"))).toBe(true);
    expect(createsSession(head("GET /rolling/autoload.js?aperture-session=w1-abc HTTP/1.1"))).toBe(false);
    expect(createsSession(head("GET /rolling/ws?token=w1-abc HTTP/1.1", "Upgrade: websocket"))).toBe(false);
    expect(createsSession(head("GET /rolling HTTP/1.1"))).toBe(false);
    expect(createsSession(head("GET /static/aperture-x.js HTTP/1.1"))).toBe(false);
    expect(createsSession(head("garbage"))).toBe(false);
  });
});

describe("parseRequestHead", () => {
  it("reads the line and the headers (names in lower case, repeats joined) up to the blank line", () => {
    const parsed = parseRequestHead(Buffer.from("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nx-a: 2\r\n\r\nbody: no"));
    expect(parsed).toEqual({
      method: "GET",
      target: "/a?b=1",
      headers: new Map([
        ["host", "x"],
        ["x-a", "1, 2"],
      ]),
    });
  });
});
