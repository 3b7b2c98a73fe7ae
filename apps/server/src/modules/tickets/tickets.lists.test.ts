import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { manualClock } from '../../platform/time/clock.ts';
import { loadActor } from '../identity/index.ts';
import { visibleTickets } from './tickets.policy.ts';
import { listTickets, readerTimeZone, type SearchBounds } from './tickets.queries.ts';
import { listQuery } from './tickets.schemas.ts';

// Lists at scale (issue #19): the queue's sort key copied onto the ticket row, number search on the
// trigram index alone, dashboard counts from the report summaries — each equal to what it replaces.

// 23.30 WIB on 31 December is 00.30 WITA on 1 January: a Makassar ticket filed now is in January for its
// company's summaries and in December for a reader in Jakarta.
const clock = manualClock('2026-12-31T16:30:00Z');
let t: TestApp;
let requester: Client; // siti, unit PRODUK
let agent: Client; // budi, Service Desk
let lead: Client;

beforeAll(async () => {
  t = await createTestApp({ clock });
  [requester, agent, lead] = await Promise.all([t.actingAs('requester'), t.actingAs('agent'), t.actingAs('team_lead')]);
});
afterAll(() => t.close());

const userId = async (email: string) =>
  Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = ${email}`)).rows[0]?.id);

async function file(client: Client, body: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/tickets', { title: 'Printer lantai 5 macet', urgency: 'medium', impact: 'low', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; number: string; version: number };
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
async function dueDates(id: number) {
  const { rows } = await t.ctx.db.execute<{ copy: string | null; clock: string | null }>(
    sql`SELECT t.resolution_due_at AS copy, s.resolution_due_at AS clock FROM tickets t LEFT JOIN ticket_slas s ON s.ticket_id = t.id WHERE t.id = ${id}`,
  );
  return { copy: iso(rows[0]?.copy ?? null), clock: iso(rows[0]?.clock ?? null) };
}

async function expectDueInStep(id: number) {
  const due = await dueDates(id);
  expect(due.clock).not.toBeNull();
  expect(due.copy).toBe(due.clock);
  return due.clock;
}

describe('the queue’s sort key on the ticket row', () => {
  it('follows the SLA clock through start, pause and resume, a priority change, resolve and reopen', async () => {
    clock.at('2025-11-11T02:00:00Z'); // 09.00 WIB on a working Tuesday: the clock runs in working hours
    const me = await userId('budi@nusantara.test');
    const ticket = await file(requester);
    const started = await expectDueInStep(ticket.id);
    const step = async (body: Record<string, unknown>) => {
      const res = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await step({ to: 'in_progress', assigneeId: me });
    clock.advance(3_600_000);
    await step({ to: 'pending', pendingReason: 'vendor' });
    await expectDueInStep(ticket.id);
    clock.advance(3 * 3_600_000);
    await step({ to: 'in_progress' });
    const resumed = await expectDueInStep(ticket.id);
    expect(resumed).not.toBe(started);
    const current = (await agent.get(`/api/v1/tickets/${ticket.id}`)).body;
    const raised = await agent.patch(`/api/v1/tickets/${ticket.id}`, {
      version: current.version,
      priority: 'P1',
      priorityReason: 'Direksi terdampak',
    });
    expect(raised.status).toBe(200);
    const retargeted = await expectDueInStep(ticket.id);
    expect(retargeted).not.toBe(resumed);
    await step({ to: 'resolved', solutionSummary: 'Restart.', fulfilment: 'temporary' });
    await expectDueInStep(ticket.id);
    clock.advance(24 * 3_600_000);
    const reopened = await requester.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', reason: 'Masih terjadi.' });
    expect(reopened.status).toBe(200);
    expect(await expectDueInStep(ticket.id)).not.toBe(retargeted);
  });

  it('follows any write to the clock, and sorts a team queue by priority, then due date, then age', async () => {
    const sd = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM teams WHERE code = 'SD'`)).rows[0]?.id);
    const filed = [];
    for (let n = 0; n < 4; n++) {
      clock.advance(60_000);
      filed.push(await file(requester));
    }
    const [a, b, c, d] = filed as [(typeof filed)[number], (typeof filed)[number], (typeof filed)[number], (typeof filed)[number]];
    for (const x of [a, b, c, d]) await t.ctx.db.execute(sql`UPDATE tickets SET team_id = ${sd}, priority = 'P5' WHERE id = ${x.id}`);
    // A writer that knows nothing of the copy (as a bulk load would) still moves it.
    const set = (id: number, at: string | null) =>
      t.ctx.db.execute(sql`UPDATE ticket_slas SET resolution_due_at = ${at}::timestamptz WHERE ticket_id = ${id}`);
    await set(a.id, '2027-03-01T00:00:00Z');
    await set(b.id, '2027-02-01T00:00:00Z');
    await set(c.id, null);
    await t.ctx.db.execute(sql`DELETE FROM ticket_slas WHERE ticket_id = ${d.id}`);
    expect((await dueDates(a.id)).copy).toBe('2027-03-01T00:00:00.000Z');
    expect((await dueDates(c.id)).copy).toBeNull();
    expect((await dueDates(d.id)).copy).toBeNull();
    const queue = await lead.get(`/api/v1/tickets?teamId=${sd}&status=new,assigned,in_progress,pending&sort=priority&pageSize=100`);
    const ids = (queue.body.items as { id: number }[]).map((i) => i.id);
    // P5 comes last; within it, due first, then tickets without a due date, older first.
    expect(ids.slice(-4)).toEqual([b.id, a.id, c.id, d.id]);
    const byDue = (await lead.get(`/api/v1/tickets?teamId=${sd}&sort=due&pageSize=100`)).body.items as { id: number }[];
    expect(byDue.map((i) => i.id).indexOf(b.id)).toBeLessThan(byDue.map((i) => i.id).indexOf(a.id));
  });
});

