/**
 * Who a job belongs to, for fair turns and `list`: always something the server knows (the
 * user `authorize` returned, the session, the client's address), never a value a client
 * sends. The type says so: `SubmitOptions.owner` takes only what `jobOwner` returns.
 */
import { createHash } from "node:crypto";
import type { SessionContext } from "../document/session-context.ts";

declare const OWNER: unique symbol;
/** A job owner the server chose (made by `jobOwner`). */
export type JobOwner = string & { readonly [OWNER]: true };

/** Where an owner comes from: a session (its user, else itself), a user, or an address. */
export type OwnerSource = SessionContext | { user: unknown } | { address: string };

/** The fields of a user object that name it, in the order they are looked for. */
const USER_FIELDS = ["id", "username", "name", "email", "sub"] as const;

function userName(user: unknown): string | undefined {
  if (typeof user === "string" || typeof user === "number") return String(user);
  if (typeof user !== "object" || user === null) return undefined;
  for (const field of USER_FIELDS) {
    const value = (user as Record<string, unknown>)[field];
    if (typeof value === "string" || typeof value === "number") return String(value);
  }
  return undefined;
}

/** Owners are kept in Redis keys and shown to pages: a digest, not the user's id or the session's. */
function owner(kind: string, name: string): JobOwner {
  return `${kind}-${createHash("sha256").update(name).digest("hex").slice(0, 32)}` as JobOwner;
}

/**
 * The owner of the jobs a page, user or client submits. From a session: the user its page
 * request was authorized as (so a user's pages and reloads share their jobs), else the session
 * itself. Fairness is then bought only with sessions, which are bounded per address.
 *
 * @example
 * await queue.submit("spectrum", { size }, { owner: jobOwner(doc.session) });
 * const mine = await queue.list(jobOwner(doc.session));
 */
export function jobOwner(source: OwnerSource): JobOwner {
  if ("address" in source) return owner("address", source.address);
  const user = "request" in source ? source.request.user : source.user;
  const name = userName(user);
  if (name !== undefined) return owner("user", name);
  if (!("request" in source))
    throw new TypeError(`a job owner's user needs one of ${USER_FIELDS.join(", ")} (a string or number), or to be one`);
  return owner("session", source.id);
}
