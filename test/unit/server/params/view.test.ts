import { describe, expect, it, vi } from "vitest";
import { Document, engineOf } from "../../../../server/document/document.ts";
import { Div } from "../../../../server/models/widgets.ts";
import { figure } from "../../../../server/models/figure.ts";
import { defineParams } from "../../../../server/params/params.ts";
import { param } from "../../../../server/params/spec.ts";
import { view } from "../../../../server/params/view.ts";

class Settings extends defineParams({
  window: param.integer({ default: 0, bounds: [0, 30] }),
  scale: param.select({ options: ["linear", "log"] }),
  showRaw: param.boolean({ default: true }),
  title: param.string({ default: "SST" }),
}) {}

describe("view", () => {
  it("runs once when made, then only when a parameter it read changes", () => {
    const settings = new Settings();
    const byWindow = view(settings, ({ window }) => window * 2);
    const byScale = view(settings, (p) => p.scale);
    expect([byWindow.runs, byScale.runs]).toEqual([1, 1]);

    settings.window = 3;
    settings.window = 4;
    expect([byWindow.runs, byScale.runs]).toEqual([3, 1]);
    expect(byWindow.result).toBe(8);

    settings.scale = "log";
    settings.title = "other";
    expect([byWindow.runs, byScale.runs]).toEqual([3, 2]);
    expect(byScale.result).toBe("log");
  });

  it("re-runs once when a set changes several parameters it depends on", () => {
    const settings = new Settings();
    const both = view(settings, ({ window, scale }) => `${window} ${scale}`);
    void settings.set({ window: 5, scale: "log" });
    expect(both.runs).toBe(2);
    expect(both.dependencies).toEqual(["window", "scale"]);
  });

  it("tracks the reads of each run, so a branch not taken is not a dependency", () => {
    const settings = new Settings({ showRaw: false });
    const branchy = view(settings, (p) => (p.showRaw ? `raw ${p.title}` : `smoothed by ${p.window}`));
    expect(branchy.dependencies).toEqual(["showRaw", "window"]);

    settings.title = "ignored while hidden";
    expect(branchy.runs).toBe(1);

    settings.showRaw = true;
    expect(branchy.dependencies).toEqual(["showRaw", "title"]);
    settings.window = 9;
    expect(branchy.runs).toBe(2);
    settings.title = "now shown";
    expect([branchy.runs, branchy.result]).toEqual([3, "raw now shown"]);
  });

  it("with explicit depends, re-runs for those only, whatever the function reads", () => {
    const settings = new Settings();
    const explicit = view(settings, (p) => `${p.window} ${p.scale}`, { depends: ["window"] });
    settings.scale = "log";
    expect(explicit.runs).toBe(1);
    settings.window = 2;
    expect([explicit.runs, explicit.result]).toEqual([2, "2 log"]);
    expect(() => view(settings, () => 0, { depends: ["windw" as never] })).toThrow("no such parameter");
  });

  it("still depends on what it read before it threw", () => {
    const settings = new Settings();
    const fragile = view(settings, (p) => {
      if (p.showRaw) return p.title;
      if (p.window === 0) throw new Error("pick a window first");
      return `smoothed by ${p.window}`;
    });
    expect(() => (settings.showRaw = false)).toThrow("pick a window first");
    expect(fragile.dependencies).toEqual(["showRaw", "window"]);
    settings.window = 3;
    expect(fragile.result).toBe("smoothed by 3");
  });

  it("stops re-running when stopped", () => {
    const settings = new Settings();
    const stopped = view(settings, ({ window }) => window);
    stopped.stop();
    settings.window = 3;
    expect(stopped.runs).toBe(1);
  });

  it("settles a view that sets the parameters it depends on, and gives up on one that never settles", () => {
    const settings = new Settings({ window: 25 });
    const clamp = view(settings, (p) => {
      if (p.window > 20) p.window = 20;
      return p.window;
    });
    expect([settings.window, clamp.result]).toEqual([20, 20]);

    const runaway = () =>
      view(new Settings(), (p) => {
        p.window = (p.window + 1) % 30;
      });
    expect(runaway).toThrow("a view keeps changing the parameters it depends on (window); stopped after 100 runs");
  });

  it("keeps the latest async result when runs overlap", async () => {
    const settings = new Settings();
    const gates: (() => void)[] = [];
    const slow = view(settings, async ({ window }) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      return window;
    });
    const second = settings.set({ window: 1 });
    const third = settings.set({ window: 2 });
    gates[2]!();
    await third;
    gates[1]!();
    gates[0]!();
    await second;
    expect([slow.runs, slow.result]).toEqual([3, 2]);
  });

  it("reports a failed async run through the document showing it, not as a rejection", async () => {
    const doc = new Document();
    const errors: [unknown, string][] = [];
    engineOf(doc).connect({ error: (error, context) => errors.push([error, context]) });
    const settings = new Settings();
    const failing = view(settings, async ({ window }) => {
      if (window > 0) throw new Error("fetch failed");
      return "ok";
    });
    doc.addRoot(failing.model);
    await settings.set({ window: 1 });
    expect(errors).toEqual([[new Error("fetch failed"), `view of ${String(settings)}`]]);
  });

  describe("#model", () => {
    it("shows a model result as it is and text in an escaped Div", () => {
      const settings = new Settings();
      const plot = figure({ name: "plot" });
      const shown = view(settings, ({ window }) => (window === 0 ? plot : `<b>${window}</b> days`));
      expect(shown.model.children).toEqual([plot]);
      settings.window = 3;
      const [div] = shown.model.children;
      expect(div).toBeInstanceOf(Div);
      expect((div as Div).text).toBe("&lt;b&gt;3&lt;/b&gt; days");
      const silent = view(settings, () => undefined);
      expect(silent.model.children).toEqual([]);
    });
  });

  it("passes the instance to the function, so methods of a subclass are at hand", () => {
    class WithMethod extends Settings {
      days(): string {
        return `${this.window} days`;
      }
    }
    const spy = vi.fn((p: WithMethod) => p.days());
    const labelled = view(new WithMethod({ window: 4 }), spy);
    expect(labelled.result).toBe("4 days");
    expect(labelled.dependencies).toEqual(["window"]);
  });
});
