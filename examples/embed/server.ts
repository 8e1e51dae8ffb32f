/**
 * Another site embedding a live app, as the seed's Django view does with `server_document`:
 * an Express page on its own port (another origin) with the rolling app inside.
 *
 *   npm start                          # the gallery, which allows this page's origin
 *   npx tsx examples/embed/server.ts   # then open http://127.0.0.1:5007
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { serverDocument } from "aperture";

export function embedPage(apertureUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Harbor report</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;max-width:1100px}</style></head>
<body>
<h1>Harbor report</h1>
<p>Water temperature at the buoy, live from the Aperture server at ${apertureUrl}:</p>
${serverDocument(`${apertureUrl}/rolling`, { arguments: { points: 10_000, theme: "light_minimal" } })}
<p>Move the slider to smooth the series; the server recomputes the rolling mean.</p>
</body>
</html>`;
}

/** `apertureUrl` may be a function, for when the Aperture server starts after this site. */
export async function startEmbedSite(options: {
  port: number;
  apertureUrl: string | (() => string);
}): Promise<{ url: string; close(): Promise<void> }> {
  const apertureUrl = options.apertureUrl;
  const app = express();
  app.get("/", (_request, response) => void response.send(embedPage(typeof apertureUrl === "function" ? apertureUrl() : apertureUrl)));
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(options.port, "127.0.0.1", () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const apertureUrl = process.env.APERTURE_URL ?? "http://127.0.0.1:5006";
  const site = await startEmbedSite({ port: Number(process.env.PORT ?? 5007), apertureUrl });
  console.log(`Embedding page at ${site.url}/ (apps from ${apertureUrl})`);
}
