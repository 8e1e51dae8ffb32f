/** `aperture serve`'s flags for what of the page request reaches `doc.session.request`, against the real CLI. */
import { afterEach, describe, expect, it } from "vitest";
import { startCli, type CliServer } from "../../helpers/start-cli.ts";
import { createSession } from "../../helpers/ws-client.ts";

const PROBE = "test/fixtures/apps/probe.ts";
const REQUEST = { headers: { "x-team": "blue", "x-secret": "hidden", cookie: "theme=dark; sid=abc123" } };

interface Seen {
  headers: Record<string, string>;
  cookies: Record<string, string>;
}

/** Makes a session with REQUEST's headers and returns what its `doc.session.request` got. */
async function seenBy(cli: CliServer): Promise<Seen> {
  await createSession(`${cli.url}/probe`, "", REQUEST);
  return JSON.parse((await cli.waitForLine(/^probe session /)).slice("probe session ".length)) as Seen;
}

describe("aperture serve: the page request", () => {
  let cli: CliServer | undefined;
  afterEach(async () => {
    await cli?.stop();
    cli = undefined;
  });

  it("passes no headers or cookies without a flag", async () => {
    cli = await startCli([PROBE]);
    expect(await seenBy(cli)).toMatchObject({ headers: {}, cookies: {} });
  });

  it("--include-headers and --include-cookies pass only the names listed (the list runs to the next flag)", async () => {
    cli = await startCli(["--include-headers", "X-Team", "user-agent", "--include-cookies", "theme", "--", PROBE]);
    const seen = await seenBy(cli);
    expect(Object.keys(seen.headers).sort()).toEqual(["user-agent", "x-team"]);
    expect(seen.headers["x-team"]).toBe("blue");
    expect(seen.cookies).toEqual({ theme: "dark" });
  });

  it("--exclude-headers and --exclude-cookies pass every name but those listed", async () => {
    cli = await startCli([PROBE, "--exclude-headers", "x-secret", "cookie", "--exclude-cookies", "sid"]);
    const seen = await seenBy(cli);
    expect(seen.headers["x-team"]).toBe("blue");
    expect(seen.headers).not.toHaveProperty("x-secret");
    expect(seen.headers).not.toHaveProperty("cookie");
    expect(seen.cookies).toEqual({ theme: "dark" });
  });
});
