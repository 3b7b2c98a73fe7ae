import { sql } from 'drizzle-orm';
import { fromDrizzle, type JobResult, PgBoss } from 'pg-boss';
import type { Tx } from '../db/client.ts';

export interface JobDefinition<T extends object> {
  name: string;
  /** Attempts after the first, with exponential backoff. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Cron expression: pg-boss sends one job per tick for the whole cluster. */
  schedule?: string;
  /**
   * Jobs a worker takes at once (default 1, then it polls again a second later); while batches come
   * back full it takes the next at once, so a queue filled by every request keeps up. Each job of a
   * batch is settled on its own: a failing one is retried alone, the others complete.
   */
  batchSize?: number;
  handle(data: T): Promise<void>;
}

/**
 * A running job's worker confirms it is alive this often (pg-boss does it for us); a job whose
 * process died (kill -9, a lost machine) is retried after that long instead of waiting for its
 * expiry, minutes later.
 */
const HEARTBEAT_SECONDS = 30;

/**
 * Background work on pg-boss in the same PostgreSQL: every scheduled or retried
 * task goes through here, never through timers in the HTTP process.
 */
export class Jobs {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private started = false;
  private working = false;
  private lastErrorLogged = 0;
  /** Jobs that threw in this process (they are retried), per queue, for metrics. */
  readonly failures = new Map<string, number>();

  constructor(connectionString: string, log: (message: string) => void = () => {}) {
    this.boss = new PgBoss({ connectionString, max: 4, superviseIntervalSeconds: 20 });
    // Without a listener an 'error' event would end the process. Failed jobs are retried and
    // visible in pgboss.job; connection errors (a database restart) recover by themselves, so
    // they are logged at most once a minute.
    this.boss.on('error', (error: Error) => {
      if (Date.now() - this.lastErrorLogged < 60_000) return;
      this.lastErrorLogged = Date.now();
      log(`jobs: ${error.message}`);
    });
  }

  /** Whether the queue is open and, when this process runs workers, whether they are polling. */
  get state(): { started: boolean; workers: boolean } {
    return { started: this.started, workers: this.working };
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
    this.started = true;
    // Every queue at once: one after the other this was some 80 round trips, a second of a cold start.
    await Promise.all(
      [...this.definitions.values()].map(async (def) => {
        const policy = { retryLimit: def.retryLimit ?? 5, retryDelay: def.retryDelaySeconds ?? 10, retryBackoff: true };
        await this.boss.createQueue(def.name, { ...policy, heartbeatSeconds: HEARTBEAT_SECONDS });
        // Queues created before heartbeats existed get them too.
        await this.boss.updateQueue(def.name, { ...policy, heartbeatSeconds: HEARTBEAT_SECONDS });
        if (options.workers === false) return;
        if (def.schedule) await this.boss.schedule(def.name, def.schedule, {}, { tz: 'UTC' });
        const batch = def.batchSize ? { batchSize: def.batchSize, burstWhenBatchFull: true } : {};
        await this.boss.work<object>(def.name, { pollingIntervalSeconds: 1, perJobResults: true, ...batch }, async (jobs) => {
          const results: JobResult[] = [];
          for (const job of jobs) {
            try {
              await def.handle(job.data);
              results.push({ id: job.id, status: 'completed' });
            } catch (error) {
              this.failures.set(def.name, (this.failures.get(def.name) ?? 0) + 1);
              results.push({ id: job.id, status: 'failed', output: { message: (error as Error).message } });
            }
          }
          return results;
        });
      }),
    );
    this.working = options.workers !== false;
  }

  /** Queue depth per job name: waiting, running and (recently) failed jobs. */
  async depth(): Promise<{ name: string; queued: number; active: number; failed: number }[]> {
    const queues = await this.boss.getQueues([...this.definitions.keys()]);
    return queues.map((q) => ({ name: q.name, queued: q.queuedCount, active: q.activeCount, failed: q.failedCount }));
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

  /**
   * Runs the waiting jobs of `name` in this process now, until none is left,
   * as a worker would (tests without workers). A job that throws is failed
   * (pg-boss retries it later) and the error rethrown.
   */
  async drain(name: string): Promise<number> {
    const def = this.definitions.get(name);
    if (!def) throw new Error(`unknown job ${name}`);
    let ran = 0;
    for (;;) {
      const jobs = await this.boss.fetch<object>(name, { batchSize: 50 });
      if (!jobs.length) return ran;
      for (const job of jobs) {
        try {
          await def.handle(job.data);
        } catch (error) {
          await this.boss.fail(name, job.id, { message: (error as Error).message });
          throw error;
        }
        await this.boss.complete(name, job.id);
        ran++;
      }
    }
  }

  /** Stops taking jobs and waits up to `timeoutMs` for the running ones to finish. */
  async stop(timeoutMs = 5000): Promise<void> {
    if (!this.started) return;
    this.working = false;
    await this.boss.stop({ graceful: true, timeout: timeoutMs });
    this.started = false;
  }
}
