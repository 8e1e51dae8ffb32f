/**
 * One session's work, run one item at a time in arrival order: client messages and timer
 * callbacks alike. While an item runs, a newer client patch that replaces the same attributes
 * as a queued one takes its place (latest wins), so fast sliders never build a backlog.
 */
import { supersedes, type ClientMessage } from "../protocol/index.ts";

type PatchMessage = Extract<ClientMessage, { kind: "patch" }>;

export type InboxItem = { kind: "message"; message: ClientMessage } | { kind: "task"; run: () => Promise<void> };

export class Inbox {
  private readonly items: InboxItem[] = [];
  private draining = false;
  private closed = false;

  constructor(
    private readonly process: (item: InboxItem) => Promise<void>,
    private readonly onSuperseded: (message: PatchMessage) => void,
  ) {}

  push(item: InboxItem): void {
    if (this.closed) return;
    if (item.kind === "message" && item.message.kind === "patch") this.dropSuperseded(item.message);
    this.items.push(item);
    if (!this.draining) void this.drain();
  }

  get length(): number {
    return this.items.length;
  }

  close(): void {
    this.closed = true;
    this.items.length = 0;
  }

  private dropSuperseded(next: PatchMessage): void {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const item = this.items[i]!;
      if (item.kind !== "message") continue;
      // The page sent this message (an event, a pull-doc…) after the older patches: handling it
      // must see them applied, so no patch before it may be dropped.
      if (item.message.kind !== "patch") break;
      const queued = item.message;
      if (supersedes(next, queued)) {
        this.items.splice(i, 1);
        this.onSuperseded(queued);
      }
    }
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.items.length > 0 && !this.closed) await this.process(this.items.shift()!);
    } finally {
      this.draining = false;
    }
  }
}
