import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/*
 * Wire format of the Redis layer. Every list item is "<expires ms>\n<targets>\n<json>":
 * - in a plain channel's list (`<prefix>:channel:<name>`) targets is empty;
 * - in a layer instance's inbox (`<prefix>:inbox:<id>`) targets are the full names of that
 *   instance's specific channels, space-separated: one item carries one group message to
 *   every member in that process, which fans it out in memory.
 * Names cannot contain spaces or newlines and JSON.stringify escapes newlines, so splitting
 * is safe. WAKE, pushed to an inbox's head, only makes the reader re-read its key list.
 */
export const WAKE = "wake";

export interface Item {
  expiresAt: number;
  targets: string[];
  payload: string;
}

export function encodeItem(expiresAt: number, targets: string, payload: string): string {
  return `${expiresAt}\n${targets}\n${payload}`;
}

export function decodeItem(item: string): Item | undefined {
  const first = item.indexOf("\n");
  const second = item.indexOf("\n", first + 1);
  const expiresAt = Number(item.slice(0, first));
  if (first <= 0 || second < 0 || !Number.isFinite(expiresAt)) return undefined;
  const targets = item.slice(first + 1, second);
  return { expiresAt, targets: targets === "" ? [] : targets.split(" "), payload: item.slice(second + 1) };
}

