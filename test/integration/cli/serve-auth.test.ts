/**
 * `aperture serve`'s sign-in and HTTPS flags against the real CLI: `--auth-module` with
 * `--cookie-secret` (a signed cookie says who the user is), `--ssl-certfile`/`--ssl-keyfile`
 * with a self-signed certificate Debian's `openssl` makes for the test.
 */
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runCli, startCli, type CliServer } from "../../helpers/start-cli.ts";
import { createSession } from "../../helpers/ws-client.ts";

const PROBE = "test/fixtures/apps/probe.ts";
const SECRET = "cookie-secret-for-the-test";
const LOGIN = "https://login.example.com/signin";
const dir = mkdtempSync(join(tmpdir(), "aperture-serve-auth-"));

const AUTH_MODULE = `
export function getUser(request) {
  return request.signedCookies?.user || null;
}
export const loginUrl = ${JSON.stringify(LOGIN)};
`;

/** A cookie as Express's `response.cookie(name, value, { signed: true })` writes it with `secret`. */
function signedCookie(name: string, value: string, secret: string): string {
  const signature = createHmac("sha256", secret).update(value).digest("base64").replace(/=+$/, "");
  return `${name}=${encodeURIComponent(`s:${value}.${signature}`)}`;
}

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    }).on("error", reject);
  });
}

describe("aperture serve: sign-in and HTTPS", () => {
  let cli: CliServer | undefined;
  afterEach(async () => {
    await cli?.stop();
    cli = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("--auth-module redirects a page request nobody signed in for to its loginUrl, with ?next=", async () => {
    const auth = join(dir, "auth.mjs");
    writeFileSync(auth, AUTH_MODULE);
    cli = await startCli([PROBE, "--auth-module", auth, "--cookie-secret", SECRET]);
    for (const path of ["/probe?x=1", "/"]) {
      const response = await fetch(`${cli.url}${path}`, { redirect: "manual" });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`${LOGIN}?next=${encodeURIComponent(path)}`);
    }
  });

  it("--cookie-secret lets the auth module trust a signed cookie, and not a forged one", async () => {
    const auth = join(dir, "auth.mjs");
    writeFileSync(auth, AUTH_MODULE);
    cli = await startCli([PROBE, "--auth-module", auth, "--cookie-secret", SECRET]);
    const signed = await fetch(`${cli.url}/probe`, { headers: { cookie: signedCookie("user", "ada", SECRET) }, redirect: "manual" });
    expect(signed.status).toBe(200);
    await createSession(`${cli.url}/probe`, "", { headers: { cookie: signedCookie("user", "ada", SECRET) } });
    expect(await cli.waitForLine(/^probe session /)).toContain('"user":"ada"');
    const forged = await fetch(`${cli.url}/probe`, { headers: { cookie: signedCookie("user", "ada", "another") }, redirect: "manual" });
    expect(forged.status).toBe(302);
  });

  it("refuses an auth module without getUser or loginUrl, saying what it lacks", async () => {
    const bad = join(dir, "bad-auth.mjs");
    writeFileSync(bad, "export const loginUrl = '/login';\n");
    const { code, output } = await runCli([PROBE, "--auth-module", bad, "--port", "0"]);
    expect(code).toBe(1);
    expect(output).toContain(`auth module ${bad} must export getUser(request)`);
  });

  it("--ssl-certfile and --ssl-keyfile serve the pages over HTTPS, and the page's socket URL is wss", async () => {
    const cert = join(dir, "cert.pem");
    const key = join(dir, "key.pem");
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1"].concat([
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
      ]),
      { stdio: "ignore" },
    );
    cli = await startCli([PROBE, "--ssl-certfile", cert, "--ssl-keyfile", key]);
    expect(cli.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(cert);
    expect((await httpsGet(`${cli.url}/probe`, ca)).status).toBe(200);
    const autoload = await httpsGet(`${cli.url}/probe/autoload.js`, ca);
    expect(autoload.body).toMatch(/"wsUrl":"wss:\/\/127\.0\.0\.1:\d+\/probe\/ws"/);
  });
});