describe('number search', () => {
  it('finds tickets by a partial number alone: year and first digits, a type prefix, digits', async () => {
    const ticket = await file(requester, { title: 'Proyektor ruang rapat mati' });
    const [, year, seq] = ticket.number.split('-') as [string, string, string];
    const other = await file(requester, { title: `Laporan ${seq} untuk audit` }); // the digits in a title, not a number
    const found = async (q: string) =>
      ((await agent.get(`/api/v1/tickets?q=${encodeURIComponent(q)}&pageSize=100`)).body.items as { id: number; number: string }[]).map(
        (i) => i.number,
      );
    for (const q of [`${year}-${seq.slice(0, 5)}`, `inc-${year}-${seq}`, seq, seq.slice(-4), `${year}-`, `INC-${year}-0`]) {
      const numbers = await found(q);
      expect(numbers, q).toContain(ticket.number);
      for (const n of numbers) expect(n.toLowerCase(), q).toContain(q.toLowerCase());
    }
    expect(await found(seq)).not.toContain(other.number);
    expect(await found(`${year}-${seq}9`)).toEqual([]);
    // Words still search the text (and a number typed whole through its parts there).
    expect(await found('proyektor ruang')).toContain(ticket.number);
  });
});

describe('dashboard counts from the report summaries', () => {
  type Counts = { total: number; byStatus: { status: string; count: number }[]; byUnit: { unit: { id: number }; count: number }[] };
  const shape = (c: Counts) => ({
    total: c.total,
    status: Object.fromEntries(c.byStatus.map((s) => [s.status, s.count])),
    unit: Object.fromEntries(c.byUnit.map((u) => [u.unit.id, u.count])),
  });

  /** The direct count the summaries replace: every visible ticket created in the reader's days. */
  async function direct(email: string, from: string, to: string) {
    const actor = await loadActor(t.ctx.db, await userId(email));
    if (!actor) throw new Error(email);
    const zone = await readerTimeZone(t.ctx.db, actor);
    const { rows } = await t.ctx.db.execute<{ status: string | null; unit_id: number | null; n: number }>(sql`
      SELECT tickets.status, tickets.unit_id, count(*)::int AS n FROM tickets WHERE ${visibleTickets(actor)}
        AND tickets.created_at >= (${from}::date::timestamp AT TIME ZONE ${zone})
        AND tickets.created_at < ((${to}::date + 1)::timestamp AT TIME ZONE ${zone})
      GROUP BY GROUPING SETS ((tickets.status), (tickets.unit_id))`);
    const status: Record<string, number> = Object.fromEntries(rows.filter((r) => r.status !== null).map((r) => [r.status, r.n]));
    return {
      total: Object.values(status).reduce((sum, n) => sum + n, 0),
      status,
      unit: Object.fromEntries(rows.filter((r) => r.unit_id !== null).map((r) => [Number(r.unit_id), r.n])),
    };
  }

  const READERS = [
    'bambang@nusantara.test', // executive: the whole organisation
    'budi@nusantara.test', // agent: his company and his team's tickets elsewhere
    'dewi@nusantara.test', // team lead
    'siti@nusantara.test', // requester: her unit
    'arif@arduo.test', // another company, in WITA
    'andi@nusantara.test', // service provider
  ];
  const PERIODS: Record<string, string>[] = [
    {},
    { from: '2027-01-01', to: '2027-01-31' },
    { from: '2026-12-30', to: '2027-01-01' },
    { from: '2026-12-31', to: '2026-12-31' },
  ];

  async function expectEqualToDirect() {
    for (const email of READERS) {
      const client = await t.signIn(email);
      for (const period of PERIODS) {
        const res = await client.get(`/api/v1/tickets/counts?${new URLSearchParams(period)}`);
        expect(res.status, email).toBe(200);
        expect(shape(res.body), `${email} ${JSON.stringify(period)}`).toEqual(await direct(email, res.body.from, res.body.to));
      }
    }
  }

  it('equals the direct count for every role, across company calendars, after creates and transitions', async () => {
    clock.at('2026-12-31T16:30:00Z');
    const arif = await t.signIn('arif@arduo.test');
    const jakarta = await file(requester);
    const makassar = await file(arif, { title: 'Printer OU Jakarta macet' });
    // Someone who sees a ticket only as its watcher (another company's requester).
    await t.ctx.db.execute(
      sql`INSERT INTO ticket_watchers (ticket_id, user_id) VALUES (${jakarta.id}, ${await userId('arif@arduo.test')})`,
    );
    clock.at('2027-01-01T02:00:00Z');
    await file(requester);
    await file(arif);
    const me = await userId('budi@nusantara.test');
    await agent.post(`/api/v1/tickets/${jakarta.id}/transitions`, { to: 'in_progress', assigneeId: me });
    await agent.post(`/api/v1/tickets/${jakarta.id}/transitions`, { to: 'resolved', solutionSummary: 'Restart.', fulfilment: 'temporary' });
    await arif.post(`/api/v1/tickets/${makassar.id}/transitions`, { to: 'cancelled', reason: 'Sudah normal.' });
    await expectEqualToDirect();

    // The Makassar ticket is December's for a Jakarta reader, January's for its company.
    const executive = await t.signIn('bambang@nusantara.test');
    const december = (await executive.get('/api/v1/tickets/counts?from=2026-12-31&to=2026-12-31')).body as Counts;
    const january = (await (await t.signIn('arif@arduo.test')).get('/api/v1/tickets/counts?from=2027-01-01&to=2027-01-01')).body as Counts;
    expect(december.total).toBeGreaterThanOrEqual(2);
    expect(january.total).toBeGreaterThanOrEqual(2);
  });
});

