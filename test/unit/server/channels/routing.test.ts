import { describe, expect, it } from "vitest";
import { WebSocketConsumer } from "../../../../server/channels/consumer.ts";
import { compileRoutes } from "../../../../server/channels/routing.ts";

class A extends WebSocketConsumer {}

describe("compileRoutes", () => {
  it.each([
    ["/websocket/", "/websocket"],
    ["/websocket/", "/websocket/"],
    ["/websocket", "/websocket"],
    ["/websocket", "/websocket/"],
  ])("matches route %s for the path %s (with or without the trailing slash)", (pattern, path) => {
    expect(compileRoutes({ [pattern]: A }).match(path)?.consumer).toBe(A);
  });

  it("keeps params whichever way the pattern ends", () => {
    const router = compileRoutes({ "/ws/dams/:id/": A });
    expect(router.match("/ws/dams/7")?.params).toEqual({ id: "7" });
    expect(router.match("/ws/dams/7/")?.params).toEqual({ id: "7" });
    expect(router.match("/ws/dams/7/x")).toBeUndefined();
  });

  it("still tells the routes apart and keeps the patterns as written", () => {
    const router = compileRoutes({ "/": A, "/ws/": A });
    expect(router.patterns).toEqual(["/", "/ws/"]);
    expect(router.match("/ws")?.consumer).toBe(A);
    expect(router.match("/other")).toBeUndefined();
  });
});
