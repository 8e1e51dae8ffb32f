/**
 * Which buffers to move, not copy, between threads: every typed array (or ArrayBuffer) found
 * in a value, down through arrays and plain objects.
 */

const MAX_DEPTH = 8;

/**
 * The ArrayBuffers behind the typed arrays in `value`. A view that covers only part of its
 * buffer is left out (it is copied instead): moving it would detach memory the caller never
 * handed over, such as the rest of Node's shared pool behind a small `Buffer`. Shared
 * buffers are left out too: both threads see them already.
 */
export function collectTransferables(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const visit = (item: unknown, depth: number): void => {
    if (typeof item !== "object" || item === null || depth > MAX_DEPTH || seen.has(item)) return;
    seen.add(item);
    if (item instanceof ArrayBuffer) {
      if (item.byteLength > 0) found.add(item);
      return;
    }
    if (ArrayBuffer.isView(item)) {
      const buffer = item.buffer;
      if (buffer instanceof ArrayBuffer && item.byteOffset === 0 && item.byteLength === buffer.byteLength && buffer.byteLength > 0)
        found.add(buffer);
      return;
    }
    if (Array.isArray(item)) {
      for (const element of item) visit(element, depth + 1);
      return;
    }
    if (Object.getPrototypeOf(item) === Object.prototype || Object.getPrototypeOf(item) === null) {
      for (const element of Object.values(item)) visit(element, depth + 1);
    }
  };
  visit(value, 0);
  return [...found];
}
