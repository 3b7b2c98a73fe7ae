import { sql } from 'drizzle-orm';
import { fromDrizzle, PgBoss } from 'pg-boss';
import type { Tx } from '../db/client.ts';

export interface JobDefinition<T extends object> {
  name: string;
  /** Attempts after the first, with exponential backoff. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Cron expression: pg-boss sends one job per tick for the whole cluster. */
  schedule?: string;
  handle(data: T): Promise<void>;
}

/**
 * Background work on pg-boss in the same PostgreSQL: every scheduled or retried
 * task goes through here, never through timers in the HTTP process.
 */
export class Jobs {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<object>>();

  constructor(connectionString: string) {
    this.boss = new PgBoss({ connectionString, max: 4 });
    this.boss.on('error', () => {}); // failures are retried and visible in pgboss.job
  }

  define<T extends object>(definition: JobDefinition<T>): void {
    this.definitions.set(definition.name, definition as JobDefinition<object>);
  }

  /**
   * Opens the queue. With `workers` (the default) this process also runs the
   * job handlers; without, it only enqueues (tests, CLI tools).
   */
  async start(options: { workers?: boolean } = {}): Promise<void> {
    await this.boss.start();
    for (const def of this.definitions.values()) {
      await this.boss.createQueue(def.name, {
        retryLimit: def.retryLimit ?? 5,
        retryDelay: def.retryDelaySeconds ?? 10,
        retryBackoff: true,
      });
      if (options.workers === false) continue;
      if (def.schedule) await this.boss.schedule(def.name, def.schedule, {}, { tz: 'UTC' });
      await this.boss.work<object>(def.name, { pollingIntervalSeconds: 1 }, async (jobs) => {
        for (const job of jobs) await def.handle(job.data);
      });
    }
  }

  /**
   * Queues a job; `singletonKey` makes a second send with the same key a no-op
   * while the first is pending. With `tx` the job is enqueued inside that
   * transaction: it exists only if the change that caused it commits.
   */
  async send<T extends object>(
    name: string,
    data: T,
    options: { singletonKey?: string; startAfterSeconds?: number; tx?: Tx; priority?: number } = {},
  ): Promise<void> {
    await this.boss.send(name, data, {
      ...(options.tx ? { db: fromDrizzle(options.tx, sql) } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
      // Higher first: a queue working through a backlog takes these before older, lower ones.
      ...(options.priority ? { priority: options.priority } : {}),
    });
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 5000 });
  }
}
