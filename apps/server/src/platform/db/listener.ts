import pg from 'pg';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

export interface ListenerEvents {
  /** A payload heard on the channel. */
  notify(payload: string): void;
  /** Listening (again): `again` after a loss, when notifications sent meanwhile were not heard. */
  listening(again: boolean): void;
  /** The connection was lost; a reconnect is scheduled when `wanted()` says so. */
  lost(error: Error | undefined): void;
  /** Whether to reconnect after a loss (default: always). */
  wanted?(): boolean;
}

/**
 * A LISTEN connection of its own (not a pool slot) that survives the database going away:
 * an error or end schedules a reconnect with growing delays, and the owner is told when it
 * listens again, since notifications sent while nobody listened were not heard.
 */
export class ResilientListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = FIRST_RETRY_MS;
  private stopped = false;
  private connectedOnce = false;
  private readonly config: pg.ClientConfig;
  private readonly channel: string;
  private readonly events: ListenerEvents;

  constructor(config: pg.ClientConfig, channel: string, events: ListenerEvents) {
    this.config = config;
    this.channel = channel;
    this.events = events;
  }

  /** Whether the LISTEN connection is up. */
  get listening(): boolean {
    return this.client !== null;
  }

  /** Connects unless connected, connecting or stopped. */
  ensure(): Promise<void> {
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
        this.events.lost(error);
        this.scheduleReconnect();
      }
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === this.channel && message.payload !== undefined) this.events.notify(message.payload);
      });
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (this.stopped) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    this.events.listening(this.connectedOnce);
    this.connectedOnce = true;
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.stopped) return;
    const delay = this.retryMs * (0.75 + Math.random() / 2);
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.events.wanted?.() ?? true) void this.ensure();
    }, delay);
    this.retryTimer.unref();
  }

  /** Closes the connection for good. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
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
