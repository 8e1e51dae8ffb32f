/**
 * Item 2 with the light client: bytes per slider update, float64 (the rolling example) and
 * float32 columns (bench/apps/rolling32.ts). The browser run counts the same thing from
 * Chromium's frames (bench/slider.ts); this one needs no browser, so the smoke test runs it.
 * A light client sends one patch per move (a page sends two, `value` on input and
 * `valueThrottled` on change), so it receives one ack fewer.
 */
import type { TestClient } from "../test/helpers/ws-client.ts";
import { SLIDER_VALUES } from "./compute.ts";
import type { ServerChild } from "./server-process.ts";
import { openSession } from "./sessions.ts";

export interface LightWireResult {
  app: "rolling" | "rolling32";
  points: number;
  /** Bytes of server frames per update (the data patch and its ack). */
  bytesPerUpdate: number;
  /** The changed data: one column of N values, 8 bytes each (float64) or 4 (float32). */
  rawBytes: number;
  ratio: number;
}

async function sliderId(client: TestClient): Promise<{ id: string; seq: number }> {
  const reqId = client.reqId();
  client.send({ kind: "pull-doc", reqId });
  const snapshot = await client.next("doc");
  await client.next("ack", (m) => m.reqId === reqId);
  const id = Object.keys(snapshot.doc.models).find((key) => snapshot.doc.models[key]!.name === "window");
  if (id === undefined) throw new Error('no model named "window" in the snapshot');
  return { id, seq: snapshot.seq };
}

export async function measureLightWire(
  server: ServerChild,
  options: { app: "rolling" | "rolling32"; points: number; warmup: number; runs: number },
): Promise<LightWireResult> {
  const client = await openSession(server.appUrls[options.app]!, `?points=${options.points}`);
  try {
    const slider = await sliderId(client);
    let seq = slider.seq;
    let bytes = 0;
    for (let i = -options.warmup; i < options.runs; i++) {
      const before = client.bytesReceived;
      const reply = await client.setAttr(slider.id, "value", SLIDER_VALUES[Math.abs(i) % 2]!, seq);
      if (reply.kind === "error") throw new Error(`the server refused the move: ${reply.code} ${reply.message}`);
      seq = reply.seq;
      // Drop what was received (the data patch), so the client holds nothing across runs.
      client.received.length = 0;
      if (i >= 0) bytes += client.bytesReceived - before;
    }
    const rawBytes = options.points * (options.app === "rolling32" ? 4 : 8);
    const bytesPerUpdate = bytes / options.runs;
    return { app: options.app, points: options.points, bytesPerUpdate, rawBytes, ratio: bytesPerUpdate / rawBytes };
  } finally {
    await client.close();
    await server.destroySessions();
  }
}
