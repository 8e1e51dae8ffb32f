/**
 * A TCP proxy that misbehaves on command, for resume tests: it forwards each connection to
 * the upstream port and can cut links, hold their bytes (a stall, released later in order,
 * possibly after the client has reconnected), or delay every chunk. It never drops bytes
 * from a link that stays up, as TCP never does; a link whose bytes are lost is cut.
 */
import { createServer, connect, type Server, type Socket } from "node:net";

/** One direction of a link. */
class Pipe {
  private held: Buffer[] | undefined;
  private delayMs = 0;
  /** Delayed chunks leave in order: each waits for the one before it, and so does any chunk sent while they wait. */
  private last: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly to: Socket) {}

  forward(chunk: Buffer): void {
    if (this.held) return void this.held.push(chunk);
    if (this.delayMs === 0 && this.waiting === 0) return void this.to.write(chunk);
    const delay = this.delayMs;
    this.waiting++;
    this.last = this.last
      .then(() => new Promise((resolve) => setTimeout(resolve, delay)))
      .then(() => {
        this.waiting--;
        this.to.write(chunk);
      });
  }

  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const chunk of held) this.forward(chunk);
  }

  delay(ms: number): void {
    this.delayMs = ms;
  }
}

export class Link {
  readonly up: Pipe;
  readonly down: Pipe;
  closed = false;

  constructor(
    readonly client: Socket,
    readonly upstream: Socket,
  ) {
    this.up = new Pipe(upstream);
    this.down = new Pipe(client);
    client.on("data", (chunk: Buffer) => this.up.forward(chunk));
    upstream.on("data", (chunk: Buffer) => this.down.forward(chunk));
    const end = () => this.cut();
    for (const socket of [client, upstream]) socket.on("close", end).on("error", end);
  }

  /** Stops carrying bytes both ways; `release` delivers them later, in order. */
  stall(): void {
    this.up.hold();
    this.down.hold();
  }

  release(): void {
    this.up.release();
    this.down.release();
  }

  delay(ms: number): void {
    this.up.delay(ms);
    this.down.delay(ms);
  }

  /** Both ends see the connection reset; bytes held are lost. */
  cut(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.destroy();
    this.upstream.destroy();
  }
}

export interface FaultProxy {
  port: number;
  /** Links still open, oldest first. */
  readonly links: Link[];
  /** Every link ever made. */
  readonly made: number;
  close(): Promise<void>;
}

export async function startFaultProxy(upstreamPort: number): Promise<FaultProxy> {
  const links: Link[] = [];
  let made = 0;
  const server: Server = createServer((client) => {
    made++;
    const upstream = connect(upstreamPort, "127.0.0.1");
    const link = new Link(client, upstream);
    links.push(link);
    const forget = () => links.splice(links.indexOf(link), 1);
    client.once("close", () => links.includes(link) && forget());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    links,
    get made() {
      return made;
    },
    async close() {
      for (const link of [...links]) link.cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
