/**
 * Issue 11 item 4, the server's side: a socket that asks for a new session may offer the values
 * the person set in a lost one (`hello.restore`). They are applied after the handler, each as
 * the person's write (validated, callbacks run); what a person could not have written, or what
 * the app marked `restorable: false`, changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Div, Slider, Select, column, tabs, type Document } from "../../server/index.ts";
import { CLOSE_CODES, type DocState, type RestoreEntry } from "../../server/protocol/index.ts";
import { startServer } from "../helpers/start-server.ts";
import { askSession, type AskedSession } from "../helpers/ws-client.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

function app(doc: Document): void {
  const slider = new Slider({ name: "window", start: 0, end: 30, value: 0, step: 1 });
  const said = new Div({ name: "said", text: "window 0" });
  slider.onChange("value", (_attr, _old, days: number) => {
    said.text = `window ${days}`;
  });
  const code = new Select({ name: "code", options: ["fresh", "typed"], restorable: false });
  doc.addRoot(column(slider, said, code, tabs(["One", new Div({ text: "1" })], ["Two", new Div({ text: "2" })])));
}

const byName = (doc: DocState, name: string) => Object.entries(doc.models).find(([, model]) => model.name === name)!;
const tabsOf = (doc: DocState) => Object.entries(doc.models).find(([, model]) => model.type === "Tabs")!;
const entry = (model: string, type: string, attr: string, value: RestoreEntry["value"], name?: string): RestoreEntry => ({
  model,
  type,
  attr,
  value,
  ...(name === undefined ? {} : { name }),
});

describe("a new session asked for with the values of a lost one", () => {
  let server: Server;
  const asked: AskedSession[] = [];
  const ask = async (restore: RestoreEntry[]) => {
    const result = await askSession(server.appUrls.app!, { restore });
    asked.push(result);
    return result;
  };
  const snapshot = async (restore: RestoreEntry[]) => {
    const result = await ask(restore);
    if (!("doc" in result)) throw new Error(`refused: ${result.closed} ${result.reason}`);
    return result.doc.doc;
  };

  beforeEach(async () => {
    server = await startServer({ apps: { app } });
  });
  afterEach(async () => {
    for (const result of asked.splice(0)) if ("client" in result) result.client.socket.terminate();
    await server.close();
  });

  it("applies them after the handler as the person's writes: by name, or by id for unnamed models, and their callbacks run", async () => {
    const fresh = await snapshot([]);
    const [tabsId] = tabsOf(fresh);
    const doc = await snapshot([entry("old-id", "Slider", "value", 7, "window"), entry(tabsId, "Tabs", "active", 1)]);
    expect(byName(doc, "window")[1].attrs.value).toBe(7);
    expect(byName(doc, "said")[1].attrs.text).toBe("window 7");
    expect(tabsOf(doc)[1].attrs.active).toBe(1);
  });

  it("uses the last value offered for an attribute, in the order the person set them", async () => {
    const doc = await snapshot([entry("x", "Slider", "value", 3, "window"), entry("x", "Slider", "value", 12, "window")]);
    expect(byName(doc, "said")[1].attrs.text).toBe("window 12");
  });

  it.each<[string, RestoreEntry]>([
    ["a value out of bounds", entry("x", "Slider", "value", 1000, "window")],
    ["an attribute the page may not write", entry("x", "Slider", "end", 5, "window")],
    ["a model of another type under that name", entry("x", "Select", "value", "typed", "window")],
    ["a name the document does not have", entry("x", "Slider", "value", 5, "nobody")],
    ["an id with another type there", entry("1", "Tabs", "active", 1)],
    ["a model marked restorable: false", entry("x", "Select", "value", "typed", "code")],
    ["a __proto__ attribute", entry("x", "Slider", "__proto__", 1, "window")],
  ])("changes nothing for %s, and the session starts", async (_name, offered) => {
    const doc = await snapshot([offered]);
    expect(doc).toEqual(await snapshot([]));
    expect(server.runtime.sessions.size).toBe(2);
  });

  it("refuses a hello offering more than 1,000 values with 1002, making no session", async () => {
    const many = Array.from({ length: 1001 }, () => entry("x", "Slider", "value", 1, "window"));
    expect(await ask(many)).toEqual({ closed: CLOSE_CODES.protocolError, reason: "the first message must be hello" });
    expect(server.runtime.sessions.size).toBe(0);
  });
});
