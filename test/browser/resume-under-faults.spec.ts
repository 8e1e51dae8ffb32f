/**
 * Exact resume in Chromium (issue 11 item 1): a person moves the rolling example's slider with
 * the keyboard, 200 times, through a proxy that cuts, stalls, delays, half-opens and delivers a
 * dead socket's bytes after the reconnect (test/helpers/fault-script.ts, a fixed seed), while
 * the page's own heartbeat (2 s pings, 8 s patience) has to notice the silent sockets. At the
 * end the page's document equals the server's, every write any socket carried reached the
 * server and was settled there (applied, superseded, or refused with a notice on the page;
 * the rest were superseded in the page before a socket took them), the server applied the person's values in the order
 * they were made, ending on the last, and the plot shows the rolling mean of that window.
 */
import type { Page } from "@playwright/test";
import { rollingMean, seaSurfaceTemperature } from "../../examples/rolling/data.ts";
import { loadApps, type Document, type Slider } from "../../server/index.ts";
import type { Session } from "../../server/session/session.ts";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.ts";
import { injectFault, type FaultKind } from "../helpers/fault-script.ts";
import { createRng } from "../helpers/fuzz-frames.ts";
import { UNLIMITED_BUDGET, startServer } from "../helpers/start-server.ts";
import { expect, plotTraces, test } from "./fixtures.ts";

const SEED = 0x5eed12;
const MOVES = 200;
const POINTS = 1_000;
/** The page's heartbeat patience (client/connection/heartbeat.ts): faults are timed against it. */
const PAGE_HEARTBEAT = { silenceMs: 8_000 };

/** What the server's slider callback saw, in order. */
const applied: number[] = [];
let server: Awaited<ReturnType<typeof startServer>>;
let proxy: FaultProxy;

test.beforeAll(async () => {
  const rolling = (await loadApps(["examples/rolling"]))[0]!;
  const recorded = async (doc: Document) => {
    await rolling.handler(doc);
    (doc.getModelByName("window") as Slider).onChange("value", (_attr, _old, days: number) => void applied.push(days));
  };
  server = await startServer({ apps: [{ ...rolling, handler: recorded }], ...UNLIMITED_BUDGET });
  proxy = await startFaultProxy(server.port);
});

test.afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

/** A JSON replacer that writes typed arrays as lists with their type, so two documents compare by value. */
function typedArraysAsLists(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) ? { [value.constructor.name]: Array.from(value as unknown as ArrayLike<number>) } : value;
}

/** The page's document, its unanswered requests and how far it has caught up. */
function pageDocument(page: Page): Promise<{ state: unknown; pending: number; seq: number; status: string | undefined }> {
  return page.evaluate(`(() => {
    const doc = window.Aperture.documents[0];
    const status = document.querySelector(".aperture-root")?.dataset.syncStatus;
    return { state: JSON.parse(JSON.stringify(doc.state, ${typedArraysAsLists.toString()})), pending: doc.pending.size, seq: doc.seq, status };
  })()`);
}

/** Request ids of every write (patch, event) the page put on any of its sockets, as Chromium saw the frames go. */
function writesSent(page: Page): Set<number> {
  const sent = new Set<number>();
  page.on("websocket", (socket) =>
    socket.on("framesent", ({ payload }) => {
      if (typeof payload !== "string") return;
      const message = JSON.parse(payload) as { kind?: string; reqId?: number };
      if ((message.kind === "patch" || message.kind === "event") && message.reqId !== undefined) sent.add(message.reqId);
    }),
  );
  return sent;
}

/** Whether `values` is `made` with some entries left out (superseded), in the same order. */
function isSubsequence(values: number[], made: number[]): boolean {
  let at = 0;
  for (const value of values) {
    while (at < made.length && made[at] !== value) at++;
    if (at++ >= made.length) return false;
  }
  return true;
}

test("the rolling slider moved 200 times through a cutting, stalling proxy: page = server, every write settled in order", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const sent = writesSent(page);
  await page.goto(`http://127.0.0.1:${proxy.port}/rolling?points=${POINTS}`);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  const slider = page.locator('[data-aperture-name="window"] input[type="range"]');
  await slider.focus();

  const rng = createRng(SEED);
  const faults: Promise<FaultKind>[] = [];
  const made: number[] = [];
  let value = 0;
  for (let move = 0; move < MOVES; move++) {
    // Each fault draws from its own generator, so the script's moves do not depend on timing.
    if (rng.chance(0.06)) faults.push(injectFault(createRng(rng.int(2 ** 31)), proxy, PAGE_HEARTBEAT));
    const up = value === 0 || (value < 30 && rng.chance(0.6));
    value += up ? 1 : -1;
    made.push(value);
    await page.keyboard.press(up ? "ArrowRight" : "ArrowLeft");
    await page.waitForTimeout(rng.int(40));
  }
  const kinds = await Promise.all(faults);

  const session = (): Session => server.runtime.sessions.all()[0]!;
  await expect
    .poll(
      async () => {
        const doc = await pageDocument(page);
        return { pending: doc.pending, status: doc.status, behind: session().engine.seq - doc.seq };
      },
      { timeout: 90_000 },
    )
    .toEqual({ pending: 0, status: "synced", behind: 0 });
  expect(server.runtime.sessions.all()).toHaveLength(1);
  expect(kinds.length, "faults injected").toBeGreaterThanOrEqual(8);
  expect(proxy.made, "the page reconnected").toBeGreaterThan(4);

  // The page's document is the server's, value for value.
  const { state } = await pageDocument(page);
  expect(state).toEqual(JSON.parse(JSON.stringify(session().engine.state, typedArraysAsLists)));
  // Every write a socket carried reached the server and was settled there (applied, superseded
  // or refused), even when that socket died: the page sent it again on the next one.
  const settled = [...session().writes.settled];
  const reachedServer = new Set(settled.map((outcome) => outcome.reqId));
  expect(sent.size).toBeGreaterThan(MOVES / 2);
  expect(
    [...sent].filter((reqId) => !reachedServer.has(reqId)),
    "writes lost on the way",
  ).toEqual([]);
  // Each refused one is on the page as a notice with its code.
  const refused = settled.filter((outcome) => outcome.kind === "error");
  for (const outcome of refused) await expect(page.locator(".aperture-error").filter({ hasText: outcome.code }).first()).toBeVisible();
  // Applied in the order the person made them, each value once per write, ending on the last.
  expect(isSubsequence(applied, made), `applied ${applied.join(",")}`).toBe(true);
  expect(applied.at(-1)).toBe(value);
  await expect(slider).toHaveValue(String(value));
  const sst = seaSurfaceTemperature(POINTS);
  const expected = Array.from(rollingMean(sst.time, sst.temperature, value));
  const smoothed = (await plotTraces(page, "plot"))[1]?.y ?? [];
  expect(smoothed.length).toBe(expected.length);
  expect(smoothed.every((y, i) => Math.abs(y - expected[i]!) < 1e-9)).toBe(true);
  console.info(
    `faults: ${kinds.join(" ")}; sockets: ${proxy.made}; moves: ${MOVES}; writes sent: ${sent.size}; applied: ${applied.length}; refused: ${refused.length}`,
  );
});
