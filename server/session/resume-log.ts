/**
 * The patches a session sent, kept so a page that reconnects gets only what it missed. Bounded
 * by entries and by bytes (a patch replacing whole columns weighs what its columns weigh): the
 * oldest go first, and a resume that reaches past the oldest kept gets a fresh snapshot.
 */
import type { DocOp } from "../protocol/index.ts";
import type { FlushedPatch } from "../document/document.ts";

export interface ResumeLogOptions {
  maxEntries: number;
  maxBytes: number;
}

interface Entry {
  patch: FlushedPatch;
  bytes: number;
}

/** What a value holds in memory, roughly: buffers by their length, the rest by its JSON. */
export function estimateBytes(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value === "string") return 16 + value.length;
  if (Array.isArray(value)) {
    let bytes = 16;
    for (const item of value) bytes += estimateBytes(item);
    return bytes;
  }
  if (typeof value === "object" && value !== null) {
    let bytes = 16;
    for (const key in value) bytes += key.length + estimateBytes((value as Record<string, unknown>)[key]);
    return bytes;
  }
  return 8;
}

function opBytes(op: DocOp): number {
  return 32 + op.path.length + ("value" in op ? estimateBytes(op.value) : 0);
}

export class ResumeLog {
  private readonly entries: Entry[] = [];
  private totalBytes = 0;

  constructor(private readonly options: ResumeLogOptions) {}

  push(patch: FlushedPatch): void {
    let bytes = 0;
    for (const op of patch.ops) bytes += opBytes(op);
    this.entries.push({ patch, bytes });
    this.totalBytes += bytes;
    while (this.entries.length > this.options.maxEntries || (this.totalBytes > this.options.maxBytes && this.entries.length > 0)) {
      this.totalBytes -= this.entries.shift()!.bytes;
    }
  }

  get size(): number {
    return this.entries.length;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** Every patch kept, oldest first. */
  *patches(): IterableIterator<FlushedPatch> {
    for (const entry of this.entries) yield entry.patch;
  }

  /** The seq of the oldest patch kept, or undefined when none is. */
  get oldestSeq(): number | undefined {
    return this.entries[0]?.patch.seq;
  }

  /**
   * The patches after `seq`, when the log holds every one of them (`currentSeq` is the
   * document's); undefined when the page needs a snapshot instead.
   */
  since(seq: number, currentSeq: number): FlushedPatch[] | undefined {
    if (seq > currentSeq || seq < 0) return undefined;
    if (seq === currentSeq) return [];
    const oldest = this.oldestSeq;
    if (oldest === undefined || oldest > seq + 1) return undefined;
    const missed: FlushedPatch[] = [];
    for (const patch of this.patches()) if (patch.seq > seq) missed.push(patch);
    return missed;
  }
}
