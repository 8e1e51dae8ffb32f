import { afterEach, describe, expect, it } from "vitest";
import { Div, serve, silentLogger, type ApertureServer, type AppSpec, type Document } from "../../server/index.ts";
import { handlerArguments } from "../../server/http/session-request.ts";
import { createSession } from "../helpers/ws-client.ts";

/** An app whose hooks and handler write down when they ran, and what the handler saw. */
function recordingApp(events: string[], seen: unknown[]): AppSpec {
  return {
    name: "hooks",
    handler: (doc: Document) => {
      events.push("handler");
      seen.push({ state: { ...doc.session.state }, arguments: doc.session.request.arguments });
      doc.addRoot(new Div({ text: "x" }));
    },
    onServerLoaded: async (context) => {
      await new Promise((resolve) => setImmediate(resolve));
      events.push(`onServerLoaded ${context.app} (${context.sessions().length} sessions)`);
    },
    onSessionCreated: (session) => {
      events.push("onSessionCreated");
      session.state.greeting = "made before the handler";
    },
    onSessionDestroyed: () => void events.push("onSessionDestroyed"),
    onServerUnloaded: (context) => void events.push(`onServerUnloaded ${context.app}`),
  };
}

describe("app lifecycle hooks, in Bokeh's order", () => {
  let server: ApertureServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("runs onServerLoaded once before any session, onSessionCreated before the handler, and the unload hooks at shutdown", async () => {
    const events: string[] = [];
    const seen: unknown[] = [];
    server = await serve({ apps: [recordingApp(events, seen)], port: 0, logger: silentLogger() });
    await createSession(server.appUrls.hooks!);
    await createSession(server.appUrls.hooks!);
    await server.close();
    server = undefined;
    expect(events).toEqual([
      "onServerLoaded hooks (0 sessions)",
      "onSessionCreated",
      "handler",
      "onSessionCreated",
      "handler",
      "onSessionDestroyed",
      "onSessionDestroyed",
      "onServerUnloaded hooks",
    ]);
  });

  it("gives the handler what onSessionCreated put on session.state, and repeated query keys as arrays", async () => {
    const seen: unknown[] = [];
    server = await serve({ apps: [recordingApp([], seen)], port: 0, logger: silentLogger() });
    await createSession(server.appUrls.hooks!, "?tag=a&tag=b&n=3");
    expect(seen).toEqual([{ state: { greeting: "made before the handler" }, arguments: { tag: ["a", "b"], n: "3" } }]);
  });

  it("does not start a server whose onServerLoaded throws", async () => {
    const app: AppSpec = { name: "broken", handler: () => {}, onServerLoaded: () => Promise.reject(new Error("no database")) };
    await expect(serve({ apps: [app], port: 0, logger: silentLogger() })).rejects.toThrow("no database");
  });
});

describe("handlerArguments", () => {
  it("keeps single keys as strings, repeated keys as arrays in order, and drops Aperture's own and __proto__", () => {
    const query = new URLSearchParams("a=1&b=x&b=y&b=z&aperture-session=t&__proto__=p");
    expect(handlerArguments(query)).toEqual({ a: "1", b: ["x", "y", "z"] });
  });
});
