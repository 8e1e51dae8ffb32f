import { describe, expect, it } from "vitest";
import { createToken, newSessionId, verifyToken, type TokenClaims } from "../../../../server/session/tokens.ts";

const SECRET = "test-secret-0123456789";
const NOW = 1_700_000_000_000;

function makeClaims(overrides: Partial<TokenClaims> = {}): TokenClaims {
  return { sessionId: "AbC-123_xyz", app: "sliders", expiresAt: NOW + 60_000, ...overrides };
}

/** Replaces part `index` (0 id, 1 expiry, 2 signature) of a token. */
function withPart(token: string, index: number, change: (part: string) => string): string {
  const parts = token.split(".");
  parts[index] = change(parts[index]!);
  return parts.join(".");
}

const flipLast = (part: string) => part.slice(0, -1) + (part.endsWith("A") ? "B" : "A");

describe("tokens", () => {
  describe("#newSessionId", () => {
    it("makes distinct 24-character base64url ids that tokens accept", () => {
      const ids = new Set(Array.from({ length: 50 }, () => newSessionId()));
      expect(ids.size).toBe(50);
      for (const id of ids) {
        expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
        const token = createToken(SECRET, makeClaims({ sessionId: id }));
        expect(verifyToken(SECRET, "sliders", token, NOW)).toMatchObject({ ok: true, sessionId: id });
      }
    });
  });

  describe("#verifyToken", () => {
    it("accepts the token it created and returns its session id", () => {
      const token = createToken(SECRET, makeClaims());
      expect(verifyToken(SECRET, "sliders", token, NOW)).toEqual({ ok: true, sessionId: "AbC-123_xyz", expiresAt: makeClaims().expiresAt });
    });

    it("accepts a token until its expiry instant, and refuses it from then on", () => {
      const token = createToken(SECRET, makeClaims({ expiresAt: NOW }));
      expect(verifyToken(SECRET, "sliders", token, NOW - 1).ok).toBe(true);
      expect(verifyToken(SECRET, "sliders", token, NOW)).toEqual({ ok: false, reason: "token expired" });
    });

    it("refuses an expired token", () => {
      const token = createToken(SECRET, makeClaims({ expiresAt: NOW }));
      expect(verifyToken(SECRET, "sliders", token, NOW + 1)).toEqual({ ok: false, reason: "token expired" });
    });

    it("uses the current time by default", () => {
      const expired = createToken(SECRET, makeClaims({ expiresAt: Date.now() - 1000 }));
      const fresh = createToken(SECRET, makeClaims({ expiresAt: Date.now() + 60_000 }));
      expect(verifyToken(SECRET, "sliders", expired).ok).toBe(false);
      expect(verifyToken(SECRET, "sliders", fresh).ok).toBe(true);
    });

    it.each<[string, (token: string) => [secret: string, app: string, token: string]]>([
      ["for another app", (t) => [SECRET, "other", t]],
      ["for an app whose name extends this one", (t) => [SECRET, "sliders2", t]],
      ["signed with another secret", (t) => ["another-secret", "sliders", t]],
      ["with a changed session id", (t) => [SECRET, "sliders", withPart(t, 0, () => "AbC-123_xyZ")]],
      ["with another session's id", (t) => [SECRET, "sliders", withPart(t, 0, () => newSessionId())]],
      ["with a later expiry", (t) => [SECRET, "sliders", withPart(t, 1, (e) => String(Number(e) + 1))]],
      ["with an earlier expiry", (t) => [SECRET, "sliders", withPart(t, 1, (e) => String(Number(e) - 86_400_000))]],
      ["with a changed signature character", (t) => [SECRET, "sliders", withPart(t, 2, flipLast)]],
      ["with a truncated signature", (t) => [SECRET, "sliders", withPart(t, 2, (s) => s.slice(0, -1))]],
      ["with an extended signature", (t) => [SECRET, "sliders", withPart(t, 2, (s) => s + "A")]],
      ["with an empty signature", (t) => [SECRET, "sliders", withPart(t, 2, () => "")]],
      [
        "with a signature in standard base64",
        (t) => [SECRET, "sliders", withPart(t, 2, (s) => Buffer.from(s, "base64url").toString("base64"))],
      ],
    ])("refuses a token %s as a bad signature", (_name, tamper) => {
      const [secret, app, token] = tamper(createToken(SECRET, makeClaims()));
      expect(verifyToken(secret, app, token, NOW)).toEqual({ ok: false, reason: "bad token signature" });
    });

    it.each([
      ["an empty token", ""],
      ["a token without dots", "abc"],
      ["a token with two parts", "abc.123"],
      ["a token with four parts", "abc.123.sig.extra"],
      ["an empty session id", ".1700000060000.sig"],
      ["a session id with a slash", "a/b.1700000060000.sig"],
      ["a session id with a space", "a b.1700000060000.sig"],
      ["an overlong session id", `${"a".repeat(65)}.1700000060000.sig`],
      ["an empty expiry", "abc..sig"],
      ["a negative expiry", "abc.-1.sig"],
      ["a fractional expiry", "abc.1700000060000.5.sig"],
      ["an expiry in exponent notation", "abc.1e20.sig"],
      ["a hexadecimal expiry", "abc.0x1F.sig"],
      ["an overlong expiry", `abc.${"9".repeat(17)}.sig`],
    ])("refuses %s as malformed", (_name, token) => {
      const check = verifyToken(SECRET, "sliders", token, NOW);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.reason).toMatch(/malformed|signature/);
    });

    it.each([
      ["three parts but a bad id", "a b.1.c", "malformed token"],
      ["three parts but a bad expiry", "abc.x.c", "malformed token"],
      ["two parts", "abc.1", "malformed token"],
    ])("names the reason for %s", (_name, token, reason) => {
      expect(verifyToken(SECRET, "sliders", token, NOW)).toEqual({ ok: false, reason });
    });

    it("refuses a forged token made without the secret", () => {
      const forged = `${newSessionId()}.${NOW + 60_000}.${Buffer.alloc(32).toString("base64url")}`;
      expect(verifyToken(SECRET, "sliders", forged, NOW)).toEqual({ ok: false, reason: "bad token signature" });
    });

    it("checks the signature before the expiry, so a tampered token never reads as merely expired", () => {
      const token = withPart(createToken(SECRET, makeClaims({ expiresAt: NOW - 1 })), 2, flipLast);
      expect(verifyToken(SECRET, "sliders", token, NOW)).toEqual({ ok: false, reason: "bad token signature" });
    });
  });
});
