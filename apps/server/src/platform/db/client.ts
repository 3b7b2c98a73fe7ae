import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { runFirstTransactionHook } from './first-transaction.ts';

// bigint columns (money, counters) come back as strings by default; we keep
// ids as JS numbers (safe below 2^53) and parse money explicitly with BigInt.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Db = NodePgDatabase<Record<string, never>>;
/** A transaction or the database itself: services accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

export function connect(url: string, max = 10): Database {
  // A request waits at most 30 s for a connection (a refused one fails at once while the database is away): 503 after that.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 30_000 });
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
  return { pool, db, close: () => pool.end() };
}

/** Runs `work` inside the caller's transaction when there is one (a use case inside another), else in its own. */
export function inTransaction<T>(db: Db, outer: Tx | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
  return outer ? work(outer) : db.transaction(work);
}
