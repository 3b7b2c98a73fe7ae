import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { CACHE_CHANNEL, CacheBus } from '../cache/cache-bus.ts';
import { runFirstTransactionHook } from './first-transaction.ts';
import { DEFAULT_PREPARED_CAP, preparingClient } from './prepared.ts';

// bigint columns (money, counters) come back as strings by default; we keep
// ids as JS numbers (safe below 2^53) and parse money explicitly with BigInt.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Db = NodePgDatabase<Record<string, never>>;
/** A transaction or the database itself: services accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  pool: pg.Pool;
  db: Db;
  /** Keeps this process's caches true to the database (see platform/cache). */
  cache: CacheBus;
  close(): Promise<void>;
}

/** How long a cached actor or reference value is served at most, unless configured (env CACHE_SECONDS). */
export const DEFAULT_CACHE_SECONDS = 5;

const BUS = Symbol('cache bus');
type Tagged = { [BUS]?: CacheBus };

/**
 * Pooled connections LISTEN for cache invalidations as soon as they connect: PostgreSQL hands a
 * session its own transaction's notifications before the COMMIT returns, so a change made through
 * this pool is forgotten by this process before the change's request answers.
 */
function listeningClient(bus: CacheBus): typeof pg.Client {
  return class ListeningClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      this.on('notification', (message) => {
        if (message.channel === CACHE_CHANNEL && message.payload !== undefined) bus.receive(message.payload);
      });
    }

    // pg-pool connects with a callback; callers of a bare client use the promise.
    override connect(callback?: any): any {
      const ready = super.connect().then(() => super.query(`LISTEN ${CACHE_CHANNEL}`).then(() => this));
      if (!callback) return ready;
      ready.then(
        () => callback(null, this),
        (error: Error) => callback(error),
      );
    }
  } as typeof pg.Client;
}

/**
 * The cache bus of the database `tx` belongs to, when `tx` is the database itself. Inside a
 * transaction there is none: a transaction may have changed what a cache holds (it hears of it
 * only on commit) and must read its own writes, so it always asks the database.
 */
export function cacheBusOf(tx: Tx): CacheBus | null {
  const client = (tx as unknown as { session?: { client?: Tagged } }).session?.client;
  return (client instanceof pg.Pool && (client as Tagged)[BUS]) || null;
}

export function connect(url: string, max = 10, preparedCap = DEFAULT_PREPARED_CAP): Database {
  const cache = new CacheBus({ connectionString: url }, DEFAULT_CACHE_SECONDS * 1000);
  // A request waits at most 30 s for a connection (a refused one fails at once while the database is away): 503 after that.
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 30_000,
    Client: preparingClient(listeningClient(cache), preparedCap),
  });
  (pool as Tagged)[BUS] = cache;
  // An idle connection the server closed (restart, failover) is dropped by the pool and replaced
  // on next use; without this listener its 'error' event would end the process.
  pool.on('error', () => {});
  // A connection checked out for a transaction has no pool listener: when the server goes away
  // mid-transaction, its 'error' event would end the process too. The failing query rejects
  // (the request answers 503) and the broken connection is discarded on release.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const db = drizzle(pool);
  // A request may ask for work bound to its first transaction (an idempotency key): see first-transaction.ts.
  const transaction = db.transaction.bind(db);
  db.transaction = ((work, config) =>
    transaction(async (tx) => {
      await runFirstTransactionHook(tx);
      return work(tx);
    }, config)) as typeof db.transaction;
  return {
    pool,
    db,
    cache,
    close: async () => {
      await cache.stop();
      await pool.end();
    },
  };
}

/** Runs `work` inside the caller's transaction when there is one (a use case inside another), else in its own. */
export function inTransaction<T>(db: Db, outer: Tx | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
  return outer ? work(outer) : db.transaction(work);
}
