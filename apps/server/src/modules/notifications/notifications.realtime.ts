import type pg from 'pg';
import { ResilientListener } from '../../platform/db/listener.ts';
import { REALTIME_CHANNEL } from './notifications.service.ts';

/**
 * Called with the user who has news: `resync` after a reconnect, when notices may have been
 * missed; `closing` when the process shuts down and the stream should end (the browser
 * reconnects, to another process behind a load balancer).
 */
type Listener = (userId: number, reason: 'notification' | 'resync' | 'closing') => void;

/**
 * Live in-app updates across server processes: every process LISTENs on one
 * PostgreSQL channel and tells its own open streams when their user has news.
 *
 * The LISTEN connection is its own client (platform/db/listener.ts) and survives the
 * database going away; once listening again every open stream is told to resync,
 * since notices sent while nobody listened were not heard.
 */
export class RealtimeHub {
  private readonly listeners = new Map<number, Set<Listener>>();
  private readonly connection: ResilientListener;
  private stopped = false;

  constructor(pool: pg.Pool, log: (message: string) => void = () => {}) {
    this.connection = new ResilientListener(pool.options as pg.ClientConfig, REALTIME_CHANNEL, {
      notify: (payload) => this.deliver(Number(payload), 'notification'),
      listening: (again) => {
        if (!again) return;
        log('realtime: listening again; streams resync');
        for (const userId of this.listeners.keys()) this.deliver(userId, 'resync');
      },
      lost: (error) => log(`realtime: LISTEN connection lost (${error?.message ?? 'ended'}); reconnecting`),
      // Processes nobody streams from hold no extra connection.
      wanted: () => this.listeners.size > 0,
    });
  }

  /** Whether the LISTEN connection is up (for readiness and metrics). */
  get listening(): boolean {
    return this.connection.listening;
  }

  /** Open streams in this process. */
  get streams(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
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
    void this.connection.ensure();
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
    await this.connection.stop();
  }
}
