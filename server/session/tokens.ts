/**
 * Session tokens: `<session id>.<expiry ms>.<HMAC-SHA256 of app, id and expiry>`, base64url.
 * A token names one session of one app; a socket may attach only to the session its token names.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export interface TokenClaims {
  sessionId: string;
  app: string;
  expiresAt: number;
}

/** 144 random bits: unguessable, and short enough for a URL. `prefix` marks the worker process. */
export function newSessionId(prefix = ""): string {
  return prefix + randomBytes(18).toString("base64url");
}

function sign(secret: string, app: string, sessionId: string, expiresAt: number): string {
  return createHmac("sha256", secret).update(`${app}\n${sessionId}\n${expiresAt}`).digest("base64url");
}

export function createToken(secret: string, claims: TokenClaims): string {
  return `${claims.sessionId}.${claims.expiresAt}.${sign(secret, claims.app, claims.sessionId, claims.expiresAt)}`;
}

export type TokenCheck = { ok: true; sessionId: string; expiresAt: number } | { ok: false; reason: string };

export function verifyToken(secret: string, app: string, token: string, now = Date.now()): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed token" };
  const [sessionId, expiry, signature] = parts as [string, string, string];
  const expiresAt = Number(expiry);
  if (!/^[\w-]{1,64}$/.test(sessionId) || !/^\d{1,16}$/.test(expiry)) return { ok: false, reason: "malformed token" };
  const expected = Buffer.from(sign(secret, app, sessionId, expiresAt));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad token signature" };
  if (expiresAt <= now) return { ok: false, reason: "token expired" };
  return { ok: true, sessionId, expiresAt };
}
