import { describe, expect, it } from "vitest";
import {
  assertChannelName,
  assertGroupName,
  assertMessage,
  isSpecificChannel,
  ownerOf,
  resolveLayerOptions,
} from "../../../../server/channels/layer.ts";
import { decodeItem, encodeItem, globToLuaPattern, shardOf } from "../../../../server/channels/redis-scripts.ts";

describe("channel and group names", () => {
  it.each(["a", "chat.room-1_x", "specific.abc!", "specific.abc!def", "x".repeat(99)])("accepts the channel %s", (name) => {
    expect(() => assertChannelName(name)).not.toThrow();
  });

  it.each(["", " ", "a b", "a!b!c", "ä", "x".repeat(100), "a/b", "a:b"])("refuses the channel %j", (name) => {
    expect(() => assertChannelName(name)).toThrow(/Invalid channel name/);
  });

  it('refuses a "!" in group names and non-strings anywhere', () => {
    expect(() => assertGroupName("room!1")).toThrow(/Invalid group name "room!1"/);
    expect(() => assertGroupName(undefined)).toThrow(/undefined \(undefined, not a string\)/);
    expect(() => assertChannelName(7)).toThrow(/7 \(number, not a string\)/);
  });

  it("shortens a huge bad name in the error", () => {
    const error = (() => {
      try {
        assertChannelName(" ".repeat(1_000_000));
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    expect(error?.message.length).toBeLessThan(400);
    expect(error?.message).toContain("1000000 chars");
  });

  it("finds the owning layer of a specific channel", () => {
    expect(isSpecificChannel("chat.abc123!x")).toBe(true);
    expect(isSpecificChannel("worker")).toBe(false);
    expect(ownerOf("chat.abc123!x")).toBe("abc123");
    expect(ownerOf("a.b.abc123!")).toBe("abc123");
    expect(ownerOf("abc123!x")).toBe("abc123");
  });
});

describe("assertMessage", () => {
  it("names the path of the first non-JSON value", () => {
    expect(() => assertMessage({ type: "x", rows: [{ ok: 1 }, { when: new Date() }] })).toThrow(
      "Not plain JSON: message.rows[1].when is a Date",
    );
  });

  it("refuses circular messages without overflowing the stack", () => {
    const message: Record<string, unknown> = { type: "x" };
    message.self = message;
    expect(() => assertMessage(message)).toThrow(/nested deeper than 64 levels \(or circular\)/);
  });

  it("accepts null-prototype objects", () => {
    expect(() => assertMessage(Object.assign(Object.create(null) as object, { type: "x" }))).not.toThrow();
  });
});

describe("resolveLayerOptions", () => {
  it("defaults as channels_redis: capacity 100, expiry 60 s, group expiry 1 day", () => {
    const settings = resolveLayerOptions();
    expect(settings).toMatchObject({ capacity: 100, expiryMs: 60_000, groupExpiryMs: 86_400_000 });
    expect(settings.capacityFor("anything")).toBe(100);
  });

  it("matches channelCapacity globs in order", () => {
    const settings = resolveLayerOptions({ channelCapacity: { "http.request": 200, "websocket.*!*": 20, "w?": 3 } });
    expect(settings.capacityFor("http.request")).toBe(200);
    expect(settings.capacityFor("http_request")).toBe(100); // "." is literal
    expect(settings.capacityFor("websocket.send.abc!x")).toBe(20);
    expect(settings.capacityFor("wx")).toBe(3);
  });

  it.each([
    ["capacity", 0],
    ["expiry", -1],
    ["groupExpiry", Number.NaN],
  ])("refuses %s = %s", (name, value) => {
    expect(() => resolveLayerOptions({ [name]: value })).toThrow(RangeError);
  });
});

describe("Redis wire helpers", () => {
  it("round-trips inbox items", () => {
    const raw = encodeItem(1234, "a.x!1 a.x!2", JSON.stringify({ type: "t", text: "two\nlines" }));
    expect(decodeItem(raw)).toEqual({ expiresAt: 1234, targets: ["a.x!1", "a.x!2"], payload: '{"type":"t","text":"two\\nlines"}' });
    expect(decodeItem(encodeItem(5, "", "{}"))?.targets).toEqual([]);
    expect(decodeItem("wake")).toBeUndefined();
  });

  it("escapes Lua pattern characters in capacity globs", () => {
    expect(globToLuaPattern("http.request-*")).toBe("^http%.request%-.*$");
  });

  it("shards a name the same way every time", () => {
    expect(shardOf("room", 3)).toBe(shardOf("room", 3));
    const spread = new Set(Array.from({ length: 50 }, (_, i) => shardOf(`group${i}`, 4)));
    expect(spread.size).toBe(4);
  });
});
