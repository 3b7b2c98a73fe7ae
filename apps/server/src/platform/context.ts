import type pg from 'pg';
import type { Env } from '../env.ts';
import type { CacheBus } from './cache/cache-bus.ts';
import type { Db } from './db/client.ts';
import type { DomainEvents } from './events/events.ts';
import type { Jobs } from './jobs/jobs.ts';
import type { Clock } from './time/clock.ts';

/** What every route and service needs from the running process. */
export interface AppContext {
  env: Env;
  db: Db;
  pool: pg.Pool;
  /** Keeps the process's caches (actors, reference data) true to the database. */
  cache: CacheBus;
  jobs: Jobs;
  events: DomainEvents;
  /** "Now" for every time-dependent service and job; tests inject their own. */
  clock: Clock;
}
