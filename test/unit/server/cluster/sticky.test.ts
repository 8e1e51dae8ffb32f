import { describe, expect, it } from "vitest";
import { parseRequestHead } from "../../../../server/cluster/request-head.ts";
import { createsSession, sessionPrefix, workerOfRequest, workerOfSession } from "../../../../server/cluster/sticky.ts";

const head = (line: string, ...headers: string[]) => parseRequestHead(Buffer.from([line, ...headers, "", ""].join("\r\n"), "latin1"));

describe("sticky routing", () => {
  it.each([
    ["aperture, aperture-token.w1-abc.123.sig", 1],
    ["aperture,aperture-token.w12-x.1.s", 12],
    ["aperture-token.w0-Zz_-9.99.q, aperture", 0],
  ])("routes a socket offering %s to worker %i", (protocols, worker) => {
    const request = head("GET /rolling/ws HTTP/1.1", "Upgrade: websocket", `Sec-WebSocket-Protocol: ${protocols}`);
    expect(workerOfRequest(request)).toBe(worker);
    expect(createsSession(request)).toBe(false);
  });

  it.each([
    ["a page", "GET /rolling HTTP/1.1"],
    ["a consumer socket", "GET /ws/notifications/ HTTP/1.1"],
    ["a token without a worker mark", "GET /rolling/ws HTTP/1.1\r\nSec-WebSocket-Protocol: aperture, aperture-token.abc.1.s"],
    ["a mark in the middle", "GET /rolling/ws HTTP/1.1\r\nSec-WebSocket-Protocol: aperture, aperture-token.xw1-abc"],
    ["a mark without the token prefix", "GET /rolling/ws HTTP/1.1\r\nSec-WebSocket-Protocol: aperture, w1-abc"],
    ["a token in the URL (tokens never travel there)", "GET /rolling/ws?token=w1-abc.1.s HTTP/1.1"],
    ["garbage", "\u0000\u0001 %%% HTTP"],
    ["an empty line", ""],
  ])("leaves %s to the other turns", (_name, line) => {
    expect(workerOfRequest(head(line))).toBeUndefined();
  });

  it("reads back the worker from the prefix it gives session ids", () => {
    expect(workerOfSession(`${sessionPrefix(7)}random`)).toBe(7);
  });

  it("tells the requests that make a session (POST /<app>/session, an app socket naming none) from the rest", () => {
    expect(createsSession(head("POST /rolling/session HTTP/1.1"))).toBe(true);
    expect(createsSession(head("GET /rolling/ws?points=10 HTTP/1.1", "Upgrade: WebSocket"))).toBe(true);
    expect(createsSession(head("GET /apps/rolling/autoload.js?points=10 HTTP/1.1"))).toBe(false);
    expect(
      createsSession(head("GET /rolling/ws HTTP/1.1", "Upgrade: websocket", "Sec-WebSocket-Protocol: aperture, aperture-token.w1-a")),
    ).toBe(false);
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
