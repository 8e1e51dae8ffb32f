/**
 * The dam inventory of the seed. Every process keeps its copy by listening to the same group
 * the pages listen to, so an item added through any process reaches every store (items added
 * before a process started are not replayed to it: a database would be the next step).
 */
import { getChannelLayer, type ChannelLayer, type ChannelMessage } from "aperture";

export interface Item {
  id: string;
  name: string;
  height: number;
  addedAt: number;
}

export const GROUP = "notifications";

export function isItemAdded(message: ChannelMessage): message is ChannelMessage & { item: Item; origin: string } {
  return message.type === "item.added" && typeof message.item === "object" && message.item !== null;
}

// One store per layer (a test process may run several servers, each with its own layer).
const stores = new WeakMap<ChannelLayer, Promise<Item[]>>();

async function startStore(layer: ChannelLayer): Promise<Item[]> {
  const items: Item[] = [];
  const channel = await layer.newChannel("inventory");
  await layer.groupAdd(GROUP, channel);
  void (async () => {
    for (;;) {
      const message = await layer.receive(channel).catch(() => undefined);
      if (!message) return; // the layer closed
      if (isItemAdded(message)) items.push(message.item);
    }
  })();
  return items;
}

/** The items this process knows; the first call for a layer starts its listener. */
export function inventory(layer: ChannelLayer = getChannelLayer()): Promise<readonly Item[]> {
  if (!stores.has(layer)) stores.set(layer, startStore(layer));
  return stores.get(layer)!;
}

/** Checks a posted item; returns the reason it is refused, or the clean item. */
export function parseItem(body: unknown): { ok: true; name: string; height: number } | { ok: false; message: string } {
  if (typeof body !== "object" || body === null) return { ok: false, message: "send a JSON object { name, height }" };
  const { name, height } = body as Record<string, unknown>;
  if (typeof name !== "string" || name.trim() === "" || name.length > 80) return { ok: false, message: "name must be 1–80 characters" };
  const meters = typeof height === "string" ? Number(height) : height;
  if (typeof meters !== "number" || !Number.isFinite(meters) || meters <= 0 || meters > 400)
    return { ok: false, message: "height must be a number of meters, 0–400" };
  return { ok: true, name: name.trim(), height: meters };
}
