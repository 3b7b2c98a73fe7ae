import pg from 'pg';
import { REALTIME_CHANNEL } from './notifications.service.ts';

/**
 * Called with the user who has news: `resync` after a reconnect, when notices may have been
 * missed; `closing` when the process shuts down and the stream should end (the browser
 * reconnects, to another process behind a load balancer).
 */
type Listener = (userId: number, reason: 'notification' | 'resync' | 'closing') => void;

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

/**
 * Live in-app updates across server processes: every process LISTENs on one
 * PostgreSQL channel and tells its own open streams when their user has news.
 *
 * The LISTEN connection is its own client (not a pool slot) and survives the
 * database going away: an error or end schedules a reconnect with growing
 * delays, and once listening again every open stream is told to resync, since
 * notices sent while nobody listened were not heard.
 */
export class RealtimeHub {
  private client: pg.Client | null = null;
  private readonly listeners = new Map<number, Set<Listener>>();
  private readonly config: pg.ClientConfig;
  private readonly log: (message: string) => void;
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = FIRST_RETRY_MS;
  private stopped = false;
  private connectedOnce = false;

  constructor(pool: pg.Pool, log: (message: string) => void = () => {}) {
    this.config = pool.options as pg.ClientConfig;
    this.log = log;
  }

  /** Whether the LISTEN connection is up (for readiness and metrics). */
  get listening(): boolean {
    return this.client !== null;
  }

  /** Open streams in this process. */
  get streams(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** Connects on first use, so processes nobody streams from hold no extra connection. */
  private ensure(): Promise<void> {
    if (this.stopped || this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.config);
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.removeAllListeners('notification');
      client.end().catch(() => {});
      if (!this.stopped) {
        this.log(`realtime: LISTEN connection lost (${error?.message ?? 'ended'}); reconnecting`);
        this.scheduleReconnect();
      }
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      client.on('notification', (message) => this.deliver(Number(message.payload), 'notification'));
      await client.query(`LISTEN ${REALTIME_CHANNEL}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    if (this.connectedOnce) {
      this.log('realtime: listening again; streams resync');
      for (const userId of this.listeners.keys()) this.deliver(userId, 'resync');
    }
    this.connectedOnce = true;
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.stopped) return;
    const delay = this.retryMs * (0.75 + Math.random() / 2);
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.listeners.size > 0) void this.ensure();
    }, delay);
    this.retryTimer.unref();
  }

  private deliver(userId: number, reason: 'notification' | 'resync' | 'closing'): void {
    for (const listener of this.listeners.get(userId) ?? []) {
      try {
        listener(userId, reason);
      } catch {
        // A stream that broke is removed by its own close handler.
      }
    }
  }

  /**
   * Calls `listener` whenever `userId` gets an in-app notification; returns the
   * unsubscribe function. The stream is registered even while the database is
   * away: it resyncs once the connection is back.
   */
  subscribe(userId: number, listener: Listener): () => void {
    const set = this.listeners.get(userId) ?? new Set();
    set.add(listener);
    this.listeners.set(userId, set);
    void this.ensure();
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(userId) === set) this.listeners.delete(userId);
    };
  }

  /** Ends every open stream and the LISTEN connection. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const userId of [...this.listeners.keys()]) this.deliver(userId, 'closing');
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.connecting?.catch(() => {});
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
    }
  }
}
