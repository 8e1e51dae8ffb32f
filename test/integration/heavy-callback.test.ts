/**
 * Issue 7: a CPU-heavy callback in one session (on the thread pool) while another session's
 * slider round trip completes. The heavy function runs until the test releases it, and the
 * test releases it only after the other session's round trip: were the event loop blocked,
 * that round trip could never finish and the test would time out. Order, not timings.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Button, Div, Slider, column, runInWorker, setThreadPool, ThreadPool, type Document } from "../../server/index.ts";
import { PROTOCOL_VERSION, socketProtocols, type DocState } from "../../server/protocol/index.ts";
import { flagChanged } from "../helpers/flags.ts";
import { startServer } from "../helpers/start-server.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";

const TASKS = new URL("../fixtures/jobs/tasks.ts", import.meta.url);
/** [0]: the test releases the computation; [1]: the thread says it is computing. */
const flag = new Int32Array(new SharedArrayBuffer(8));

function heavyApp(doc: Document): void {
  const heavy = new Button({ name: "heavy", label: "Compute" });
  const result = new Div({ name: "result", text: "" });
  const k = new Slider({ name: "k", start: 0, end: 10, step: 1, value: 0 });
  const echo = new Div({ name: "echo", text: "" });
  heavy.onClick(async () => {
    const rounds = await runInWorker<number>(TASKS, "spinUntilReleased", [flag]);
    result.text = `computed for ${rounds} rounds`;
  });
  k.onChange("value", (_attr, _old, value: number) => {
    echo.text = `k = ${value}`;
  });
  doc.addRoot(column(heavy, result, k, echo));
}

const idOf = (doc: DocState, name: string) => Object.entries(doc.models).find(([, m]) => m.name === name)![0];

describe("a CPU-heavy callback on the thread pool", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let previousPool: ThreadPool | undefined;

  beforeAll(async () => {
    previousPool = setThreadPool(new ThreadPool({ maxThreads: 1 }));
    server = await startServer({ apps: { heavy: heavyApp } });
  });
  afterAll(async () => {
    await server.close();
    await setThreadPool(previousPool)?.destroy();
  });

  async function open(): Promise<{ client: TestClient; doc: DocState; seq: number }> {
    const { wsUrl, token } = await createSession(server.appUrls.heavy!);
    const client = new TestClient(new WebSocket(wsUrl, socketProtocols(token)));
    await new Promise((resolve) => client.socket.once("open", resolve));
    client.send({ kind: "hello", protocol: PROTOCOL_VERSION });
    const snapshot = await client.next("doc");
    return { client, doc: snapshot.doc, seq: snapshot.seq };
  }

  it("leaves other sessions' slider round trips and pings to run while it computes", async () => {
    const a = await open();
    const b = await open();
    const order: string[] = [];

    const click = a.client.reqId();
    a.client.send({ kind: "event", reqId: click, model: idOf(a.doc, "heavy"), name: "click", payload: null });
    const aDone = a.client.next("ack", (m) => m.reqId === click, 30_000).then(() => order.push("A: heavy callback acked"));
    await flagChanged(flag, 1);
    order.push("A: thread computing");

    // B's slider round trip: patch → callback → patch back → ack, while A's thread computes.
    const reply = await b.client.setAttr(idOf(b.doc, "k"), "value", 3, b.seq);
    expect(reply.kind).toBe("ack");
    const echoed = await b.client.next("patch");
    expect(echoed.ops).toContainEqual({ op: "replace", path: `/models/${idOf(b.doc, "echo")}/attrs/text`, value: "k = 3" });
    order.push("B: slider round trip done");
    // Pings of both sessions, the busy one's included, are answered meanwhile.
    for (const [name, client] of [
      ["A", a.client],
      ["B", b.client],
    ] as const) {
      client.send({ kind: "ping", t: 42 });
      await client.next("pong");
      order.push(`${name}: pong`);
    }
    expect(a.client.received.some((m) => m.kind === "ack")).toBe(false);

    Atomics.store(flag, 0, 1);
    await aDone;
    const computed = await a.client.next("patch");
    expect(computed.ops[0]).toMatchObject({
      path: `/models/${idOf(a.doc, "result")}/attrs/text`,
      value: expect.stringMatching(/^computed for \d+ rounds$/),
    });
    expect(order).toEqual(["A: thread computing", "B: slider round trip done", "A: pong", "B: pong", "A: heavy callback acked"]);
    await Promise.all([a.client.close(), b.client.close()]);
  });
});
