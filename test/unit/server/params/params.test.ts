import { describe, expect, expectTypeOf, it, vi } from "vitest";
import { ParamError, defineParams } from "../../../../server/params/params.ts";
import { param } from "../../../../server/params/spec.ts";

class Settings extends defineParams({
  window: param.integer({ default: 0, bounds: [0, 30] }),
  scale: param.select({ options: ["linear", "log"] }),
  span: param.range({ default: [2, 5], bounds: [0, 10] }),
  start: param.date({ default: new Date("2016-01-01T00:00:00Z") }),
}) {}

describe("Params", () => {
  it("gives each instance its own values, starting from the declared defaults", () => {
    const first = new Settings();
    const second = new Settings({ window: 7 });
    first.window = 3;
    expect([first.window, second.window, new Settings().window]).toEqual([3, 7, 0]);
    expect(first.values).toEqual({ window: 3, scale: "linear", span: [2, 5], start: new Date("2016-01-01T00:00:00Z") });
  });

  it("treats undefined in the constructor as the default, like model constructors", () => {
    expect(new Settings({ window: undefined }).window).toBe(0);
  });

  it("changes nothing when one value of a set is refused", () => {
    const settings = new Settings();
    expect(() => settings.set({ window: 4, scale: "cubic" as never })).toThrow(ParamError);
    expect(settings.values).toMatchObject({ window: 0, scale: "linear" });
  });

  it("never hands out its own mutable values", () => {
    const settings = new Settings();
    settings.start.setUTCFullYear(1999);
    expect(settings.start.getUTCFullYear()).toBe(2016);
    expect(Object.isFrozen(settings.span)).toBe(true);
    const given = new Date("2016-05-01T00:00:00Z");
    settings.start = given;
    given.setUTCFullYear(1999);
    expect(settings.start.getUTCFullYear()).toBe(2016);
  });

  describe("#watch", () => {
    it("calls a watcher once per set with the changes it watches, old and new", () => {
      const settings = new Settings();
      const seen = vi.fn();
      settings.watch(["window", "span"], seen);
      void settings.set({ window: 4, span: [1, 2], scale: "log" });
      expect(seen).toHaveBeenCalledTimes(1);
      expect(seen).toHaveBeenCalledWith([
        { name: "window", old: 0, value: 4 },
        { name: "span", old: [2, 5], value: [1, 2] },
      ]);
    });

    it("is not called for a set that changes nothing it watches", () => {
      const settings = new Settings();
      const seen = vi.fn();
      settings.watch("window", seen);
      void settings.set({ window: 0 });
      void settings.set({ scale: "log" });
      settings.span = [2, 5];
      expect(seen).not.toHaveBeenCalled();
    });

    it("stops when asked", () => {
      const settings = new Settings();
      const seen = vi.fn();
      const handle = settings.watch("window", seen);
      handle.stop();
      settings.window = 9;
      expect(seen).not.toHaveBeenCalled();
    });

    it("runs every watcher when one throws, then throws its error", () => {
      const settings = new Settings();
      const after = vi.fn();
      settings.watch("window", () => {
        throw new Error("view failed");
      });
      settings.watch("window", after);
      expect(() => settings.set({ window: 2 })).toThrow("view failed");
      expect(after).toHaveBeenCalledTimes(1);
      expect(settings.window).toBe(2);
    });

    it("returns a promise from set only when a watcher is async, settled when it is", async () => {
      const settings = new Settings();
      expect(settings.set({ window: 1 })).toBeUndefined();
      const order: string[] = [];
      settings.watch("window", async () => {
        await Promise.resolve();
        order.push("watcher done");
      });
      const pending = settings.set({ window: 2 });
      expect(pending).toBeInstanceOf(Promise);
      await pending;
      order.push("set settled");
      expect(order).toEqual(["watcher done", "set settled"]);
    });

    it("refuses to watch a parameter that does not exist", () => {
      expect(() => new Settings().watch("windw" as never, () => {})).toThrow("Settings.windw cannot be undefined: no such parameter");
    });
  });

  describe("#track", () => {
    it("reports the parameters read through accessors, get and values", () => {
      const settings = new Settings();
      expect([...settings.track(() => settings.window + settings.get("scale").length).reads]).toEqual(["window", "scale"]);
      expect([...settings.track(() => settings.values).reads]).toEqual(["window", "scale", "span", "start"]);
      expect([...settings.track(() => settings.peek("window")).reads]).toEqual([]);
    });
  });

  it("types each value after its declaration (checked by tsc)", () => {
    const settings = new Settings();
    expectTypeOf(settings.window).toEqualTypeOf<number>();
    expectTypeOf(settings.scale).toEqualTypeOf<"linear" | "log">();
    expectTypeOf(settings.span).toEqualTypeOf<readonly [number, number]>();
    expectTypeOf(settings.start).toEqualTypeOf<Date>();
    expectTypeOf(settings.set)
      .parameter(0)
      .toEqualTypeOf<Partial<{ window: number; scale: "linear" | "log"; span: readonly [number, number]; start: Date }>>();
    // @ts-expect-error a string is not a window
    expect(() => settings.set({ window: "3" })).toThrow(ParamError);
  });

  it("describes itself with its class name and values", () => {
    expect(String(new Settings({ window: 3 }))).toBe('Settings(window=3, scale="linear", span=[2, 5], start=2016-01-01T00:00:00.000Z)');
  });
});
