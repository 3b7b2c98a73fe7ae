import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgDialect, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';

/**
 * Named prepared statements for the hot reads (queue, unit list, ticket page; see ARCHITECTURE.md,
 * "Prepared statements"). A statement opts in by carrying a name (`prepared(tx, sql)` for raw SQL,
 * `.prepare(PREPARED).execute()` for a query builder); every connection then maps the statement's
 * TEXT to a name of its own (`ish_1`, `ish_2`, …), so one name never stands for two texts, and
 * PostgreSQL parses the text once per connection and, after its first five custom plans, may keep a
 * generic plan. Statements without a name are sent unnamed, as before.
 *
 * - At most `cap` statements per connection: the least recently used is closed (DEALLOCATE, sent
 *   ahead of the next statement) when another is prepared.
 * - A replaced connection (server restart, failover) starts with none.
 * - PostgreSQL re-plans a statement itself when a table it reads changes; should a change alter the
 *   columns a statement returns, or the server have forgotten the statement, the connection forgets
 *   it and, outside a transaction, sends it again once (inside one, the transaction fails as any
 *   failed statement does).
 */

/** The name a caller gives a statement to opt in; the connection replaces it with its own. */
export const PREPARED = 'ish';
/** The same, for a statement that should keep one generic plan (see `#mode`). */
const PREPARED_GENERIC = 'ish:generic';

/** Named statements one connection keeps at most, unless `connect` is told otherwise. */
export const DEFAULT_PREPARED_CAP = 32;

interface Statements {
  /** Text → this connection's name, least recently used first. */
  names: Map<string, string>;
  counter: number;
  /** Names evicted but not yet closed on the server. */
  closing: string[];
}

type Connection = { parsedStatements: Record<string, string>; submittedNamedStatements: Record<string, string> };
type QueryConfig = pg.QueryConfig & { name?: string };

const STATE = Symbol('prepared statements');
/** Marks the client classes that understand `PREPARED`. */
const PREPARING = Symbol('prepares named statements');
type Tracked = pg.Client & { [STATE]?: Statements; connection: Connection };

/** The server lost the statement, or a schema change altered the columns a statement returns. */
function forgetful(error: unknown): 'all' | 'one' | null {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code === '26000') return 'all';
  if (code === '0A000' && message?.includes('cached plan must not change result type')) return 'one';
  return null;
}

/** The names `client` holds now, text → name (for tests and diagnostics). */
export function preparedNames(client: pg.ClientBase): ReadonlyMap<string, string> {
  return (client as Tracked)[STATE]?.names ?? new Map();
}

/**
 * A `pg.Client` class whose `query` prepares named statements as described above. `base` is the
 * class it extends (the pool's listening client).
 */
