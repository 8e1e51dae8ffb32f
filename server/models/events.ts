/**
 * Event payloads come from the page, so they are untrusted: each event a model declares gets
 * a decoder, and callbacks only ever see a decoded payload. A payload the decoder refuses
 * throws before any callback runs, so the page gets an error and nothing changes.
 */
import { SyncError, isPlainObject } from "../protocol/index.ts";

/** A payload the page sent that the event's decoder refuses: answered EVENT_BAD_PAYLOAD, nothing runs. */
export class EventPayloadError extends SyncError {
  constructor(message: string) {
    super("EVENT_BAD_PAYLOAD", message);
    this.name = "EventPayloadError";
  }
}

/** Turns the raw payload into what callbacks see, or throws `EventPayloadError`. */
export type PayloadDecoder<T> = (payload: unknown) => T;

/** Wraps `callback` so that it runs only with a payload `decode` accepted. */
export function decoded<T>(event: string, decode: PayloadDecoder<T>, callback: (payload: T) => void | Promise<void>) {
  return (payload: unknown): void | Promise<void> => {
    let value: T;
    try {
      value = decode(payload);
    } catch (error) {
      if (error instanceof EventPayloadError) throw new EventPayloadError(`refused "${event}" payload: ${error.message}`);
      throw error;
    }
    return callback(value);
  };
}

/** A payload object with exactly these keys (no extras, no prototype tricks). */
export function payloadObject<K extends string>(payload: unknown, keys: readonly K[]): Record<K, unknown> {
  if (!isPlainObject(payload)) throw new EventPayloadError("expected an object");
  const extra = Object.keys(payload).filter((key) => !(keys as readonly string[]).includes(key));
  if (extra.length > 0) throw new EventPayloadError(`unexpected field "${extra[0]!.slice(0, 40)}"`);
  const missing = keys.find((key) => !Object.hasOwn(payload, key));
  if (missing !== undefined) throw new EventPayloadError(`missing field "${missing}"`);
  return payload;
}