/** Key names of one layer prefix, shared by every process using that prefix. */
export function redisKeys(prefix: string) {
  return {
    inbox: (owner: string): string => `${prefix}:inbox:${owner}`,
    channel: (channel: string): string => `${prefix}:channel:${channel}`,
    group: (group: string): string => `${prefix}:group:${group}`,
    marker: (owner: string): string => `${prefix}:layer:${owner}`,
    /** Every key of this prefix, for `flush()`. */
    all: `${prefix}:*`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

/** Key TTL in seconds: it only collects abandoned keys; the stamps inside decide expiry. */
export function keyTtl(ms: number): number {
  return Math.ceil(ms / 1000) + 60;
}

/** FNV-1a: a stable shard index for a name, the same in every process. */
export function shardOf(name: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % shards;
}

// Shared Lua: push onto a capped list after dropping its expired head items, counting the
// copies they held. Returns pushed (0/1) and expired copies.
const PUSH_CAPPED = `
local function copies(item)
  local targets = string.match(item, '^%d+\\n([^\\n]*)\\n')
  if not targets or targets == '' then return 1 end
  local _, spaces = string.gsub(targets, ' ', '')
  return spaces + 1
end
local function pushCapped(key, item, capacity, now, ttl)
  local expired = 0
  while true do
    local head = redis.call('LINDEX', key, 0)
    local stamp = head and string.match(head, '^(%d+)\\n')
    if not stamp or tonumber(stamp) > now then break end
    redis.call('LPOP', key)
    expired = expired + copies(head)
  end
  if redis.call('LLEN', key) >= capacity then return 0, expired end
  redis.call('RPUSH', key, item)
  redis.call('EXPIRE', key, ttl)
  return 1, expired
end
`;

/** KEYS[1] list; ARGV now, capacity, ttl, item → { pushed, expired }. */
const SEND = `${PUSH_CAPPED}
local pushed, expired = pushCapped(KEYS[1], ARGV[4], tonumber(ARGV[2]), tonumber(ARGV[1]), ARGV[3])
return { pushed, expired }
`;

/**
 * KEYS[1] the group's sorted set (member → stamp). ARGV: now, cutoff, expires, payload,
 * channel key prefix, inbox key prefix, capacity, inbox capacity, ttl, the sender's layer
 * id, then glob/capacity pairs. Prunes expired members, then pushes ONE item per other
 * owning layer instance (all its members as targets) and one per plain channel; the
 * sender's own members are returned, for it to deliver at once against their capacity
 * (as the in-memory layer does) → { expired members, dropped copies, expired copies,
 * own member… }. Keys other than KEYS[1] are computed here, so this needs a plain
 * (non-cluster) Redis: each shard of `hosts` is a separate server.
 */
const GROUP_SEND = `${PUSH_CAPPED}
local now, capacity, inboxCapacity, self = tonumber(ARGV[1]), tonumber(ARGV[7]), tonumber(ARGV[8]), ARGV[10]
local function capacityOf(name)
  for i = 11, #ARGV, 2 do
    if string.match(name, ARGV[i]) then return tonumber(ARGV[i + 1]) end
  end
  return capacity
end
local removed = redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
local owners, order, mine, dropped, expired = {}, {}, {}, 0, 0
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local head = string.match(member, '^([^!]*)!')
  local owner = head and string.match(head, '([^.]*)$')
  if owner == self then
    mine[#mine + 1] = member
  elseif owner then
    if not owners[owner] then owners[owner] = {}; order[#order + 1] = owner end
    table.insert(owners[owner], member)
  else
    local item = ARGV[3] .. '\\n\\n' .. ARGV[4]
    local pushed, stale = pushCapped(ARGV[5] .. member, item, capacityOf(member), now, ARGV[9])
    dropped = dropped + 1 - pushed
    expired = expired + stale
  end
end
for _, owner in ipairs(order) do
  local targets = owners[owner]
  local item = ARGV[3] .. '\\n' .. table.concat(targets, ' ') .. '\\n' .. ARGV[4]
  local pushed, stale = pushCapped(ARGV[6] .. owner, item, inboxCapacity, now, ARGV[9])
  if pushed == 0 then dropped = dropped + #targets end
  expired = expired + stale
end
if #order > 0 or #mine > 0 then redis.call('EXPIRE', KEYS[1], ARGV[9]) end
local reply = { removed, dropped, expired }
for _, member in ipairs(mine) do reply[#reply + 1] = member end
return reply
`;

/**
 * KEYS[1] a layer's marker. ARGV: ttl, then (group key, stamp, member) triples. If the
 * marker is missing (the server lost this layer's state), sets it and adds the memberships
 * → { memberships restored }; otherwise changes nothing → { 0 }.
 */
const RESTORE = `
if not redis.call('SET', KEYS[1], '1', 'EX', ARGV[1], 'NX') then return { -1 } end
local restored = 0
for i = 2, #ARGV, 3 do
  redis.call('ZADD', ARGV[i], ARGV[i + 1], ARGV[i + 2])
  redis.call('EXPIRE', ARGV[i], ARGV[1])
  restored = restored + 1
end
return { restored }
`;

/**
 * ARGV: ttl, then (op, group key, member, stamp) quadruples, op "add" or "discard", applied
 * in order → { writes }. Group keys are ARGV, not KEYS, as in GROUP_SEND (plain Redis only).
 */
const MEMBERSHIPS = `
for i = 2, #ARGV, 4 do
  if ARGV[i] == 'add' then
    redis.call('ZADD', ARGV[i + 1], ARGV[i + 3], ARGV[i + 2])
    redis.call('EXPIRE', ARGV[i + 1], ARGV[1])
  else
    redis.call('ZREM', ARGV[i + 1], ARGV[i + 2])
  end
end
return { (#ARGV - 1) / 4 }
`;

/** A glob (`*`, `?`) as an anchored Lua pattern, for capacities checked inside Redis. */
export function globToLuaPattern(glob: string): string {
  const escaped = glob
    .replace(/[%^$().[\]+-]/g, "%$&")
    .replaceAll("*", ".*")
    .replaceAll("?", ".");
  return `^${escaped}$`;
}

export interface Script {
  lua: string;
  sha: string;
}

function script(lua: string): Script {
  return { lua, sha: createHash("sha1").update(lua).digest("hex") };
}

export const SCRIPTS = {
  send: script(SEND),
  groupSend: script(GROUP_SEND),
  restore: script(RESTORE),
  memberships: script(MEMBERSHIPS),
} as const;

/** EVALSHA, falling back to EVAL when the server lost its script cache (a restart). */
export async function runScript(
  client: Redis,
  { lua, sha }: Script,
  keys: string[],
  args: Array<string | number>,
): Promise<Array<number | string>> {
  let reply: unknown;
  try {
    reply = await client.evalsha(sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith("NOSCRIPT"))) throw error;
    reply = await client.eval(lua, keys.length, ...keys, ...args);
  }
  if (!Array.isArray(reply) || !reply.every((value) => typeof value === "number" || typeof value === "string")) {
    throw new Error(`Unexpected reply from a channel layer script: ${JSON.stringify(reply)}`);
  }
  return reply;
}

/** The first `count` entries of a script's reply as numbers (the counters every script returns first). */
export function countsOf(reply: Array<number | string>, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Number(reply[i] ?? 0));
}
