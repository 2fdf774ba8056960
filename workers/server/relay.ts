// Server processes talking through Redis: a terminal may connect to any
// process, and each drill is owned by one. The process a terminal reached
// (the front) checks its token and its messages, then relays them to the
// owner's channel; the owner answers each relayed terminal on the front's
// channel, which writes to the socket. Plain Redis pub/sub through ioredis
// (well kept, reconnects by itself): the protocol stays the one WebSocket
// protocol of protocol.ts, so terminals do not know which process runs their
// drill. (Socket.IO's Redis adapter would have meant a second wire protocol
// for every terminal, and rooms and broadcasts the server does not use.)
import { Redis } from 'ioredis';

/** What travels between processes. `out` carries a server message for one relayed terminal, as is. */
export type RelayMessage =
  | { op: 'join'; from: string; conn: number; drill: string; seat: string; mode: 'play' | 'watch'; gen: number; have?: string }
  | { op: 'msg'; from: string; conn: number; msg: Record<string, unknown> }
  | { op: 'leave'; from: string; conn: number }
  | { op: 'out'; conn: number; text: string }
  | { op: 'close'; conn: number; code: number; reason: string };

/**
 * Redis keys, under the deployment's namespace (the id every process sharing
 * one store agrees on), so two deployments, or two test runs, sharing a Redis
 * never see each other's processes: `<ns>proc:<id>` is a process's channel,
 * `<ns>peers` a sorted set of live processes (member "processId url", score
 * the time in ms its lease runs out).
 */
const keysFor = (deployment: string) => ({ proc: `drilltwin:${deployment}:proc:`, peers: `drilltwin:${deployment}:peers` });

export interface Peer {
  processId: string;
  /** Where its terminals connect (ws://host:port/ws). */
  wsUrl: string;
}

export class Relay {
  private constructor(
    readonly processId: string,
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly keys: ReturnType<typeof keysFor>,
  ) {}

  /** `deployment`: the id the processes sharing one store agree on (the store's meta `deployment-id`). */
  static async open(url: string, processId: string, deployment: string, onMessage: (m: RelayMessage) => void): Promise<Relay> {
    const keys = keysFor(deployment);
    const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    const sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    pub.on('error', () => undefined);
    sub.on('error', () => undefined);
    await Promise.all([pub.connect(), sub.connect()]);
    await sub.subscribe(keys.proc + processId);
    sub.on('message', (_channel: string, text: string) => {
      // 'out' is framed as "o<conn>\n<text>" so a frame is not escaped into JSON a second time.
      if (text.startsWith('o')) {
        const nl = text.indexOf('\n');
        onMessage({ op: 'out', conn: Number(text.slice(1, nl)), text: text.slice(nl + 1) });
      } else onMessage(JSON.parse(text) as RelayMessage);
    });
    return new Relay(processId, pub, sub, keys);
  }

  private live: Peer[] = [];

  /**
   * This process is alive until now + leaseMs, at wsUrl; refreshes the list
   * of live processes (this one included), which peers() and isAlive() read
   * without a round trip. Called at every heartbeat.
   */
  async announce(wsUrl: string, leaseMs: number): Promise<void> {
    const now = Date.now();
    const me = `${this.processId} ${wsUrl}`;
    const [, , [, members]] = (await this.pub
      .multi()
      .zremrangebyscore(this.keys.peers, '-inf', now)
      .zadd(this.keys.peers, now + leaseMs, me)
      .zrangebyscore(this.keys.peers, now, '+inf')
      .exec()) as [unknown, unknown, [unknown, string[]]];
    this.live = members.map((m) => {
      const sp = m.indexOf(' ');
      return { processId: m.slice(0, sp), wsUrl: m.slice(sp + 1) };
    });
  }

  /** Processes whose lease had not run out at the last announce. */
  peers(): Peer[] {
    return this.live;
  }

  isAlive(processId: string): boolean {
    return this.live.some((p) => p.processId === processId);
  }

  /** Leaves the list at once (a clean shutdown), so terminals do not try this process. */
  async withdraw(wsUrl: string): Promise<void> {
    await this.pub.zrem(this.keys.peers, `${this.processId} ${wsUrl}`).catch(() => undefined);
  }

  send(toProcess: string, m: RelayMessage): void {
    const text = m.op === 'out' ? `o${m.conn}\n${m.text}` : JSON.stringify(m);
    void this.pub.publish(this.keys.proc + toProcess, text).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
