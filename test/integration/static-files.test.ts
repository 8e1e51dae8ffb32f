/**
 * The client's files as a real server sends them: hashed names immutable, the build's brotli
 * or gzip file by Accept-Encoding, open to other origins; autoload.js fetches plotly ahead
 * only for a document with a figure.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Slider, column, figure, type Document } from "../../server/index.ts";
import { askSession } from "../helpers/ws-client.ts";
import { readClientFiles } from "../../server/http/client-files.ts";
import { startServer } from "../helpers/start-server.ts";

function plot(doc: Document): void {
  const chart = figure({ name: "plot" });
  chart.line([1, 2], [3, 4]);
  doc.addRoot(column(new Slider({ name: "s", start: 0, end: 1, value: 0 }), chart));
}

function widgets(doc: Document): void {
  doc.addRoot(column(new Slider({ name: "s", start: 0, end: 1, value: 0 })));
}

describe("static client files", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const files = readClientFiles();
  const get = (path: string, encoding: string) => fetch(`${server.url}${path}`, { headers: { "accept-encoding": encoding } });

  beforeAll(async () => {
    server = await startServer({ apps: { plot, widgets } });
  });
  afterAll(() => server.close());

  it("names the entry and the plotly chunk from the build's manifest", () => {
    expect(files.entry).toMatch(/^aperture-[\w-]+\.js$/);
    expect(files.figureChunks.some((file) => /^plotly-[\w-]+\.js$/.test(file))).toBe(true);
  });

  it("sends a hashed file as immutable, brotli when accepted, to any origin", async () => {
    const response = await get(`/static/${files.entry}`, "gzip, deflate, br");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("br");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("vary")).toContain("Accept-Encoding");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("content-type")).toContain("javascript");
    expect(await response.text()).toContain("Aperture");
  });

  it("sends the gzip file to a browser without brotli, and the plain file to one that takes neither", async () => {
    expect((await get(`/static/${files.entry}`, "gzip")).headers.get("content-encoding")).toBe("gzip");
    const plain = await get(`/static/${files.entry}`, "identity");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("cache-control")).toContain("immutable");
  });

  it("revalidates files whose names do not change, and keeps the build's manifest to itself", async () => {
    expect((await get(`/static/${files.entry}.map`, "identity")).headers.get("cache-control")).toBe("no-cache");
    expect((await get("/static/.vite/manifest.json", "identity")).status).toBe(404);
  });

  it("has autoload.js fetch plotly ahead for an app whose last session drew a figure only", async () => {
    // autoload.js makes no session: what the app's documents draw is known from the last one made.
    for (const app of ["plot", "widgets"]) {
      const asked = await askSession(`${server.url}/${app}`);
      if ("client" in asked) asked.client.socket.terminate();
    }
    const withFigure = await (await get("/plot/autoload.js", "identity")).text();
    const [plotlyFile] = files.figureChunks;
    expect(withFigure).toContain(`/static/${files.entry}`);
    expect(withFigure).toContain(`/static/${plotlyFile}`);
    const withoutFigure = await (await get("/widgets/autoload.js", "identity")).text();
    expect(withoutFigure).toContain(`/static/${files.entry}`);
    expect(withoutFigure).not.toContain(`/static/${plotlyFile}`);
  });

  it("hints the entry module in the app's own page", async () => {
    expect(await (await get("/widgets", "identity")).text()).toContain(`<link rel="modulepreload" href="/static/${files.entry}">`);
  });
});
