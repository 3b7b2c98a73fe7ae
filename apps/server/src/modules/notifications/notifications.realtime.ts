import type pg from 'pg';
import { REALTIME_CHANNEL } from './notifications.service.ts';

type Listener = (userId: number) => void;

/**
 * Live in-app updates across server processes: every process LISTENs on one
 * PostgreSQL channel and tells its own open streams when their user has news.
 */
export class RealtimeHub {
  private client: pg.PoolClient | null = null;
  private readonly listeners = new Map<number, Set<Listener>>();
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  private starting: Promise<void> | null = null;

  /** Connects on first use, so processes nobody streams from hold no extra connection. */
  private start(): Promise<void> {
    this.starting ??= this.listen().catch((error) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  private async listen(): Promise<void> {
    this.client = await this.pool.connect();
    this.client.on('notification', (message) => {
      const userId = Number(message.payload);
      for (const listener of this.listeners.get(userId) ?? []) listener(userId);
    });
    await this.client.query(`LISTEN ${REALTIME_CHANNEL}`);
  }

  /** Calls `listener` whenever `userId` gets an in-app notification; returns the unsubscribe function. */
  async subscribe(userId: number, listener: Listener): Promise<() => void> {
    await this.start();
    const set = this.listeners.get(userId) ?? new Set();
    set.add(listener);
    this.listeners.set(userId, set);
    return () => set.delete(listener);
  }

  async stop(): Promise<void> {
    if (!this.client) return;
    await this.client.query(`UNLISTEN ${REALTIME_CHANNEL}`).catch(() => {});
    this.client.release();
    this.client = null;
    this.starting = null;
  }
}
