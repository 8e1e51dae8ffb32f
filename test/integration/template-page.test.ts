/**
 * An app's page template: the page request makes the session (as Bokeh's), so the HTML holds
 * the handler's title and template variables and the token of that session, except when the
 * browser says another site's page asked for it without the visitor.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Div, loadApps, serve, silentLogger, type AppSpec, type Document } from "../../server/index.ts";
import { startServer } from "../helpers/start-server.ts";

type Server = Awaited<ReturnType<typeof startServer>>;

const template = `<html><head><title>{{ title }}</title></head><body><p id="who">{{ who }}</p>{{ embed }}<p>{{ missing }}</p></body></html>`;

function handler(doc: Document): void {
  doc.title = "Made by the handler";
  doc.templateVariables.who = String(doc.session.request.arguments.who ?? "nobody");
  doc.addRoot(new Div({ name: "div", text: "hi" }));
}

const app: AppSpec = { name: "app", handler, template };

async function getPage(server: Server, headers: Record<string, string> = {}, query = "") {
  const response = await fetch(`${server.appUrls.app}${query}`, { headers });
  return { status: response.status, cache: response.headers.get("cache-control"), html: await response.text() };
}

const tokenIn = (html: string) => /data-aperture-token="([^"]+)"/.exec(html)?.[1];

describe("a page made from a template", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ apps: [app], allowWebsocketOrigin: ["allowed.example:8080"] });
  });
  afterAll(() => server.close());

  it("makes the session when it is requested, holds its title, variables and token, and is never cached", async () => {
    const before = server.runtime.sessions.size;
    const page = await getPage(server, { "sec-fetch-site": "none", "sec-fetch-dest": "document" }, "?who=Ada");
    expect(page.status).toBe(200);
    expect(page.cache).toBe("no-store");
    expect(page.html).toContain("<title>Made by the handler</title>");
    expect(page.html).toContain('<p id="who">Ada</p>');
    expect(page.html).toContain('data-aperture-template="all"');
    expect(server.runtime.sessions.size).toBe(before + 1);
    const token = tokenIn(page.html)!;
    expect(server.runtime.sessions.all().some((session) => token.startsWith(`${session.id}.`))).toBe(true);
  });

  it("closes the connection after a page that made a session, so --num-procs balances the next page", async () => {
    const connection = await new Promise<string | undefined>((resolve, reject) => {
      get(server.appUrls.app!, (response) => {
        response.resume();
        resolve(response.headers.connection);
      }).on("error", reject);
    });
    expect(connection).toBe("close");
  });

  it("makes no session, and shows no variables, for another site's frame, fetch or prefetch", async () => {
    const before = server.runtime.sessions.size;
    const foreign: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site", "sec-fetch-dest": "iframe" },
      { "sec-fetch-site": "same-site", "sec-fetch-dest": "empty" },
      { "sec-fetch-site": "cross-site", "sec-fetch-dest": "iframe", referer: "http://evil.example/page" },
      { "sec-fetch-site": "same-origin", "sec-fetch-dest": "document", "sec-purpose": "prefetch" },
    ];
    for (const headers of foreign) {
      const page = await getPage(server, headers, "?who=Ada");
      expect(page.status).toBe(200);
      expect(tokenIn(page.html)).toBeUndefined();
      expect(page.html).toContain('<p id="who"></p>');
      expect(page.html).toContain("<title>app</title>");
    }
    expect(server.runtime.sessions.size).toBe(before);
  });

  it("makes the session for a link followed from another site, an allowed origin's frame, and a client that is no browser", async () => {
    const asked: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site", "sec-fetch-dest": "document" },
      { "sec-fetch-site": "cross-site", "sec-fetch-dest": "iframe", referer: "http://allowed.example:8080/report" },
      {},
    ];
    for (const headers of asked) expect(tokenIn((await getPage(server, headers)).html)).toBeDefined();
  });

  it("warns once about a variable the handler did not set, however many pages name it", async () => {
    await getPage(server);
    await getPage(server);
    expect(server.log.lines.filter((line) => line.includes("{{ missing }}"))).toEqual([
      "warn app app: the template names {{ missing }}, which doc.templateVariables does not have",
    ]);
  });
});

describe("a template page that gets no session", () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it("answers 429 with the reason past the sessions per address, and makes none", async () => {
    server = await startServer({ apps: [app], maxSessionsPerAddress: 1 });
    expect((await getPage(server)).status).toBe(200);
    const refused = await getPage(server);
    expect(refused.status).toBe(429);
    expect(refused.html).toContain("too many open sessions from");
    expect(server.runtime.sessions.size).toBe(1);
  });

  it("answers 500 when the handler throws, without the error's text", async () => {
    const broken: AppSpec = { name: "app", template, handler: () => Promise.reject(new Error("secret detail")) };
    server = await startServer({ apps: [broken] });
    const page = await getPage(server);
    expect(page.status).toBe(500);
    expect(page.html).toContain("failed to start (the server&#39;s log has the details)");
    expect(page.html).not.toContain("secret detail");
  });
});

describe("loading templates", () => {
  const folder = mkdtempSync(join(tmpdir(), "aperture-template-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("refuses at start a template it cannot fill, naming the app and the line", async () => {
    const bad: AppSpec = { name: "bad", handler, template: "<p>\n{% for root in roots %}{{ embed(root) }}{% endfor %}" };
    await expect(serve({ apps: [bad], port: 0, logger: silentLogger() })).rejects.toThrow(/^app bad: template line 2: Jinja statements/);
  });

  it("refuses an app with both a page and a template", async () => {
    const both: AppSpec = { name: "both", handler, template, page: (embed) => embed };
    await expect(serve({ apps: [both], port: 0, logger: silentLogger() })).rejects.toThrow("app both: has both a page and a template");
  });

  it("takes a folder app's templates/index.html, as Bokeh's directory apps", async () => {
    mkdirSync(join(folder, "gauges", "templates"), { recursive: true });
    writeFileSync(join(folder, "gauges", "app.mjs"), "export default function gauges() {}\n");
    writeFileSync(join(folder, "gauges", "templates", "index.html"), "<h1>{{ title }}</h1>{{ embed }}");
    const [loaded] = await loadApps([join(folder, "gauges")]);
    expect(loaded!.template).toBe("<h1>{{ title }}</h1>{{ embed }}");
  });
});
