import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';

const dialect = new PgDialect();

/**
 * The rows of `query` in batches, through a server-side cursor on a connection
 * of its own inside a read-only transaction: an export of any size holds one
 * batch in memory at a time. Stopping early (a closed download) rolls back and
 * returns the connection.
 */
export async function* cursorRows<T extends Record<string, unknown>>(pool: pg.Pool, query: SQL, batch = 500): AsyncGenerator<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const client = await pool.connect();
  let done = false;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${text}`, params);
    for (;;) {
      const { rows } = await client.query<T>(`FETCH ${batch} FROM export_rows`);
      if (!rows.length) break;
      yield rows;
    }
    await client.query('COMMIT');
    done = true;
  } finally {
    if (!done) await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
}
