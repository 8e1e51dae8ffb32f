/**
 * What a session may make the server buffer for one socket. A page that stops reading must
 * not make the server hold its frames without bound:
 *
 * - above a quarter of `maxBufferedBytes` unsent, the server stops reading the socket (the
 *   page's requests wait in its own send buffer) until the backlog drains;
 * - snapshots are coalesced: one is in flight per socket at a time, and a request for another
 *   while one is unsent is answered by the next one, built when the first has gone;
 * - a frame that would be queued behind more than `maxBufferedBytes` closes the socket with
 *   4009 (the page reconnects and resumes when it can read again).
 */
import type { WebSocket } from "ws";
import { CLOSE_CODES, encodeFrame, type ServerMessage } from "../protocol/index.ts";

export interface SendQueueStats {
  /** Snapshot requests answered by a snapshot sent for a later one. */
  coalescedSnapshots: number;
  /** Times reading was paused because the socket's backlog was too long. */
  pauses: number;
  /** Reading is paused now. */
  readingPaused: boolean;
}

export class SendQueue {
  readonly stats: SendQueueStats = { coalescedSnapshots: 0, pauses: 0, readingPaused: false };
  private snapshotInFlight = false;
  /** The latest snapshot asked for while one was in flight, and every request it answers. */
  private pending: { build: () => ServerMessage; answers: Array<() => void> } | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly maxBufferedBytes: number,
    private readonly onSlow: (bufferedBytes: number) => void,
    /** Runs a deferred snapshot between the session's turns (never while one holds changes back). */
    private readonly later: (fn: () => void) => void,
  ) {}

  send(message: ServerMessage, sent?: () => void): void {
    const socket = this.socket;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > this.maxBufferedBytes) return this.closeSlow();
    socket.send(encodeFrame(message), () => {
      sent?.();
      this.resumeWhenDrained();
    });
    this.pauseWhenBacklogged();
  }

  /** Sends `build()` now, or (while another snapshot is unsent) once that one has gone; then `answer`. */
  snapshot(build: () => ServerMessage, answer: () => void = () => {}): void {
    if (this.snapshotInFlight) {
      if (this.pending) this.stats.coalescedSnapshots++;
      this.pending = { build, answers: [...(this.pending?.answers ?? []), answer] };
      return;
    }
    this.snapshotInFlight = true;
    this.send(build(), () => this.snapshotSent());
    answer();
  }

  private snapshotSent(): void {
    if (!this.pending) return void (this.snapshotInFlight = false);
    // Requests arriving until the deferred snapshot is built are answered by it too.
    this.later(() => {
      const { build, answers } = this.pending!;
      this.pending = undefined;
      this.snapshotInFlight = false;
      this.snapshot(build, () => {
        for (const answer of answers) answer();
      });
    });
  }

  private pauseWhenBacklogged(): void {
    if (this.stats.readingPaused || this.socket.bufferedAmount <= this.maxBufferedBytes / 4) return;
    this.stats.readingPaused = true;
    this.stats.pauses++;
    this.socket.pause();
  }

  private resumeWhenDrained(): void {
    if (!this.stats.readingPaused || this.socket.bufferedAmount > this.maxBufferedBytes / 4) return;
    this.stats.readingPaused = false;
    this.socket.resume();
  }

  private closeSlow(): void {
    this.onSlow(this.socket.bufferedAmount);
    // The close frame waits behind the backlog; ws cuts the connection if no answer comes in 30 s.
    this.socket.close(CLOSE_CODES.slowClient, "client too slow");
  }
}