export function preparingClient(base: typeof pg.Client, cap = DEFAULT_PREPARED_CAP): typeof pg.Client {
  if (cap < 4) throw new Error('A connection must keep at least 4 prepared statements');
  return class PreparingClient extends base {
    static readonly [PREPARING] = true;

    /**
     * The connection's plan_cache_mode as far as this client knows (null: unknown, after a rollback).
     * A named statement keeps one generic plan: PostgreSQL would otherwise re-plan a statement whose generic
     * estimate is a little above its custom ones each time (the team queue at a million tickets: 619 vs 907
     * rows). But the setting also holds for unnamed statements with parameters, whose best plan depends on
     * their values (at a million: dashboard 7 → 17 ms, a rare-word search 22 → 40 ms): those run in `auto`.
     * Only statements that ask for it (the lists' page and count) switch to the generic mode, outside a
     * transaction; other named ones (the ticket page, the writes' locked read: by key, one plan either way)
     * keep the mode they find. So a connection switches only when it goes from a list to a statement with
     * values, and a write adds no statement.
     */
    #mode: 'auto' | 'generic' | null = 'auto';

    #switchTo(mode: 'auto' | 'generic') {
      if (this.#mode === mode) return;
      this.#mode = mode;
      super.query(`SET plan_cache_mode = ${mode === 'generic' ? 'force_generic_plan' : 'auto'}`).catch(() => {
        this.#mode = null; // failed with an aborted transaction: set again next time
      });
    }

    override query(config: any, values?: any, callback?: any): any {
      const text: unknown = typeof config === 'string' ? config : config?.text;
      const named = typeof config === 'object' && config !== null && typeof config.name === 'string' && config.name !== '';
      if (!named || typeof config.text !== 'string') {
        const parameterised = (Array.isArray(values) && values.length > 0) || (Array.isArray(config?.values) && config.values.length > 0);
        if (parameterised) this.#switchTo('auto');
        // A rollback restores the mode the transaction began with, which this client may have changed since.
        else if (typeof text === 'string' && /^\s*rollback/i.test(text)) this.#mode = null;
        return super.query(config, values, callback);
      }
      if (config.name === PREPARED_GENERIC && this.getTransactionStatus() === 'I') this.#switchTo('generic');
      if (typeof values === 'function') [values, callback] = [undefined, values];
      const result = this.#named(config, values ?? config.values);
      if (!callback) return result;
      result.then(
        (res) => callback(null, res),
        (error) => callback(error),
      );
      return undefined;
    }

    async #named(config: QueryConfig, values: unknown[] | undefined): Promise<pg.QueryResult> {
      // A statement outside a transaction block may be sent again when its first try failed for want of its statement.
      const retry = this.getTransactionStatus() === 'I';
      try {
        return await this.#send(config, values);
      } catch (error) {
        const forget = forgetful(error);
        if (!forget) throw error;
        this.#forget(forget === 'all' ? null : config.text);
        if (!retry) throw error;
        return this.#send(config, values);
      }
    }

    #state(): Statements {
      const self = this as unknown as Tracked;
      self[STATE] ??= { names: new Map(), counter: 0, closing: [] };
      return self[STATE];
    }

    #send(config: QueryConfig, values: unknown[] | undefined): Promise<pg.QueryResult> {
      const state = this.#state();
      const { text } = config;
      let name = state.names.get(text);
      if (name !== undefined) {
        state.names.delete(text);
      } else {
        name = `ish_${++state.counter}`;
        if (state.names.size >= cap) {
          const [oldest, evicted] = state.names.entries().next().value as [string, string];
          state.names.delete(oldest);
          this.#close(evicted);
        }
      }
      state.names.set(text, name);
      this.#flushClosing();
      return super.query({ ...config, name, values } as pg.QueryConfig);
    }

    /** Marks a statement for closing; only a statement the server parsed is closed (DEALLOCATE of an unknown one fails a transaction). */
    #close(name: string) {
      const connection = (this as unknown as Tracked).connection;
      const parsed = connection.parsedStatements[name] !== undefined;
      delete connection.parsedStatements[name];
      delete connection.submittedNamedStatements[name];
      if (parsed) this.#state().closing.push(name);
    }

    /** Sends the pending DEALLOCATEs ahead of the next statement (the connection runs its queue in order). */
    #flushClosing() {
      const state = this.#state();
      const status = this.getTransactionStatus();
      if (!state.closing.length || (status !== 'I' && status !== 'T')) return;
      const names = state.closing.splice(0);
      super.query(names.map((n) => `DEALLOCATE ${n}`).join('; ')).catch(() => {
        // Failed with its transaction: close them with the next statement.
        state.closing.push(...names);
      });
    }

    /** Forgets one text's statement (closing it), or all of them when the server has none. */
    #forget(text: string | null) {
      const state = this.#state();
      const connection = (this as unknown as Tracked).connection;
      if (text === null) {
        for (const name of state.names.values()) {
          delete connection.parsedStatements[name];
          delete connection.submittedNamedStatements[name];
        }
        state.names.clear();
        state.closing = [];
        return;
      }
      const name = state.names.get(text);
      if (name === undefined) return;
      state.names.delete(text);
      this.#close(name);
    }
  } as typeof pg.Client;
}

/** A transaction or the database (client.ts's `Tx`, spelled here without importing it). */
type Tx = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;
type Internals = { dialect: PgDialect; _: { session: Tx['_']['session'] & { client?: unknown } } };

/**
 * The name to give a hot statement on `tx` (`query.prepare(preparedName(tx))`): `PREPARED` when its
 * connections prepare named statements, else the empty name (a plain pg client would take one name for one text).
 */
export function preparedName(tx: Tx): string {
  const client = (tx as unknown as Internals)._.session.client;
  const preparing =
    client instanceof pg.Pool
      ? (client.options as { Client?: { [PREPARING]?: boolean } }).Client?.[PREPARING]
      : (client as { constructor?: { [PREPARING]?: boolean } } | undefined)?.constructor?.[PREPARING];
  // An empty name is PostgreSQL's unnamed statement: parsed and planned anew each time.
  return preparing ? PREPARED : '';
}

/**
 * Runs raw SQL as a named prepared statement where `tx` can (what `tx.execute` does, by name); with
 * `genericPlan` it keeps one generic plan (a statement whose best plan does not depend on its values).
 */
export async function prepared<T extends Record<string, unknown>>(
  tx: Tx,
  query: SQL,
  { genericPlan = false } = {},
): Promise<pg.QueryResult<T>> {
  const { dialect, _ } = tx as unknown as Internals;
  const name = preparedName(tx) && (genericPlan ? PREPARED_GENERIC : PREPARED);
  const statement = _.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
  return statement.execute() as Promise<pg.QueryResult<T>>;
}
