import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { loadActor } from '../apps/server/src/modules/identity/index.ts';
import { recapQuery, recapTickets } from '../apps/server/src/modules/reports/index.ts';
import { countTickets, listQuery, listTickets, showTicket, showTimeline } from '../apps/server/src/modules/tickets/index.ts';
import type { Db } from '../apps/server/src/platform/db/client.ts';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';

/** One SQL statement exactly as the app sends it to PostgreSQL. */
export interface Statement {
  text: string;
  params: unknown[];
}

/** Everything a run needs from the database: who acts, on which tickets, and the app's SQL for the read scenarios. */
export interface Fixtures {
  tickets: number;
  postgres: string;
  teamId: number;
  detailIds: number[];
  workIds: number[];
  /** Tickets in progress for the transition scenario; the runner files more when the data has too few. */
  progressIds: number[];
  words: string[];
  /** Words in no ticket, or two common words never in the same one. */
  rareWords: string[];
  numbers: string[];
  /** The statements of each read scenario; detail's are recorded for one ticket and re-aimed per request. */
  statements: {
    queue: Statement[];
    unitList: Statement[];
    detail: Statement[];
    search: Statement[][];
    rareSearch: Statement[][];
    prioritySearch: Statement[][];
    numberSearch: Statement[][];
    dashboard: Statement[];
    report: Statement[];
  };
  /** Where the ticket id sits in the detail statements: [statement, parameter]. */
  detailSlots: [number, number][];
}

export const QUEUE_QUERY = { status: 'new,assigned,in_progress,pending', sort: 'priority', pageSize: '50' };
export const UNIT_LIST_QUERY = { queue: 'my_unit', pageSize: '50' };
/** This month's recap by unit and status (the reader's current month is the default period). */
export const REPORT_QUERY = { rows: 'unit', columns: 'status' };
const WORDS = ['printer', 'jaringan', 'email', 'vpn', 'proyektor'];
const RARE_WORDS = ['zebra', 'printer kabel', 'laptop internet'];

/** Runs app code against a drizzle instance that records every statement instead of guessing the SQL by hand. */
async function record(pool: pg.Pool, work: (db: Db) => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const db = drizzle(pool, { logger: { logQuery: (text, params) => statements.push({ text, params }) } }) as unknown as Db;
  await work(db);
  return statements;
}

async function actorFor(pool: pg.Pool, email: string) {
  const { rows } = await pool.query('SELECT id FROM users WHERE email = $1', [email]);
  const actor = rows[0] ? await loadActor(drizzle(pool) as unknown as Db, Number(rows[0].id)) : null;
  if (!actor) throw new Error(`${email} is missing: run npm run bench:seed first`);
  return actor;
}

export async function loadFixtures(pool: pg.Pool): Promise<Fixtures> {
  const one = async (text: string, params: unknown[] = []) => (await pool.query(text, params)).rows[0];
  const tickets = Number((await one('SELECT count(*) AS n FROM tickets')).n);
  if (tickets === 0) throw new Error('The benchmark database has no tickets: run npm run bench:seed first');
  const agent = await actorFor(pool, DEMO_ACCOUNTS.agent.email);
  const requester = await actorFor(pool, DEMO_ACCOUNTS.requester.email);
  const executive = await actorFor(pool, DEMO_ACCOUNTS.executive.email);
  const teamId = Number((await one(`SELECT id FROM teams WHERE code = 'SD'`)).id);
  const ids = async (text: string, params: unknown[]) => (await pool.query(text, params)).rows.map((r) => Number(r.id));
  // Random tickets of the agent's company (they may read them all); open ones for the writes.
  const detailIds = await ids('SELECT id FROM tickets WHERE company_id = $1 ORDER BY random() LIMIT 500', [agent.companyId]);
  const workIds = await ids(
    `SELECT id FROM tickets WHERE company_id = $1 AND status IN ('assigned', 'in_progress') ORDER BY random() LIMIT 4000`,
    [agent.companyId],
  );
  const progressIds = await ids(
    `SELECT id FROM tickets WHERE company_id = $1 AND status = 'in_progress' AND assignee_id IS NOT NULL ORDER BY random() LIMIT 2000`,
    [agent.companyId],
  );
  // A partial number as people type it: the year and the first digits of the sequence.
  const numbers = (await pool.query(`SELECT substr(number, 5, 9) AS part FROM tickets ORDER BY random() LIMIT 5`)).rows.map((r) =>
    String(r.part),
  );
  if (detailIds.length < 2) throw new Error('Too few tickets for the scenarios: seed at least 2 000');
  const detail = await recordDetail(pool, agent, detailIds);
  const list = (actor: typeof agent, query: Record<string, string>) => (db: Db) => listTickets(db, actor, listQuery.parse(query));
  return {
    tickets,
    postgres: String((await one('SHOW server_version')).server_version),
    teamId,
    detailIds,
    workIds,
    progressIds,
    words: WORDS,
    rareWords: RARE_WORDS,
    numbers,
    statements: {
      queue: await record(pool, list(agent, { ...QUEUE_QUERY, teamId: String(teamId) })),
      unitList: await record(pool, list(requester, UNIT_LIST_QUERY)),
      detail: detail.statements,
      search: await Promise.all(WORDS.map((q) => record(pool, list(agent, { q, pageSize: '50' })))),
      rareSearch: await Promise.all(RARE_WORDS.map((q) => record(pool, list(agent, { q, pageSize: '50' })))),
      prioritySearch: [await record(pool, list(agent, { q: WORDS[0] as string, pageSize: '50', sort: 'priority' }))],
      numberSearch: await Promise.all(numbers.map((q) => record(pool, list(agent, { q, pageSize: '50' })))),
      dashboard: await record(pool, (db) => countTickets(db, executive, {})),
      report: await record(pool, (db) => recapTickets(db, executive, recapQuery.parse(REPORT_QUERY), new Date())),
    },
    detailSlots: detail.slots,
  };
}

/**
 * The ticket page's statements (detail, then timeline). Recorded for two tickets of
 * the same shape, the parameters that differ are where the ticket id goes.
 */
async function recordDetail(pool: pg.Pool, actor: Awaited<ReturnType<typeof actorFor>>, ids: number[]) {
  const page = (id: number) => async (db: Db) => {
    await showTicket(db, actor, String(id));
    await showTimeline(db, actor, String(id));
  };
  for (let i = 0; i + 1 < ids.length; i += 2) {
    const [a, b] = [await record(pool, page(ids[i] as number)), await record(pool, page(ids[i + 1] as number))];
    if (a.length !== b.length || a.some((s, k) => s.text !== b[k]?.text)) continue;
    const isId = (p: unknown, j: number, k: number) => p !== b[k]?.params[j] && String(p) === String(ids[i]);
    const slots = a.flatMap((s, k) => s.params.flatMap((p, j) => (isId(p, j, k) ? [[k, j] as [number, number]] : [])));
    return { statements: a, slots };
  }
  throw new Error('Could not record the ticket page statements');
}

/** The detail statements aimed at another ticket. */
export function aimAt(statements: Statement[], slots: [number, number][], id: number): Statement[] {
  const aimed = statements.map((s) => ({ text: s.text, params: [...s.params] }));
  for (const [k, j] of slots) {
    const statement = aimed[k] as Statement;
    statement.params[j] = typeof statement.params[j] === 'string' ? String(id) : id;
  }
  return aimed;
}
