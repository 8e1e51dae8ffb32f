/**
 * Exact resume through a lossy network: the page's own client code (ClientDocument and
 * Connection, over `ws`) moves a slider 240 times through a proxy that cuts, stalls, delays,
 * half-opens and delivers a dead socket's bytes after the reconnect, from a fixed seed. At
 * the end the page's document equals the server's, every write was settled exactly once,
 * the outcomes the page heard are the server's, and the server applied the person's values
 * in the order they were made, each once, ending on the last.
 */
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientDocument } from "../../client/document.ts";
import { Connection, type SyncStatus } from "../../client/connection/connection.ts";
import { Div, Slider, column, type Document } from "../../server/index.ts";
import type { ClientMessage, RequestOutcome, ServerMessage } from "../../server/protocol/index.ts";
import type { Session } from "../../server/session/session.ts";
import { createRng } from "../helpers/fuzz-frames.ts";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.ts";
import { injectFault, pause, waitFor, type FaultKind } from "../helpers/fault-script.ts";
import { UNLIMITED_BUDGET, startServer } from "../helpers/start-server.ts";
import { createSession } from "../helpers/ws-client.ts";

const SEED = 0x5eed11;
const MOVES = 240;
const HEARTBEAT = { intervalMs: 200, silenceMs: 1_000 };

type Message<K extends ServerMessage["kind"]> = Extract<ServerMessage, { kind: K }>;

/** What the server's slider callback saw, in order. */
const applied: number[] = [];
let ticking = true;

function sliderApp(doc: Document): void {
  const slider = new Slider({ name: "slider", start: 0, end: 1_000, step: 1, value: 0 });
  const echo = new Div({ name: "echo", text: "value 0" });
  const tick = new Div({ name: "tick", text: "0" });
  slider.onChange("value", (_attr, _old, value: number) => {
    applied.push(value);
    echo.text = `value ${value}`;
  });
  // Server patches keep coming, so resumes have something to replay.
  doc.addPeriodicCallback(() => void (ticking && (tick.text = String(Number(tick.text) + 1))), 40);
  doc.addRoot(column(slider, echo, tick));
}

/** The page's document, recording every outcome it hears. */
class RecordingDocument extends ClientDocument {
  readonly outcomes = new Map<number, RequestOutcome[]>();

  override receiveAck(message: Message<"ack">): void {
    this.record(message);
    super.receiveAck(message);
  }

  override receiveError(message: Message<"error">): void {
    if (message.reqId !== undefined && message.code !== "CALLBACK_FAILED") this.record(message as RequestOutcome);
    super.receiveError(message);
  }

  private record(outcome: RequestOutcome): void {
    this.outcomes.set(outcome.reqId, [...(this.outcomes.get(outcome.reqId) ?? []), outcome]);
  }
}

/** `ws` as the page's WebSocket; a refused connection is an event, as in a browser, not a thrown error. */
class PageWebSocket extends WebSocket {
  constructor(url: string, protocols?: string[]) {
    super(url, protocols);
    this.on("error", () => {});
  }
}

describe("resume through a proxy that cuts, stalls, delays and reorders", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let proxy: FaultProxy;

  beforeAll(async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = PageWebSocket;
    server = await startServer({ apps: { slider: sliderApp }, ...UNLIMITED_BUDGET });
    proxy = await startFaultProxy(server.port);
  });

  afterAll(async () => {
    await proxy.close();
    await server.close();
  });

  it("ends with equal documents, every write settled once as the server says, applied in order", { timeout: 180_000 }, async () => {
    const { wsUrl, token } = await createSession(server.appUrls.slider!);
    const url = new URL(wsUrl);
    url.port = String(proxy.port);
    const statuses: SyncStatus[] = [];
    const sent: ClientMessage[] = [];
    const doc: RecordingDocument = new RecordingDocument({
      send: (message) => {
        sent.push(message);
        connection.send(message);
      },
      onChange: () => {},
      onServerError: () => {},
    });
    const connection = new Connection({
      url: url.href,
      token,
      target: doc,
      onStatus: (status) => statuses.push(status),
      backoff: { baseMs: 50, maxMs: 400 },
      heartbeat: HEARTBEAT,
    });
    connection.start();
    await waitFor(() => doc.loaded, 30_000);
    const session: Session = server.runtime.sessions.all()[0]!;
    const sliderId = Object.entries(doc.state.models).find(([, model]) => model.name === "slider")![0];

    const rng = createRng(SEED);
    const faults: Promise<FaultKind>[] = [];
    const moves = new Map<number, number>();
    let value = 0;
    for (let move = 0; move < MOVES; move++) {
      // Each fault draws from its own generator, so the script's numbers do not depend on timing.
      if (rng.chance(0.08)) faults.push(injectFault(createRng(rng.int(2 ** 31)), proxy, HEARTBEAT));
      value = (value + 1 + rng.int(999)) % 1_001;
      const before = sent.length;
      doc.set(sliderId, "value", value);
      const request = sent[before]!;
      if (request.kind === "patch") moves.set(request.reqId, value);
      await pause(rng.int(40));
    }
    const kinds = await Promise.all(faults);
    ticking = false;

    // Settled: nothing pending, the page caught up with a server that has stopped changing.
    const state = () =>
      `pending ${[...doc.pending.keys()].join(",")}; statuses ${statuses.slice(-5).join(",")}; seq ${doc.seq}/${session.engine.seq}`;
    await waitFor(() => doc.pending.size === 0 && statuses.at(-1) === "synced" && doc.seq === session.engine.seq, 90_000, state);
    connection.close();

    expect(kinds.length, "faults injected").toBeGreaterThanOrEqual(10);
    expect(proxy.made, "reconnects happened").toBeGreaterThan(3);
    expect(statuses.filter((status) => !["connecting", "synced", "offline"].includes(status))).toEqual([]);
    expect(doc.state).toEqual(session.engine.state);
    expect(moves.size).toBe(MOVES);

    // Every write the page heard about was settled once, and as the server recorded it.
    const serverOutcomes = new Map([...session.writes.settled].map((outcome) => [outcome.reqId, outcome]));
    for (const [reqId, heard] of doc.outcomes) {
      expect(heard, `outcomes of request ${reqId}`).toHaveLength(1);
      expect(heard[0], `request ${reqId}`).toEqual(serverOutcomes.get(reqId));
    }
    // The rest were superseded in the page's offline queue before any socket carried them.
    const unheard = [...moves.keys()].filter((reqId) => !doc.outcomes.has(reqId));
    expect(unheard.filter((reqId) => serverOutcomes.has(reqId))).toEqual([]);
    const appliedIds = [...doc.outcomes].filter(([, [outcome]]) => outcome!.kind === "ack" && !outcome!.superseded).map(([reqId]) => reqId);
    const refused = [...doc.outcomes].filter(([, [outcome]]) => outcome!.kind === "error");
    expect(refused).toEqual([]);
    expect(applied).toEqual(appliedIds.sort((a, b) => a - b).map((reqId) => moves.get(reqId)));
    expect(applied.at(-1)).toBe(value);
    console.info(
      `faults: ${kinds.join(" ")}; sockets: ${proxy.made}; writes: ${MOVES} made, ${applied.length} applied, ${unheard.length} superseded offline, ${doc.outcomes.size - applied.length} superseded by the server`,
    );
    expect(session.engine.state.models[sliderId]!.attrs.value).toBe(value);
  });
});
