/**
 * Memory per session stays bounded whatever the session does: what a session keeps for
 * resuming (its resume log) is bounded by bytes, so streaming 10,000 batches into one
 * session, or 1,000 slider moves whose callback replaces whole columns (issue 10 item 2:
 * 773 MiB pinned before), retain no more than the bound, measured after GC.
 */
import v8 from "node:v8";
import vm from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import { ColumnDataSource, Slider, column, type Document } from "../../server/index.ts";
import type { DocState } from "../../server/protocol/index.ts";
import { UNLIMITED_BUDGET, startServer } from "../helpers/start-server.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const RESUME_LOG_BYTES = 4 * 1024 * 1024;
/** Room for the heap's own noise; the unbounded log pinned 300+ MiB in these runs. */
const MARGIN_BYTES = 48 * 1024 * 1024;
const ROWS = 20_000;
/** The test sends as fast as it can; budgets are another test's concern. */

function retained(): number {
  gc();
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

let streamBatch: ((batch: number) => void) | undefined;

/** A live dashboard: batches of new rows, and now and then the whole table replaced. */
function dashboard(doc: Document): void {
  const source = new ColumnDataSource({ name: "source", data: { x: new Float64Array(0), y: new Float64Array(0) } });
  const slider = new Slider({ name: "window", start: 1, end: 2_000, value: 1, step: 1 });
  // What the rolling example does: every move recomputes and replaces whole columns.
  slider.onChange("value", (_attr, _old, value: number) => {
    source.data = { x: new Float64Array(ROWS).fill(value), y: new Float64Array(ROWS).fill(-value) };
  });
  streamBatch = (batch) => {
    if (batch % 10 === 0) source.data = { x: new Float64Array(ROWS).fill(batch), y: new Float64Array(ROWS) };
    else source.stream({ x: new Float64Array(50).fill(batch), y: new Float64Array(50) }, 5_000);
  };
  doc.addRoot(column(slider, source));
}

const idOf = (doc: DocState, name: string) => Object.entries(doc.models).find(([, model]) => model.name === name)![0];

describe("memory of one session", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let client: TestClient;

  afterEach(async () => {
    client.socket.terminate();
    await server.close();
  });

  async function open(): Promise<{ doc: DocState; seq: number }> {
    server = await startServer({ apps: { dashboard }, resumeLogBytes: RESUME_LOG_BYTES, ...UNLIMITED_BUDGET });
    const { wsUrl, token } = await createSession(server.appUrls.dashboard!);
    client = await TestClient.connect(wsUrl, token, { hello: false });
    client.send({ kind: "hello", protocol: 1 });
    return client.next("doc");
  }

  const session = () => server.runtime.sessions.all()[0]!;

  it("stays bounded while 10,000 batches stream into it, the resume log within its bytes", { timeout: 120_000 }, async () => {
    await open();
    const stream = async (from: number, to: number) => {
      for (let batch = from; batch < to; batch++) {
        streamBatch!(batch);
        // One flush per batch, as a periodic callback makes; the page drains what it is sent.
        await new Promise((resolve) => setImmediate(resolve));
        client.received.length = 0;
      }
    };
    await stream(0, 1_000);
    const warm = retained();
    await stream(1_000, 10_000);
    client.send({ kind: "ping", t: 1 });
    await client.next("pong");
    client.received.length = 0;
    expect(session().resumeLog.bytes).toBeLessThanOrEqual(RESUME_LOG_BYTES);
    expect(retained() - warm).toBeLessThan(MARGIN_BYTES);
  });

  it(
    "keeps at most its resume-log bound after 1,000 slider moves whose callback replaces whole columns",
    { timeout: 120_000 },
    async () => {
      const { doc, seq } = await open();
      const before = retained();
      let base = seq;
      for (let move = 2; move <= 1_001; move++) {
        const ack = await client.setAttr(idOf(doc, "window"), "value", move, base);
        expect(ack).toMatchObject({ kind: "ack" });
        base = (ack as { seq: number }).seq;
        client.received.length = 0;
      }
      expect(session().resumeLog.size).toBeGreaterThan(0);
      expect(session().resumeLog.bytes).toBeLessThanOrEqual(RESUME_LOG_BYTES);
      expect(retained() - before).toBeLessThan(MARGIN_BYTES);
    },
  );
});
