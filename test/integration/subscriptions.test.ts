import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  InMemoryChannelLayer,
  SUBSCRIPTION_CLOSE_CODES,
  SubscriptionConsumer,
  emitChannelNotification,
  subscriptionConsumer,
} from "../../server/index.ts";
import { socketProtocols } from "../../server/protocol/index.ts";
import { Raw, openJson, type JsonSocket } from "../helpers/json-socket.ts";
import { startServer } from "../helpers/start-server.ts";

class StaticTokens extends SubscriptionConsumer {
  static override tokens = new Set(["s3cret"]);
}

/** Always in "jobs-status_changed", whatever the client subscribes to. */
class WithFixedGroup extends StaticTokens {
  override groups = ["jobs-status_changed"];
}

const Checked = subscriptionConsumer({
  authorize: async (token, scope) => token === `user-${scope.params.user}`,
  canSubscribe: (group, event) => group !== "control" || event === "limit_reached_7",
  maxSubscriptions: 5,
  maxMessageBytes: 2048,
});

const Failing = subscriptionConsumer({
  authorize: () => {
    throw new Error("token database down");
  },
});

/** Records leaves, and fails joins of chosen groups, so the tests can see membership changes. */
class SpyLayer extends InMemoryChannelLayer {
  readonly discarded: string[] = [];
  readonly failJoin = new Set<string>();
  readonly holds = new Map<string, { reached: () => void; released: Promise<void> }>();
  override async groupAdd(group: string, channel: string): Promise<void> {
    if (this.failJoin.has(group)) throw new Error(`layer refused ${group}`);
    const hold = this.holds.get(group);
    if (hold) {
      hold.reached();
      await hold.released;
    }
    await super.groupAdd(group, channel);
  }
  /** Holds joins of `group` until `release()`; `reached` settles when one is waiting. */
  hold(group: string): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    this.holds.set(group, { reached, released: new Promise<void>((resolve) => (release = resolve)) });
    return { reached: reachedPromise, release };
  }
  override async groupDiscard(group: string, channel: string): Promise<void> {
    this.discarded.push(group);
    await super.groupDiscard(group, channel);
  }
}

