import { describe, expect, it } from "vitest";
import { Button, Div, Slider, column, getChannelLayer, type Document } from "aperture";
import { openSession, SyncError } from "aperture/testing";
import { engineOf } from "../../../../server/document/document.ts";
import rolling from "../../../../examples/rolling/app.ts";
import * as rollingParams from "../../../../examples/rolling-params/app.ts";
import { rollingMean, seaSurfaceTemperature } from "../../../../examples/rolling/data.ts";

function counter(doc: Document): void {
  const step = new Slider({ name: "step", start: 1, end: 10, value: 1 });
  const total = new Div({ name: "total", text: "0" });
  const add = new Button({ name: "add" });
  add.onClick(() => void (total.text = String(Number(total.text) + step.value)));
  step.onChange("value", async (_attr, _old, value) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (value === 7) throw new Error("seven is unlucky");
    total.text = `step ${value}`;
  });
  doc.addRoot(column(step, add, total));
}

describe("openSession", () => {
  it("runs the handler with the page's query arguments", async () => {
    const s = await openSession(rolling, { arguments: { points: "1000" } });
    expect(s.column("source", "temperature")).toHaveLength(1000);
    s.close();
  });

  it("takes an app module too (its default export)", async () => {
    const s = await openSession(rollingParams);
    expect(s.get<Slider>("window").value).toBe(0);
    s.close();
  });

  it("moves a slider by name through the callbacks, and settled() waits for what they change", async () => {
    const s = await openSession(rolling, { arguments: { points: "1000" } });
    s.set("window", "value", 3);
    await s.settled();
    const sst = seaSurfaceTemperature(1000);
    expect(s.column("source", "smoothed")).toEqual(Array.from(rollingMean(sst.time, sst.temperature, 3)));
    expect(s.events.at(-1)).toMatchObject({ kind: "patch" });
    s.close();
  });

  it("refuses what the server would refuse from a page, with the page's code, and changes nothing", async () => {
    const s = await openSession(counter);
    expect(() => s.set("step", "value", 11)).toThrow(SyncError);
    expect(() => s.set("step", "value", 11)).toThrow(/outside \[1, 10\]|above/);
    expect(() => s.set("total", "text", "hacked")).toThrow(expect.objectContaining({ code: "PATCH_NOT_WRITABLE" }));
    expect(() => s.set("nobody", "value", 1)).toThrow('no model named "nobody"');
    await s.settled();
    expect(s.get<Slider>("step").value).toBe(1);
    expect(s.get<Div>("total").text).toBe("0");
    s.close();
  });

  it("waits for async callbacks, and lists a failing one as the error the page would get", async () => {
    const s = await openSession(counter);
    s.set("step", "value", 4);
    await s.settled();
    expect(s.get<Div>("total").text).toBe("step 4");
    s.set("step", "value", 7);
    await s.settled();
    expect(s.events.at(-1)).toMatchObject({ kind: "error", code: "CALLBACK_FAILED", message: expect.stringContaining("seven is unlucky") });
    s.close();
  });

  it("clicks a button through its event, and refuses an event the model lacks", async () => {
    const s = await openSession(counter);
    s.trigger("add", "click");
    s.trigger("add", "click");
    await s.settled();
    expect(s.get<Div>("total").text).toBe("2");
    expect(() => s.trigger("step", "click")).toThrow(expect.objectContaining({ code: "EVENT_UNKNOWN" }));
    s.close();
  });

  it("delivers group messages to the session's subscriptions until it is closed", async () => {
    const s = await openSession(async (doc) => {
      const news = new Div({ name: "news", text: "" });
      doc.addRoot(news);
      await doc.session.subscribe("testing-news", (message) => void (news.text = message.text as string));
    });
    await getChannelLayer().groupSend("testing-news", { type: "news", text: "hello" });
    await expect.poll(() => s.get<Div>("news").text).toBe("hello");
    s.close();
    await getChannelLayer().groupSend("testing-news", { type: "news", text: "after close" });
    await s.settled();
    expect(s.get<Div>("news").text).toBe("hello");
  });

  it("stops periodic callbacks on close", async () => {
    let runs = 0;
    const s = await openSession((doc) => void doc.addPeriodicCallback(() => void runs++, 1));
    await expect.poll(() => runs).toBeGreaterThan(0);
    expect(engineOf(s.doc).callbacks.size).toBe(1);
    s.close();
    expect(engineOf(s.doc).callbacks.size).toBe(0);
  });
});