describe('word search reads a bounded number of tickets whatever the word', () => {
  // Seven tickets filed a minute apart, newest last; four mention the word, the oldest of them is P1.
  const titles = ['kabelzebra A', 'kabelzebra B', 'Monitor C', 'Monitor D', 'kabelzebra E', 'Monitor F', 'kabelzebra G'];
  let matches: number[]; // newest first
  let oldestP1: number;
  let actor: Actor;
  // `commonAtLeast` above the sample: when the walk falls short the words count as rare (the index answers).
  const bounds = (o: Partial<SearchBounds>): SearchBounds => ({
    window: 3,
    candidates: 2,
    rareBelow: 2,
    sample: 3,
    commonAtLeast: 4,
    ...o,
  });
  const ids = async (q: Record<string, string>, b: SearchBounds) =>
    (await listTickets(t.ctx.db, actor, listQuery.parse({ q: 'kabelzebra', ...q }), b)).items.map((i) => i.id);

  beforeAll(async () => {
    const filed: { id: number; title: string }[] = [];
    for (const [i, title] of titles.entries()) {
      clock.at(new Date(Date.UTC(2031, 0, 6, 2, i)).toISOString());
      filed.push({ id: (await file(requester, { title })).id, title });
    }
    matches = filed
      .filter((f) => f.title.startsWith('kabelzebra'))
      .map((f) => f.id)
      .reverse();
    oldestP1 = filed[0]?.id as number;
    await t.ctx.db.execute(sql`UPDATE tickets SET priority = CASE WHEN id = ${oldestP1} THEN 'P1' ELSE 'P4' END WHERE id IN ${matches}`);
    const loaded = await loadActor(t.ctx.db, await userId('budi@nusantara.test'));
    if (!loaded) throw new Error('budi');
    actor = loaded;
  });

  it('newest first: the newest tickets give the page when they hold it, else every match is fetched — the same pages', async () => {
    const newest = (page: number, pageSize: number, window = 3) =>
      ids({ page: String(page), pageSize: String(pageSize) }, bounds({ window }));
    // The newest three tickets hold two matches: a page of one (and the one more that says a page follows) comes from them.
    expect(await newest(1, 1)).toEqual(matches.slice(0, 1));
    // The second page needs a third match, older than the newest three: every match is fetched.
    expect(await newest(2, 1)).toEqual(matches.slice(1, 2));
    expect(await newest(1, 50)).toEqual(matches);
    expect(await newest(2, 2)).toEqual(matches.slice(2, 4));
    expect(await newest(1, 50, 0)).toEqual(matches);
    expect(await newest(1, 2, 1_000_000)).toEqual(matches.slice(0, 2));
    // Common words (two of the three newest tickets hold them) after a short walk: the planner's own plan, the same pages.
    const planned = (page: number, pageSize: number) =>
      ids({ page: String(page), pageSize: String(pageSize) }, bounds({ commonAtLeast: 2 }));
    expect(await planned(2, 1)).toEqual(matches.slice(1, 2));
    expect(await planned(1, 50)).toEqual(matches);
    const page = await listTickets(t.ctx.db, actor, listQuery.parse({ q: 'kabelzebra', pageSize: 3 }), bounds({}));
    expect(page.totalCapped).toBe(true); // a fourth match follows
  });

  it('in another order ranks the newest matches when the words are common, and every match when they are rare', async () => {
    const byPriority = (b: SearchBounds) => ids({ sort: 'priority', pageSize: '50' }, b);
    const [g, e, b] = matches;
    // Two matches among the newest three (G, E): common enough — they are ranked (same priority: due first,
    // i.e. the older first); the old P1 is not among them.
    expect(await byPriority(bounds({}))).toEqual([e, g]);
    // At most `candidates` of the newest matches are ranked.
    expect(await byPriority(bounds({ window: 100, candidates: 3 }))).toEqual([b, e, g]);
    // Fewer than `rareBelow` among the newest: the index lists every match, the old P1 first.
    expect(await byPriority(bounds({ rareBelow: 3 }))).toEqual([oldestP1, b, e, g]);
    expect(await byPriority(bounds({ rareBelow: 3, commonAtLeast: 2 }))).toEqual([oldestP1, b, e, g]);
    expect(await ids({ sort: 'created', pageSize: '50' }, bounds({ rareBelow: 3 }))).toEqual([...matches].reverse());
    // The page says how many recent matches were ranked, so the screen can say so; null when every match was.
    const ranking = async (q: Record<string, string>, b: SearchBounds) =>
      (await listTickets(t.ctx.db, actor, listQuery.parse({ q: 'kabelzebra', pageSize: '50', ...q }), b)).rankedAmong;
    expect(await ranking({ sort: 'priority' }, bounds({}))).toBe(2);
    expect(await ranking({ sort: 'priority' }, bounds({ window: 100, candidates: 3 }))).toBe(3);
    // Fewer than may be ranked, but older tickets lie beyond the window: some matches may be left out.
    expect(await ranking({ sort: 'priority' }, bounds({ candidates: 100 }))).toBe(2);
    // A page past the ranked matches is empty and says so (an export pages until one comes back empty).
    expect(await ids({ sort: 'priority', page: '2', pageSize: '2' }, bounds({}))).toEqual([]);
    expect(await ranking({ sort: 'priority', page: '2', pageSize: '2' }, bounds({}))).toBe(2);
    expect(await ranking({ sort: 'priority' }, bounds({ rareBelow: 3 }))).toBeNull();
    // Every ticket within the window and fewer matches than may be ranked: every match was ranked.
    expect(await ranking({ sort: 'priority' }, bounds({ window: 1_000_000, candidates: 100 }))).toBeNull();
    expect(await ranking({ sort: '-created' }, bounds({}))).toBeNull();
    expect((await listTickets(t.ctx.db, actor, listQuery.parse({ sort: 'priority' }), bounds({}))).rankedAmong).toBeNull();
  });
});
