import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { connect, type Database, type Db } from './client.ts';
import { prepared, preparedNames } from './prepared.ts';

let test: TestApp;
let url: string;
/** One connection that keeps at most four named statements. */
let database: Database;

beforeAll(async () => {
  test = await createTestApp();
  url = String(test.ctx.pool.options.connectionString);
  database = connect(url, 1, 4);
});
afterAll(async () => {
  await database?.close();
  await test?.close();
});

/** The named statements the server holds for the pool's one connection, asked on that connection. */
async function serverStatements(db = database): Promise<string[]> {
  const { rows } = await db.db.execute<{ name: string }>(sql`SELECT name FROM pg_prepared_statements ORDER BY name`);
  return rows.map((r) => r.name);
}

async function onlyClient(db = database) {
  const client = await db.pool.connect();
  client.release();
  return client;
}

const userName = async (db: Db, id: number) =>
  (await prepared<{ name: string }>(db, sql`SELECT name FROM users WHERE id = ${id}`)).rows[0]?.name;

describe('named prepared statements', () => {
  it('prepares a text once per connection and runs it with each call’s values', async () => {
    const users = (await test.ctx.pool.query('SELECT id, name FROM users ORDER BY id LIMIT 2')).rows;
    expect(await userName(database.db, Number(users[0].id))).toBe(users[0].name);
    expect(await userName(database.db, Number(users[1].id))).toBe(users[1].name);
    const names = preparedNames(await onlyClient());
    expect([...names.keys()]).toEqual(['SELECT name FROM users WHERE id = $1']);
    expect(await serverStatements()).toEqual([...names.values()]);
  });

  it('keeps at most its cap per connection, closing the least recently used, which prepares again when needed', async () => {
    for (let n = 1; n <= 6; n++) await prepared(database.db, sql.raw(`SELECT ${n} AS n`));
    const held = preparedNames(await onlyClient());
    expect(held.size).toBe(4);
    expect([...held.keys()]).toEqual(['SELECT 3 AS n', 'SELECT 4 AS n', 'SELECT 5 AS n', 'SELECT 6 AS n']);
    // The evictions were closed on the server ahead of the next statement.
    await prepared(database.db, sql.raw('SELECT 1 AS n'));
    expect((await serverStatements()).sort()).toEqual([...preparedNames(await onlyClient()).values()].sort());
    expect((await prepared<{ n: number }>(database.db, sql.raw('SELECT 1 AS n'))).rows).toEqual([{ n: 1 }]);
  });

  it('works inside a transaction and after a failed one', async () => {
    const id = Number((await test.ctx.pool.query('SELECT min(id) AS id FROM users')).rows[0].id);
    const inside = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`UPDATE users SET name = name || ' (ubah)' WHERE id = ${id}`);
        const name = await userName(tx, id);
        tx.rollback();
        return name;
      })
      .catch(() => 'rolled back');
    expect(inside).toBe('rolled back');
    const changed = await database.db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE users SET name = name || ' (ubah)' WHERE id = ${id}`);
      return userName(tx, id);
    });
    expect(changed).toMatch(/ \(ubah\)$/);
    await expect(database.db.transaction(async (tx) => prepared(tx, sql`SELECT 1 / ${0}::int`))).rejects.toMatchObject({
      cause: { code: '22012' },
    });
    expect(await userName(database.db, id)).toBe(changed);
  });

  it('prepares anew on a connection that replaced one the server ended', async () => {
    const id = Number((await test.ctx.pool.query('SELECT min(id) AS id FROM users')).rows[0].id);
    const name = await userName(database.db, id);
    const before = await onlyClient();
    const pid = (await database.db.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)).rows[0]?.pid;
    await test.ctx.pool.query('SELECT pg_terminate_backend($1)', [pid]);
    // The pool drops the ended connection when its socket closes.
    while (database.pool.totalCount > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await userName(database.db, id)).toBe(name);
    const after = await onlyClient();
    expect(after).not.toBe(before);
    expect([...preparedNames(after).keys()]).toEqual(['SELECT name FROM users WHERE id = $1']);
  });

  it('follows a schema change, even one that changes the columns a statement returns', async () => {
    await database.db.execute(sql`CREATE TABLE prepared_probe (a int)`);
    await database.db.execute(sql`INSERT INTO prepared_probe VALUES (1), (2)`);
    const probe = (db: Db, a: number) => prepared(db, sql`SELECT * FROM prepared_probe WHERE a = ${a}`);
    expect((await probe(database.db, 1)).rows).toEqual([{ a: 1 }]);
    await database.db.execute(sql`ALTER TABLE prepared_probe ADD COLUMN b text DEFAULT 'baru'`);
    // Outside a transaction the statement is prepared again and answers with the new column.
    expect((await probe(database.db, 2)).rows).toEqual([{ a: 2, b: 'baru' }]);
    await database.db.execute(sql`CREATE INDEX prepared_probe_a ON prepared_probe (a)`);
    expect((await probe(database.db, 1)).rows).toEqual([{ a: 1, b: 'baru' }]);
    // Inside one the transaction fails, as with any failed statement; the next use prepares again.
    await database.db.execute(sql`ALTER TABLE prepared_probe DROP COLUMN b`);
    await expect(database.db.transaction((tx) => probe(tx, 1))).rejects.toMatchObject({ cause: { code: '0A000' } });
    expect((await database.db.transaction((tx) => probe(tx, 1))).rows).toEqual([{ a: 1 }]);
  });

  it('sends hot statements unnamed through a plain pg pool (one that would take one name for one text)', async () => {
    const plain = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const db = drizzle(plain) as unknown as Db;
      const ids = (await plain.query('SELECT id FROM users ORDER BY id LIMIT 2')).rows.map((r) => Number(r.id));
      expect(await userName(db, ids[0] as number)).toBeTruthy();
      expect((await prepared<{ n: number }>(db, sql.raw('SELECT 7 AS n'))).rows).toEqual([{ n: 7 }]);
      expect((await plain.query('SELECT count(*)::int AS n FROM pg_prepared_statements')).rows[0].n).toBe(0);
    } finally {
      await plain.end();
    }
  });
});

describe('plan cache mode', () => {
  it('run with one generic plan, while unnamed statements with values stay planned for their values, also after a rollback', async () => {
    const mode = sql`current_setting('plan_cache_mode') AS mode`;
    const namedMode = async () =>
      (await prepared<{ mode: string }>(database.db, sql`SELECT ${mode} WHERE ${1} = 1`, { genericPlan: true })).rows[0]?.mode;
    const unnamedMode = async () => (await database.db.execute<{ mode: string }>(sql`SELECT ${mode} WHERE ${1} = 1`)).rows[0]?.mode;
    expect(await unnamedMode()).toBe('auto');
    expect(await namedMode()).toBe('force_generic_plan');
    expect(await unnamedMode()).toBe('auto');
    expect(await namedMode()).toBe('force_generic_plan');
    // A transaction switches to auto for its unnamed statement, then rolls back: the server is back in
    // force_generic_plan, and the next unnamed statement must still run in auto.
    await database.db
      .transaction(async (tx) => {
        expect((await tx.execute<{ mode: string }>(sql`SELECT ${mode} WHERE ${1} = 1`)).rows[0]?.mode).toBe('auto');
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await unnamedMode()).toBe('auto');
    expect(await namedMode()).toBe('force_generic_plan');
  });
});