describe("subscription protocol (Tower)", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let base: string;
  let layer: SpyLayer;
  const sockets: JsonSocket["socket"][] = [];

  beforeEach(async () => {
    layer = new SpyLayer();
    server = await startServer({
      apps: {},
      channelLayer: layer,
      websockets: {
        "/websocket/": StaticTokens,
        "/ws/users/:user/": Checked,
        "/ws/nobody/": SubscriptionConsumer,
        "/ws/failing/": Failing,
        "/ws/fixed/": WithFixedGroup,
      },
    });
    base = server.url.replace("http", "ws");
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await server.close();
    await layer.close();
  });

  async function connect(path = "/websocket/?token=s3cret", cookie?: string): Promise<JsonSocket> {
    const client = await openJson(`${base}${path}`, cookie === undefined ? undefined : { headers: { cookie } });
    sockets.push(client.socket);
    return client;
  }

  async function subscribe(client: JsonSocket, groups: Record<string, Array<string | number>>): Promise<unknown> {
    client.send({ groups });
    return client.next();
  }

  describe("tokens", () => {
    it.each([
      [
        "missing",
        "/websocket/",
        SUBSCRIPTION_CLOSE_CODES.badToken,
        "token missing: offer aperture-token.<token> as a sub-protocol, or send ?token= or a token cookie",
      ],
      [
        "empty",
        "/websocket/?token=",
        SUBSCRIPTION_CLOSE_CODES.badToken,
        "token missing: offer aperture-token.<token> as a sub-protocol, or send ?token= or a token cookie",
      ],
      ["wrong", "/websocket/?token=guess", SUBSCRIPTION_CLOSE_CODES.badToken, "token refused"],
      ["another user's (authorize)", "/ws/users/7/?token=user-8", SUBSCRIPTION_CLOSE_CODES.badToken, "token refused"],
      ["any, when nothing is configured", "/ws/nobody/?token=s3cret", SUBSCRIPTION_CLOSE_CODES.badToken, "token refused"],
      ["any, when authorize throws", "/ws/failing/?token=x", SUBSCRIPTION_CLOSE_CODES.authorizeFailed, "the token could not be checked"],
    ])("closes a socket with a %s token with its code", async (_name, path, code, reason) => {
      const client = await connect(path);
      expect(await client.closed).toEqual({ code, reason });
    });

    it.each([
      ["quoted, as awxkit sends it", 'token="s3cret";'],
      ["plain, beside other cookies", "csrftoken=abc; token=s3cret"],
    ])("accepts the token from a cookie, %s, at /websocket without the trailing slash", async (_name, cookie) => {
      const client = await connect("/websocket", cookie);
      expect(await subscribe(client, { jobs: ["status_changed"] })).toMatchObject({ groups_current: ["jobs-status_changed"] });
    });

    it("accepts the token offered as a WebSocket sub-protocol, as Aperture's pages send theirs (no token in the URL), and refuses a wrong one", async () => {
      const client = await openJson(`${base}/websocket/`, undefined, socketProtocols("s3cret"));
      sockets.push(client.socket);
      expect(client.socket.protocol).toBe("aperture");
      expect(await subscribe(client, { jobs: ["status_changed"] })).toMatchObject({ groups_current: ["jobs-status_changed"] });
      const wrong = await openJson(`${base}/websocket/`, undefined, socketProtocols("guess"));
      sockets.push(wrong.socket);
      expect(await wrong.closed).toEqual({ code: SUBSCRIPTION_CLOSE_CODES.badToken, reason: "token refused" });
    });

    it("refuses a wrong token from a cookie", async () => {
      const client = await connect("/websocket/", 'token="guess"');
      expect(await client.closed).toEqual({ code: SUBSCRIPTION_CLOSE_CODES.badToken, reason: "token refused" });
    });

    it("uses close codes 4002 (bad token) and 4011 (check failed), and logs the failure", async () => {
      expect(SUBSCRIPTION_CLOSE_CODES).toEqual({ badToken: 4002, authorizeFailed: 4011 });
      await (
        await connect("/ws/failing/?token=x")
      ).closed;
      expect(server.log.lines.join("\n")).toContain("token database down");
    });

    it("accepts a listed token and an authorized one, with no subscriptions yet", async () => {
      const a = await connect();
      const b = await connect("/ws/users/7/?token=user-7");
      await emitChannelNotification(layer, "jobs-status_changed", { status: "running" });
      expect(await subscribe(a, {})).toEqual({ groups_current: [], groups_left: [], groups_joined: [] });
      expect(await subscribe(b, {})).toEqual({ groups_current: [], groups_left: [], groups_joined: [] });
    });

    it("refuses to build a consumer that could never accept", () => {
      expect(() => subscriptionConsumer({})).toThrow(/needs `tokens` or `authorize`/);
    });
  });

  describe("subscriptions", () => {
    it("joins <group>-<event> groups and replies with current, left and joined", async () => {
      const client = await connect();
      expect(await subscribe(client, { jobs: ["status_changed", "summary"], job_events: [12, 13] })).toEqual({
        groups_current: ["jobs-status_changed", "jobs-summary", "job_events-12", "job_events-13"],
        groups_left: [],
        groups_joined: ["jobs-status_changed", "jobs-summary", "job_events-12", "job_events-13"],
      });
      await emitChannelNotification(layer, "job_events-12", { job: 12, counter: 1 });
      expect(await client.next()).toEqual({ group_name: "job_events", job: 12, counter: 1 });
    });

    it("replaces all subscriptions: messages to a group it left no longer arrive", async () => {
      const client = await connect();
      await subscribe(client, { jobs: ["status_changed"], job_events: [12] });
      expect(await subscribe(client, { jobs: ["status_changed", "summary"] })).toEqual({
        groups_current: ["jobs-status_changed", "jobs-summary"],
        groups_left: ["job_events-12"],
        groups_joined: ["jobs-summary"],
      });
      expect(layer.discarded).toEqual(["job_events-12"]); // left in the layer before the reply, not only filtered
      await emitChannelNotification(layer, "job_events-12", { job: 12, note: "must not arrive" });
      await emitChannelNotification(layer, "jobs-summary", { probe: 1 });
      // Frames arrive in order, so the probe coming first proves the earlier one was never sent.
      expect(await client.next()).toEqual({ group_name: "jobs", probe: 1 });
      expect(await subscribe(client, {})).toEqual({
        groups_current: [],
        groups_left: ["jobs-status_changed", "jobs-summary"],
        groups_joined: [],
      });
    });

    it("drops a notification already queued for a group the socket has since left", async () => {
      const client = await connect();
      await subscribe(client, { jobs: ["summary"] });
      // The replacement waits in its join while a notification for the group it leaves is queued.
      const join = layer.hold("job_events-1");
      client.send({ groups: { job_events: [1] } });
      await join.reached;
      await emitChannelNotification(layer, "jobs-summary", { stale: true });
      join.release();
      expect(await client.next()).toMatchObject({ groups_left: ["jobs-summary"] });
      await emitChannelNotification(layer, "job_events-1", { probe: true });
      expect(await client.next()).toEqual({ group_name: "job_events", probe: true });
    });

    it("delivers emitted notifications only to subscribers of that group", async () => {
      const jobs = await connect();
      const events = await connect();
      const nothing = await connect();
      await subscribe(jobs, { jobs: ["status_changed"] });
      await subscribe(events, { job_events: [12] });
      await emitChannelNotification(layer, "jobs-status_changed", { unified_job_id: 3, status: "failed", group_name: "stale" });
      expect(await jobs.next()).toEqual({ group_name: "jobs", unified_job_id: 3, status: "failed" });
      await emitChannelNotification(layer, "job_events-12", { probe: "events" });
      expect(await events.next()).toEqual({ group_name: "job_events", probe: "events" });
      expect(await subscribe(nothing, {})).toEqual({ groups_current: [], groups_left: [], groups_joined: [] });
    });

    it("checks canSubscribe for each new subscription", async () => {
      const client = await connect("/ws/users/7/?token=user-7");
      expect(await subscribe(client, { control: ["limit_reached_7"] })).toMatchObject({ groups_current: ["control-limit_reached_7"] });
      expect(await subscribe(client, { control: ["limit_reached_7", "limit_reached_8"] })).toEqual({
        type: "error",
        code: "FORBIDDEN_GROUP",
        message: 'not allowed to subscribe to "control-limit_reached_8"',
      });
      await emitChannelNotification(layer, "control-limit_reached_7", { still: "subscribed" });
      expect(await client.next()).toEqual({ group_name: "control", still: "subscribed" });
    });

    it("leaves its groups when the socket closes", async () => {
      const client = await connect();
      await subscribe(client, { jobs: ["status_changed"], job_events: [4] });
      client.socket.close();
      await client.closed;
      // No event tells the test when the server has finished leaving; poll the record of it.
      await expect.poll(() => [...layer.discarded].sort()).toEqual(["job_events-4", "jobs-status_changed"]);
    });

    it("never leaves a group the class itself joined", async () => {
      const client = await connect("/ws/fixed/?token=s3cret");
      await subscribe(client, { jobs: ["status_changed", "summary"] });
      expect(await subscribe(client, {})).toMatchObject({ groups_left: ["jobs-status_changed", "jobs-summary"] });
      expect(layer.discarded).toEqual(["jobs-summary"]);
      await emitChannelNotification(layer, "jobs-status_changed", { fixed: true });
      expect(await client.next()).toEqual({ group_name: "jobs", fixed: true });
    });

    it("undoes a half-done replacement when the layer fails, keeping the old subscriptions", async () => {
      const client = await connect();
      await subscribe(client, { jobs: ["status_changed"] });
      layer.failJoin.add("jobs-boom");
      expect(await subscribe(client, { jobs: ["summary", "boom"] })).toEqual({
        type: "error",
        code: "SUBSCRIBE_FAILED",
        message: "the channel layer failed; subscriptions are unchanged",
      });
      expect(layer.discarded).toEqual(["jobs-summary"]);
      await emitChannelNotification(layer, "jobs-summary", { joined: "wrongly" });
      await emitChannelNotification(layer, "jobs-status_changed", { still: "subscribed" });
      expect(await client.next()).toEqual({ group_name: "jobs", still: "subscribed" });
      expect(server.log.lines.join("\n")).toContain("layer refused jobs-boom");
    });
  });

  describe("bad input: an error reply, nothing changes, the socket stays open", () => {
    const tooMany = { jobs: ["a", "b", "c"], job_events: [1, 2, 3] };
    it.each<[string, unknown, string]>([
      ["not JSON", new Raw("{groups:"), "BAD_MESSAGE"],
      ["a string", "subscribe me", "BAD_SUBSCRIPTION"],
      ["an array", [{ groups: {} }], "BAD_SUBSCRIPTION"],
      ["null", null, "BAD_SUBSCRIPTION"],
      ["no groups", { group: { jobs: ["summary"] } }, "BAD_SUBSCRIPTION"],
      ["groups not an object", { groups: ["jobs-summary"] }, "BAD_SUBSCRIPTION"],
      ["groups a string", { groups: "jobs" }, "BAD_SUBSCRIPTION"],
      ["an event list that is not a list", { groups: { jobs: ["summary"], job_events: 12 } }, "BAD_SUBSCRIPTION"],
      ["an event that is an object", { groups: { jobs: ["summary", { id: 1 }] } }, "BAD_SUBSCRIPTION"],
      ["an event that is a fraction", { groups: { jobs: ["summary"], job_events: [1.5] } }, "BAD_SUBSCRIPTION"],
      ["an event that is negative", { groups: { jobs: ["summary"], job_events: [-1] } }, "BAD_SUBSCRIPTION"],
      ["an empty event", { groups: { jobs: ["summary", ""] } }, "BAD_SUBSCRIPTION"],
      ["a group with a dash", { groups: { jobs: ["summary"], "job-events": [1] } }, "INVALID_GROUP_NAME"],
      ["a group with a space", { groups: { jobs: ["summary"], "job events": [1] } }, "INVALID_GROUP_NAME"],
      ["an event with a '!'", { groups: { jobs: ["summary", "x!y"] } }, "INVALID_GROUP_NAME"],
      ["a non-ASCII event", { groups: { jobs: ["summary", "résumé"] } }, "INVALID_GROUP_NAME"],
      ["a name of 100 characters", { groups: { jobs: ["summary", "e".repeat(95)] } }, "INVALID_GROUP_NAME"],
      ["too many subscriptions", { groups: tooMany }, "TOO_MANY_SUBSCRIPTIONS"],
      ["a huge message", { groups: { jobs: ["summary"] }, padding: "x".repeat(4096) }, "MESSAGE_TOO_LARGE"],
    ])("%s", async (_name, message, code) => {
      const client = await connect("/ws/users/7/?token=user-7"); // limits: 5 subscriptions, 2048 bytes
      await subscribe(client, { jobs: ["status_changed"] });
      client.send(message);
      const reply = (await client.next()) as { type: string; code: string; message: string };
      expect(reply).toMatchObject({ type: "error", code });
      expect(reply.message.length).toBeLessThan(300);
      // The valid part of the bad message ("jobs-summary") was not joined; the old subscription stays.
      await emitChannelNotification(layer, "jobs-summary", { joined: "wrongly" });
      await emitChannelNotification(layer, "jobs-status_changed", { still: "subscribed" });
      expect(await client.next()).toEqual({ group_name: "jobs", still: "subscribed" });
    });

    it("a binary frame", async () => {
      const client = await connect();
      await subscribe(client, { jobs: ["status_changed"] });
      client.socket.send(Buffer.from('{"groups":{}}'));
      expect(await client.next()).toMatchObject({ type: "error", code: "BAD_MESSAGE" });
      await emitChannelNotification(layer, "jobs-status_changed", { still: "subscribed" });
      expect(await client.next()).toEqual({ group_name: "jobs", still: "subscribed" });
    });

    it("duplicates count once toward the limit", async () => {
      const client = await connect("/ws/users/7/?token=user-7");
      const reply = await subscribe(client, { jobs: ["a", "a", "a", "b", "c", "d", "e", "e"] });
      expect(reply).toMatchObject({ groups_current: ["jobs-a", "jobs-b", "jobs-c", "jobs-d", "jobs-e"] });
    });

    it("emitChannelNotification refuses invalid group names and payloads", async () => {
      await expect(emitChannelNotification(layer, "jobs status", {})).rejects.toThrow(/Invalid group name/);
      await expect(emitChannelNotification(layer, "jobs-x", [] as never)).rejects.toThrow(/plain object/);
    });
  });
});
