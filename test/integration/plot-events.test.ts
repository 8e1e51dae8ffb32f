/**
 * Plot events over a real socket: selection and range writes, `tap` events, and the new
 * widgets' writes; hostile ones are answered with an error and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ColumnDataSource, DataRange1d, Div, MultiSelect, Tabs, TabPanel, column, figure, type Document } from "../../server/index.ts";
import type { DocState } from "../../server/protocol/index.ts";
import { startServer } from "../helpers/start-server.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";

function app(doc: Document): void {
  const source = new ColumnDataSource({ name: "source", data: { x: [1, 2, 3], y: [4, 5, 6] } });
  const plot = figure({ name: "plot", xRange: new DataRange1d({ name: "xrange" }) });
  plot.scatter("x", "y", { source, name: "dots" });
  const said = new Div({ name: "said", text: "" });
  plot.onTap(({ index, source: tapped }) => {
    said.text = `tap ${index} y=${tapped.data.y![index] as number}`;
  });
  source.onChange("selected", (_a, _o, rows: number[]) => {
    said.text = `selected ${rows.join(",")}`;
  });
  plot.xRange.onChange(["start", "end"], () => {
    said.text = `x ${JSON.stringify([plot.xRange.start, plot.xRange.end])}`;
  });
  const tabs = new Tabs({
    name: "tabs",
    tabs: [new TabPanel({ title: "a", child: new Div() }), new TabPanel({ title: "b", child: new Div() })],
  });
  doc.addRoot(column(plot, said, tabs, new MultiSelect({ name: "multi", options: ["p", "q"] })));
}

const idOf = (doc: DocState, name: string) => Object.entries(doc.models).find(([, m]) => m.name === name)![0];

describe("plot events over a socket", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let client: TestClient;
  let doc: DocState;

  beforeAll(async () => {
    server = await startServer({ apps: { app } });
    const { wsUrl, token } = await createSession(server.appUrls.app!);
    client = await TestClient.connect(wsUrl, token, { hello: false });
    client.send({ kind: "hello", protocol: 1 });
    doc = (await client.next("doc")).doc;
  });

  afterAll(async () => {
    client.socket.terminate();
    await server.close();
  });

  async function pull(): Promise<{ doc: DocState; seq: number }> {
    client.send({ kind: "pull-doc", reqId: client.reqId() });
    return client.next("doc");
  }

  /**
   * Sends an event or patch and returns the patches and errors that answered it. A pull sent
   * right after is answered after it (a session handles messages in order), so once its doc
   * is in, so is every answer to the request.
   */
  async function send(message: { kind: string } & Record<string, unknown>) {
    const reqId = client.reqId();
    client.send({ ...message, reqId });
    await pull();
    const errors = client.received.filter((m) => m.kind === "error" && m.reqId === reqId);
    const patches = client.received.filter((m) => m.kind === "patch" && m.origin === reqId);
    const acks = client.received.filter((m) => m.kind === "ack" && m.reqId === reqId);
    client.received.length = 0;
    return { errors, patches, acks };
  }

  const tap = (payload: unknown) => send({ kind: "event", model: idOf(doc, "plot"), name: "tap", payload });
  const said = async () => (await pull()).doc.models[idOf(doc, "said")]!.attrs.text;

  it("runs the tap callback with the decoded payload", async () => {
    const { patches } = await tap({ renderer: idOf(doc, "dots"), index: 1 });
    expect(patches).toHaveLength(1);
    expect(await said()).toBe("tap 1 y=5");
  });

  it("runs selection and range callbacks for the page's writes", async () => {
    const base = (await pull()).seq;
    await send({
      kind: "patch",
      baseSeq: base,
      ops: [{ op: "replace", path: `/models/${idOf(doc, "source")}/attrs/selected`, value: [0, 2] }],
    });
    expect(await said()).toBe("selected 0,2");
    const next = (await pull()).seq;
    await send({
      kind: "patch",
      baseSeq: next,
      ops: [
        { op: "replace", path: `/models/${idOf(doc, "xrange")}/attrs/start`, value: 0.5 },
        { op: "replace", path: `/models/${idOf(doc, "xrange")}/attrs/end`, value: 2.5 },
      ],
    });
    expect(await said()).toBe("x [0.5,2.5]");
  });

  const hostileTaps: [string, unknown][] = [
    ["no payload", null],
    ["an index past the rows", { renderer: "dots", index: 3 }],
    ["an index that is text", { renderer: "dots", index: "0" }],
    ["a renderer that is not the figure's", { renderer: "said", index: 0 }],
    ["an extra field", { renderer: "dots", index: 0, extra: 1 }],
    ["a __proto__ field", "__proto__"],
  ];

  it.each(hostileTaps)("refuses a tap with %s: an error, no callback, no change", async (_name, shape) => {
    const before = await pull();
    const payload =
      shape === "__proto__"
        ? JSON.parse(`{"renderer":"${idOf(doc, "dots")}","index":0,"__proto__":{"polluted":true}}`)
        : shape !== null && typeof shape === "object" && "renderer" in shape
          ? { ...shape, renderer: idOf(doc, (shape as { renderer: string }).renderer) }
          : shape;
    const { errors, patches, acks } = await tap(payload);
    expect(errors).toHaveLength(1);
    // The request still gets its one outcome, after the error: an ack of a turn that changed nothing.
    expect(acks).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "EVENT_BAD_PAYLOAD" });
    expect((errors[0] as { message: string }).message).toContain('refused "tap" payload');
    expect(patches).toEqual([]);
    const after = await pull();
    expect(after.doc).toEqual(before.doc);
    expect(after.seq).toBe(before.seq);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  const hostileWrites: [string, string, string, unknown][] = [
    ["a selected row that does not exist", "source", "selected", [0, 99]],
    ["selected rows that are not integers", "source", "selected", [0.5]],
    ["a range end that is a list", "xrange", "end", [0, 1, 2]],
    ["a range start that is text", "xrange", "start", "0"],
    ["a tab past the tabs", "tabs", "active", 2],
    ["a choice that is not an option", "multi", "value", ["p", "zzz"]],
  ];

  it.each(hostileWrites)("refuses %s with PATCH_BAD_VALUE and changes nothing", async (_name, model, attr, value) => {
    const before = await pull();
    const { errors } = await send({
      kind: "patch",
      baseSeq: before.seq,
      ops: [{ op: "replace", path: `/models/${idOf(doc, model)}/attrs/${attr}`, value }],
    });
    expect(errors).toMatchObject([{ code: "PATCH_BAD_VALUE" }]);
    const after = await pull();
    expect(after.doc).toEqual(before.doc);
  });
});
