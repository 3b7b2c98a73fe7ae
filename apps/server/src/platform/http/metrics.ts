import { timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Jobs } from '../jobs/jobs.ts';
import { access } from './access.ts';
import type { App } from './app.ts';
import { AppError, notFound } from './errors.ts';

export interface MetricSources {
  pool: pg.Pool;
  jobs: Jobs;
  /** Open server-sent event streams of this process. */
  streams: () => number;
  /** Seconds since the last successful backup, or null when there is none. */
  backupAgeSeconds?: () => Promise<number | null>;
}

/**
 * Prometheus metrics of this process at GET /metrics, for a scraper holding
 * METRICS_TOKEN (`Authorization: Bearer …`); without the variable the route
 * answers 404. HTTP latency per route, job queue depth and failures, the
 * database pool, open streams, backup age, and Node's own (memory, event loop).
 */
export function metricsRoute(app: App, token: string | undefined, sources: MetricSources): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'jobs_queue_depth',
    help: 'Jobs per queue and state (queued, active, failed and kept)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      const queues = await sources.jobs.depth().catch(() => []);
      for (const q of queues) {
        this.set({ queue: q.name, state: 'queued' }, q.queued);
        this.set({ queue: q.name, state: 'active' }, q.active);
        this.set({ queue: q.name, state: 'failed' }, q.failed);
      }
    },
  });
  new Gauge({
    name: 'jobs_failed_attempts_total',
    help: 'Job attempts that threw in this process since it started (they are retried)',
    labelNames: ['queue'],
    registers: [registry],
    collect() {
      for (const [queue, n] of sources.jobs.failures) this.set({ queue }, n);
    },
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections by state (total, idle, waiting requests)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, sources.pool.totalCount);
      this.set({ state: 'idle' }, sources.pool.idleCount);
      this.set({ state: 'waiting' }, sources.pool.waitingCount);
    },
  });
  new Gauge({
    name: 'sse_clients',
    help: 'Open notification streams in this process',
    registers: [registry],
    collect() {
      this.set(sources.streams());
    },
  });
  const backupAge = sources.backupAgeSeconds;
  if (backupAge) {
    new Gauge({
      name: 'backup_age_seconds',
      help: 'Seconds since the last successful backup (absent when there is none)',
      registers: [registry],
      async collect() {
        this.reset();
        const age = await backupAge().catch(() => null);
        if (age !== null) this.set(age);
      },
    });
  }

  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (route !== '/metrics') latency.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', {
    config: { access: access.public() },
    schema: { hide: true },
    handler: async (req, reply) => {
      if (!token) throw notFound();
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const a = Buffer.from(given);
      const b = Buffer.from(token);
      if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError(401, 'UNAUTHENTICATED');
      return reply.header('content-type', registry.contentType).send(await registry.metrics());
    },
  });
}
