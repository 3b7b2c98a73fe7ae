import type { Locale } from '@ish/shared';
import { type AnyColumn, and, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import { referenceCache } from '../../platform/cache/reference.ts';
import { cacheBusOf, type Tx } from '../../platform/db/client.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { toCsv, toXlsx } from '../../platform/files/spreadsheet.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { isoInstant } from '../../platform/time/instant.ts';
import { dayRange, daysOrMonth, lastDayOf, shiftPeriod } from '../../platform/time/zoned.ts';
import { companies, companyDaysCondition, companyTimeZone, teamIdsOf } from '../org/index.ts';
import { OPEN_STATUSES } from './tickets.lifecycle.ts';
import { visibleTickets } from './tickets.policy.ts';
import { starsOf } from './tickets.priority.ts';
import { permanentPendingCondition } from './tickets.resolution.ts';
import type { CountsQuery, ListQuery } from './tickets.schemas.ts';
import { TICKET_STATUSES, type TicketStatus, ticketStatusLabels, tickets } from './tickets.tables.ts';

// Read models join other modules' tables for display names only; writes never cross modules.

const labelCache = referenceCache<ReadonlyMap<string, string>>('ticket_status_labels');

/** Status display names: the admin's labels per locale (cached; a change drops them at once), else the built-in translation. */
export async function statusLabels(tx: Tx, locale: Locale): Promise<(status: TicketStatus) => string> {
  const custom = await labelCache(tx, locale, async () => {
    const rows = await tx.select().from(ticketStatusLabels).where(eq(ticketStatusLabels.locale, locale));
    return new Map(rows.map((r) => [r.status, r.label]));
  });
  return (status) => custom.get(status) ?? t(locale, `tickets.status.${status}`);
}

/**
 * Input that looks like (part of) a ticket number: digits, optionally after a type prefix and with
 * dashes or dots between groups (`2025-0012`, `INC-2025-00`, `000123`).
 */
const NUMBER_LIKE = /^(?:\p{L}{1,10}-)?\d[\d-]*$/u;

/**
 * A number search through the trigram index on `number` alone. The index is asked for the input's
 * most selective digits (its longest digit run that is not a year: `0012` of `2025-0012`), since
 * the trigrams of a year or a type prefix are in a third of all numbers and GIN reads every one of
 * them; the whole input is then checked on those candidates (a plain substring test, case-insensitive).
 */
function numberCondition(q: string): SQL {
  const runs = (q.match(/\d+/g) ?? []).filter((run) => !/^(19|20)\d\d$/.test(run));
  const core = runs.reduce((best, run) => (run.length > best.length ? run : best), '');
  const whole = sql`strpos(lower(${tickets.number}), ${q.toLowerCase()}) > 0`;
  if (core.length < 3 || core === q) return sql`${tickets.number} ILIKE ${`%${q.replace(/[%_\\]/g, '\\$&')}%`}`;
  return sql`${tickets.number} LIKE ${`%${core}%`} AND ${whole}`;
}

/** Words for a prefix tsquery: `jarin kant` → `jarin:* & kant:*` (tolerant of Indonesian affixes). */
function prefixQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

export async function queueCondition(tx: Tx, actor: Actor, queue: ListQuery['queue']): Promise<SQL | undefined> {
  const open = statusIn(OPEN_STATUSES);
  switch (queue) {
    case 'mine':
      return and(eq(tickets.assigneeId, actor.userId), open);
    case 'team': {
      const teams = await teamIdsOf(tx, actor.userId);
      return teams.length ? and(inArray(tickets.teamId, teams), open) : sql`false`;
    }
    case 'unassigned':
      return and(isNull(tickets.assigneeId), open);
    case 'open':
      return open;
    case 'my_requests':
      return eq(tickets.requesterId, actor.userId);
    case 'my_unit':
      return eq(tickets.unitId, actor.unitId);
    case 'breaching':
      // Warned or breached and still open: what a lead must look at first.
      return and(
        open,
        sql`EXISTS (SELECT 1 FROM ticket_slas s WHERE s.ticket_id = ${tickets.id} AND s.resolution_outcome IS NULL
        AND (s.warned_percent > 0 OR s.response_breached OR s.resolution_breached))`,
      );
    case 'all':
      return undefined;
  }
}

/** A target's state: its outcome once decided, else breached once the checker flagged it (as the reports count it). */
const slaState = (target: 'response' | 'resolution') =>
  sql.raw(`coalesce(s.${target}_outcome, CASE WHEN s.${target}_breached THEN 'breached' END)`);

function slaCondition(filter: NonNullable<ListQuery['sla']>): SQL {
  const response = slaState('response');
  const resolution = slaState('resolution');
  const which =
    filter === 'response_breached'
      ? sql`${response} = 'breached'`
      : filter === 'resolution_breached'
        ? sql`${resolution} = 'breached'`
        : filter === 'breached'
          ? sql`(${response} = 'breached' OR ${resolution} = 'breached')`
          : sql`(${response} = 'met' AND ${resolution} = 'met')`;
  return sql`EXISTS (SELECT 1 FROM ticket_slas s WHERE s.ticket_id = ${tickets.id} AND ${which})`;
}

// Sort keys live on the ticket row (the resolution due date is the SLA clock's, copied by a trigger), so a
// queue's first page is read in index order (tickets_team_queue_idx and its kin) without sorting the backlog.
const SORTS = {
  // Within a priority, the ticket whose resolution is due first comes first.
  priority: [tickets.priority, tickets.resolutionDueAt, tickets.createdAt],
  created: [tickets.createdAt],
  updated: [tickets.updatedAt],
  number: [tickets.number],
  due: [tickets.resolutionDueAt, tickets.createdAt],
} as const;

/**
 * `status IN (...)` with the statuses written out rather than sent as parameters: the queue indexes
 * cover open tickets only, and the planner can use a partial index only when it sees the values
 * (also in a cached generic plan). The values come from the closed set of statuses.
 */
function statusIn(statuses: readonly TicketStatus[]): SQL {
  const known = statuses.filter((s) => TICKET_STATUSES.includes(s));
  return known.length ? sql.raw(`"tickets"."status" IN (${known.map((s) => `'${s}'`).join(', ')})`) : sql`false`;
}

/**
 * Where a page's ids are picked from: the table as the planner sees fit; the newest tickets walked
 * newest first; the newest matches among them (ranked in the page's order); or the tickets matching
 * the words (the full-text index alone).
 */
type PageSource =
  | { from: 'tickets' }
  | { from: 'newest'; bounds: SearchBounds }
  | { from: 'candidates'; bounds: SearchBounds }
  | { from: 'matches'; words: SQL };

/**
 * How far a word search reads. The newest `window` tickets are walked for matches; in an order other
 * than newest first at most `candidates` of them are ranked, when there are at least `rareBelow`.
 * When the walk falls short, the words are rare if fewer than `commonAtLeast` of the newest `sample`
 * tickets hold them: the full-text index lists every match; else the other conditions are what is
 * selective (a team's open queue) and the planner reads them through their own index.
 */
export interface SearchBounds {
  window: number;
  candidates: number;
  rareBelow: number;
  sample: number;
  commonAtLeast: number;
}
const SEARCH_BOUNDS: SearchBounds = { window: 10_000, candidates: 500, rareBelow: 50, sample: 1_000, commonAtLeast: 5 };

const newest = (bounds: SearchBounds) => sql`(SELECT * FROM tickets ORDER BY created_at DESC, id DESC LIMIT ${bounds.window}) tickets`;

/** The newest matches a search in another order ranks; they keep what the orders sort by (SORTS), not the whole row. */
const candidates = (where: SQL | undefined, bounds: SearchBounds) => sql`candidates AS MATERIALIZED (
  SELECT tickets.id, tickets.priority, tickets.resolution_due_at, tickets.created_at, tickets.updated_at, tickets.number
  FROM ${newest(bounds)} WHERE ${where}
  ORDER BY created_at DESC, id DESC LIMIT ${bounds.candidates})`;

function pageQuery(source: PageSource, where: SQL | undefined, orderBy: SQL, limit: number, offset: number): SQL {
  const pick = (from: SQL, filter = sql`WHERE ${where}`) =>
    sql`page AS (SELECT tickets.id FROM ${from} ${filter} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset})`;
  if (source.from === 'tickets') return sql`WITH ${pick(sql`tickets`)}`;
  if (source.from === 'newest') return sql`WITH ${pick(newest(source.bounds))}`;
  if (source.from === 'candidates') return sql`WITH ${candidates(where, source.bounds)}, ${pick(sql`candidates tickets`, sql``)}`;
  // MATERIALIZED: the full-text index answers first and alone; the other conditions (a BitmapAnd with a
  // company's 400 000 tickets would cost more than the few matches) and the order apply to its matches.
  return sql`WITH matches AS MATERIALIZED (SELECT id FROM tickets WHERE ${source.words}),
    ${pick(sql`matches JOIN tickets ON tickets.id = matches.id`)}`;
}

/**
 * A word search's page, bounded whatever the word. Walking the newest tickets for matches is fastest
 * for a common word but reads every ticket for a rare one (seconds at a million); the full-text index
 * is fastest for a rare word but slow for a common one (a sixth of the table: seconds again, sorted).
 * Newest first, the walk's page is exact when the window holds it (and the one more row that says
 * another follows), since every match outside is older. In another order the newest matches are
 * ranked — the search reads like "recent tickets about printers, most urgent first". When the walk
 * falls short, a sample of the newest tickets tells rare words (the index lists every match) from
 * selective conditions (the planner's own choice).
 */
async function wordSearchPage<T>(
  tx: Tx,
  pageFrom: (source: PageSource) => Promise<{ rows: T[] }>,
  countCandidates: () => Promise<number>,
  words: SQL,
  newestFirst: boolean,
  limit: number,
  offset: number,
  bounds: SearchBounds,
): Promise<{ rows: T[]; rankedAmong: number | null }> {
  if (newestFirst) {
    const newest = await pageFrom({ from: 'newest', bounds });
    if (newest.rows.length === limit) return { rows: newest.rows, rankedAmong: null };
  } else {
    const ranked = await pageFrom({ from: 'candidates', bounds });
    // Each row carries the number ranked; a page past them has no row to carry it.
    const found = ranked.rows.length
      ? Number((ranked.rows[0] as { candidates: number }).candidates)
      : offset > 0
        ? await countCandidates()
        : 0;
    // The ranking may leave matches out when it took as many as it may, or when older tickets lie beyond the window.
    if (found >= bounds.rareBelow)
      return { rows: ranked.rows, rankedAmong: found >= bounds.candidates || (await beyondWindow(tx, bounds)) ? found : null };
  }
  const { rows } = await tx.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM (SELECT search FROM tickets ORDER BY created_at DESC, id DESC LIMIT ${bounds.sample}) newest
    WHERE ${words}`);
  const page = await pageFrom((rows[0]?.n ?? 0) < bounds.commonAtLeast ? { from: 'matches', words } : { from: 'tickets' });
  return { rows: page.rows, rankedAmong: null };
}

/** Whether any ticket is older than the newest `window` (an index-only walk of the window). */
async function beyondWindow(tx: Tx, bounds: SearchBounds): Promise<boolean> {
  const { rows } = await tx.execute(sql`SELECT 1 FROM tickets ORDER BY created_at DESC, id DESC OFFSET ${bounds.window} LIMIT 1`);
  return rows.length > 0;
}

/** Counting every match costs seconds at a million tickets; beyond this the total says "more than" and people refine their filters. */
export const COUNT_CAP = 1_000;

/**
 * A queue or unit list: a queue, statuses, priorities or a type, perhaps one team's, assignee's or unit's (the
 * columns the queue indexes lead with), sorted. Its page and count run as named prepared statements with one
 * generic plan per connection (checked at a million tickets: the same index-ordered plan as a custom one).
 * Searches, date ranges and filters by a category, service, company, requester, channel, tag or SLA state are
 * planned for their values each time: their best plan depends on how many rows the value matches (a common
 * word reads `created_at` backwards, a rare one the full-text index; the generic plan of a word search took 7 s).
 */
function queueShaped(query: ListQuery): boolean {
  const { queue, status, priority, type, sort, page, pageSize, teamId, assigneeId, unitId, ...rest } = query;
  return Object.values(rest).every((value) => value === undefined || (Array.isArray(value) && value.length === 0));
}

/** One page of the tickets the actor may see, filtered, searched and sorted. */
export async function listTickets(tx: Tx, actor: Actor, query: ListQuery, search: SearchBounds = SEARCH_BOUNDS) {
  const conditions: (SQL | undefined)[] = [visibleTickets(actor), await queueCondition(tx, actor, query.queue)];
  if (query.status?.length) conditions.push(statusIn(query.status));
  if (query.priority?.length) conditions.push(inArray(tickets.priority, query.priority));
  if (query.type) conditions.push(eq(tickets.type, query.type));
  const byIds = [
    [query.categoryId, tickets.categoryId],
    [query.serviceId, tickets.serviceId],
    [query.companyId, tickets.companyId],
    [query.unitId, tickets.unitId],
    [query.teamId, tickets.teamId],
    [query.assigneeId, tickets.assigneeId],
    [query.requesterId, tickets.requesterId],
  ] as const;
  for (const [values, column] of byIds) if (values?.length) conditions.push(inArray(column, values));
  if (query.channel?.length) conditions.push(inArray(tickets.channel, query.channel));
  if (query.tag?.length) conditions.push(sql`${tickets.tags} @> ${sql.param(query.tag)}::text[]`);
  if (query.createdFrom || query.createdTo)
    conditions.push(
      await companyDaysCondition(tx, { companyId: tickets.companyId, at: tickets.createdAt }, query.createdFrom, query.createdTo),
    );
  if (query.resolvedFrom || query.resolvedTo)
    conditions.push(
      await companyDaysCondition(tx, { companyId: tickets.companyId, at: tickets.resolvedAt }, query.resolvedFrom, query.resolvedTo),
    );
  if (query.sla) conditions.push(slaCondition(query.sla));
  if (query.permanentPending) conditions.push(permanentPendingCondition());
  // A partial ticket number matches by substring through the trigram index; words through the full-text index
  // (which also holds the number's parts, so a word search still finds a number typed whole).
  const tsquery = query.q && !NUMBER_LIKE.test(query.q) ? prefixQuery(query.q) : null;
  const words = tsquery ? sql`search @@ to_tsquery('simple', unaccent_immutable(${tsquery}))` : null;
  if (query.q) conditions.push(words ?? numberCondition(query.q));
  const where = and(...conditions);
  const direction = query.sort.startsWith('-') ? 'desc' : 'asc';
  const key = query.sort.replace('-', '') as keyof typeof SORTS;
  const order = SORTS[key].map((column) => (direction === 'desc' ? desc(column) : asc(column)));
  const offset = (query.page - 1) * query.pageSize;

  // A search does not count its matches (a common word is in a sixth of all tickets): one row more
  // than the page says whether another page follows. Lists count, up to COUNT_CAP.
  const probe = query.q ? 1 : 0;
  const orderBy = sql`${sql.join(order, sql`, `)}, tickets.id DESC`;
  // Reference names from this process's cache where there is one (not inside a transaction, which must read its own writes).
  const cachedNames = cacheBusOf(tx) !== null;
  const run = (db: Tx, statement: SQL) => (queueShaped(query) ? prepared(db, statement, { genericPlan: true }) : db.execute(statement));
  // The page is chosen on tickets and their SLA alone; names are looked up for its rows only.
  const pageFrom = (source: PageSource) =>
    run(
      tx,
      sql`
      ${pageQuery(source, where, orderBy, query.pageSize + probe, offset)}
      SELECT ${summaryColumns(actor.locale, !cachedNames)}${source.from === 'candidates' ? sql`, (SELECT count(*)::int FROM candidates) AS candidates` : sql``}
      FROM page JOIN tickets ON tickets.id = page.id ${summaryJoins()}
      ORDER BY ${orderBy}`,
    );
  const countCandidates = async () =>
    Number(
      (
        (await tx.execute(sql`WITH ${candidates(where, search)} SELECT count(*)::int AS n FROM candidates`)).rows[0] as
          | { n: number }
          | undefined
      )?.n ?? 0,
    );
  const [rows, counted] = await Promise.all([
    words
      ? wordSearchPage(tx, pageFrom, countCandidates, words, query.sort === '-created', query.pageSize + probe, offset, search)
      : pageFrom({ from: 'tickets' }).then((r) => ({ rows: r.rows, rankedAmong: null })),
    query.q
      ? null
      : run(tx, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM tickets WHERE ${where} LIMIT ${COUNT_CAP + 1}) matching`).then(
          (r) => (r.rows[0] as { n: number } | undefined)?.n ?? 0,
        ),
  ]);
  const label = await statusLabels(tx, actor.locale);
  const more = rows.rows.length > query.pageSize;
  const page = rows.rows.slice(0, query.pageSize) as unknown as SummaryRow[];
  if (cachedNames) await nameReferences(tx, actor.locale, page);
  const total = counted ?? offset + Math.min(rows.rows.length, query.pageSize) + (more ? 1 : 0);
  return {
    items: page.map((r) => presentSummary(r, label)),
    total: Math.min(total, COUNT_CAP),
    totalCapped: counted === null ? more : counted > COUNT_CAP,
    rankedAmong: rows.rankedAmong,
    page: query.page,
    pageSize: query.pageSize,
  };
}

// Display names come from scalar subqueries, not joins: with eight joined tables the planner spent
// three times longer choosing a join order than running the query.
const nameOf = (table: string, id: SQL | AnyColumn, column = 'name') =>
  sql`(SELECT ${sql.identifier(column)} FROM ${sql.identifier(table)} WHERE id = ${id})`;

/** Reference tables whose names a summary shows; changes to them announce themselves (migrations 0113, 0116). */
const REFERENCES = [
  { field: 'category', table: 'ticket_categories', column: (locale: Locale) => (locale === 'en' ? 'name_en' : 'name_id') },
  { field: 'service', table: 'business_services', column: () => 'name' },
  { field: 'company', table: 'companies', column: () => 'name' },
  { field: 'unit', table: 'units', column: () => 'name' },
  { field: 'team', table: 'teams', column: () => 'name' },
] as const;
const nameCaches = new Map(REFERENCES.map((r) => [r.table, referenceCache<ReadonlyMap<number, string>>(r.table)]));

/**
 * Fills the reference names of summary rows read without them (`summaryColumns(locale, false)`) from this
 * process's cache of each table's names. An id the cached names lack (a row made a moment ago in
 * another process, its announcement still on the way) reads the table afresh.
 */
async function nameReferences(tx: Tx, locale: Locale, rows: SummaryRow[]): Promise<void> {
  for (const { field, table, column } of REFERENCES) {
    const load = async () => {
      const { rows: named } = await tx.execute<{ id: number; name: string }>(
        sql`SELECT id, ${sql.identifier(column(locale))} AS name FROM ${sql.identifier(table)}`,
      );
      return new Map(named.map((r) => [Number(r.id), r.name]));
    };
    let names = await nameCaches.get(table)!(tx, `names:${column(locale)}`, load);
    const ids = rows.map((r) => (r[`${field}_id`] == null ? null : Number(r[`${field}_id`])));
    if (ids.some((id) => id !== null && !names.has(id))) names = await load();
    rows.forEach((r, i) => {
      const id = ids[i];
      r[`${field}_name`] = id == null ? null : (names.get(id) ?? '');
    });
  }
}

/** A summary's columns; `withNames: false` leaves out the reference names for `nameReferences` to fill in. */
export function summaryColumns(locale: Locale, withNames = true) {
  const name = (field: string, subquery: SQL) => (withNames ? sql`${subquery} AS ${sql.identifier(`${field}_name`)},` : sql``);
  return sql`tickets.id, tickets.number, tickets.type, tickets.title, tickets.status, tickets.priority, tickets.urgency, tickets.impact,
    tickets.escalation_level, tickets.tags, tickets.channel, tickets.created_at, tickets.updated_at, tickets.locked, tickets.version,
    ${name('category', nameOf('ticket_categories', tickets.categoryId, locale === 'en' ? 'name_en' : 'name_id'))} tickets.category_id,
    ${name('service', nameOf('business_services', tickets.serviceId))} tickets.service_id,
    ${name('company', nameOf('companies', tickets.companyId))} tickets.company_id,
    ${name('unit', nameOf('units', tickets.unitId))} tickets.unit_id,
    ${name('team', nameOf('teams', tickets.teamId))} tickets.team_id,
    tickets.requester_id, ${nameOf('users', tickets.requesterId)} AS requester_name,
    tickets.assignee_id, ${nameOf('users', tickets.assigneeId)} AS assignee_name,
    sla.ticket_id AS sla_ticket_id, sla.response_due_at AS sla_response_due_at, sla.resolution_due_at AS sla_resolution_due_at,
    sla.response_outcome AS sla_response_outcome, sla.resolution_outcome AS sla_resolution_outcome, sla.paused AS sla_paused,
    sla.response_breached AS sla_response_breached, sla.resolution_breached AS sla_resolution_breached,
    sla.warned_percent AS sla_warned_percent, sla.elapsed_percent AS sla_elapsed_percent`;
}

export function summaryJoins() {
  return sql`LEFT JOIN ticket_slas sla ON sla.ticket_id = tickets.id`;
}

export interface SummaryRow {
  id: number;
  number: string;
  type: 'incident' | 'request' | 'question';
  title: string;
  status: TicketStatus;
  priority: 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
  urgency: 'high' | 'medium' | 'low';
  impact: 'high' | 'medium' | 'low';
  escalation_level: number;
  tags: string[];
  channel: 'web' | 'email' | 'phone' | 'walk_in' | 'web_form';
  created_at: Date | string;
  updated_at: Date | string;
  locked: boolean;
  version: number;
  [key: `${string}_id` | `${string}_name` | `sla_${string}`]: unknown;
}

const named = (id: unknown, name: unknown) => (id == null ? null : { id: Number(id), name: String(name ?? '') });
const iso = isoInstant;

export function presentSummary(r: SummaryRow, label: (s: TicketStatus) => string) {
  return {
    id: Number(r.id),
    number: r.number,
    type: r.type,
    title: r.title,
    status: r.status,
    statusLabel: label(r.status),
    priority: r.priority,
    stars: starsOf(r.priority),
    urgency: r.urgency,
    impact: r.impact,
    category: named(r.category_id, r.category_name),
    service: named(r.service_id, r.service_name),
    company: named(r.company_id, r.company_name),
    unit: named(r.unit_id, r.unit_name),
    requester: named(r.requester_id, r.requester_name),
    team: named(r.team_id, r.team_name),
    assignee: named(r.assignee_id, r.assignee_name),
    escalationLevel: Number(r.escalation_level),
    tags: r.tags ?? [],
    channel: r.channel,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    locked: r.locked,
    version: Number(r.version),
    sla: presentSla(r),
  };
}

/** The SLA badge: amber once the warning threshold passed, red once breached, grey while paused. */
function presentSla(r: SummaryRow) {
  if (r.sla_ticket_id == null) return null;
  const outcome = (r.sla_resolution_outcome as 'met' | 'breached' | null) ?? null;
  const breached = r.sla_response_breached === true || r.sla_resolution_breached === true;
  const state = outcome ?? (r.sla_paused ? 'paused' : breached ? 'breached' : Number(r.sla_warned_percent) > 0 ? 'warning' : 'ok');
  const at = (v: unknown) => (v == null ? null : isoInstant(v as string));
  return {
    state: state as 'ok' | 'warning' | 'breached' | 'paused' | 'met',
    responseDueAt: at(r.sla_response_due_at),
    resolutionDueAt: at(r.sla_resolution_due_at),
    responseOutcome: (r.sla_response_outcome as 'met' | 'breached' | null) ?? null,
    resolutionOutcome: outcome,
    elapsedPercent: Math.round(Number(r.sla_elapsed_percent ?? 0)),
  };
}

const EXPORT_LIMIT = 10_000;

/** The filtered list as CSV or XLSX with translated headers, for spreadsheets and archives (001 §3.7). */
export async function exportTickets(tx: Tx, actor: Actor, query: ListQuery, format: 'csv' | 'xlsx' = 'csv'): Promise<Buffer> {
  const rows: ReturnType<typeof presentSummary>[] = [];
  for (let page = 1; rows.length < EXPORT_LIMIT; page++) {
    const result = await listTickets(tx, actor, { ...query, page, pageSize: 200 });
    rows.push(...result.items);
    if (result.items.length < 200) break;
  }
  const columns = [
    'number',
    'title',
    'type',
    'status',
    'priority',
    'category',
    'service',
    'company',
    'unit',
    'requester',
    'team',
    'assignee',
    'createdAt',
    'updatedAt',
  ] as const;
  const header = columns.map((c) => t(actor.locale, `tickets.export.${c}`));
  const zone = await readerTimeZone(tx, actor);
  const when = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' });
  const body = rows
    .slice(0, EXPORT_LIMIT)
    .map((r) => [
      r.number,
      r.title,
      t(actor.locale, `tickets.type.${r.type}`),
      r.statusLabel,
      r.priority,
      r.category?.name,
      r.service?.name,
      r.company?.name,
      r.unit?.name,
      r.requester?.name,
      r.team?.name,
      r.assignee?.name,
      when.format(new Date(r.createdAt)),
      when.format(new Date(r.updatedAt)),
    ]);
  return format === 'xlsx' ? toXlsx(t(actor.locale, 'tickets.export.sheet'), header, body) : Buffer.from(toCsv(header, body), 'utf8');
}

/** The calendar a reader's dates are read in: their own zone, else their company's. */
export async function readerTimeZone(tx: Tx, actor: Actor): Promise<string> {
  return actor.timeZone ?? (await companyTimeZone(tx, actor.companyId));
}

/**
 * Where the actor sees tickets by their place (`ticket:read` scope) or team: the part of `visibleTickets`
 * the report summaries can answer, over any relation with company_id, unit_path and team_id.
 */
function placedFor(actor: Actor, alias: string): SQL {
  const col = (name: string) => sql.raw(`${alias}.${name}`);
  return sql`(${scopeCondition(actor, 'ticket:read', { companyId: col('company_id'), unitPath: col('unit_path') })}
    OR ${col('team_id')} IN (SELECT m.team_id FROM team_members m WHERE m.user_id = ${actor.userId}))`;
}

/**
 * The reports' ticket summaries over whole days [from, to] (`report_ticket_months` for whole months, days for
 * the rest), aliased `d`. The reports module keeps them in the same transaction as every ticket write (signed
 * rows, summed on read), so they are exact; their days are each ticket's company's days.
 */
function summaryOver(from: string, to: string): SQL {
  const columns = sql.raw('company_id, unit_id, unit_path, team_id, status, tickets');
  const wholeFrom = from.endsWith('-01') ? from : `${shiftPeriod(from.slice(0, 7), 1)}-01`;
  const wholeTo = to === lastDayOf(to.slice(0, 7)) ? to : lastDayOf(shiftPeriod(to.slice(0, 7), -1));
  if (wholeFrom > wholeTo) return sql`(SELECT ${columns} FROM report_ticket_days WHERE day BETWEEN ${from}::date AND ${to}::date) d`;
  return sql`(SELECT ${columns} FROM report_ticket_months WHERE month BETWEEN ${wholeFrom}::date AND ${wholeTo}::date
    UNION ALL SELECT ${columns} FROM report_ticket_days
    WHERE day BETWEEN ${from}::date AND ${to}::date AND day NOT BETWEEN ${wholeFrom}::date AND ${wholeTo}::date) d`;
}

type Span = { from: Date; to: Date };

/**
 * For each company whose calendar is not the reader's: the tickets between the two calendars' period
 * edges, +1 where only the reader's period holds them, −1 where only the company's (the summaries') does.
 */
function edgeCorrections(actor: Actor, reader: Span, companies: (Span & { id: number })[]): SQL {
  const inside = (p: Span) => sql`CASE WHEN t.created_at >= ${p.from} AND t.created_at < ${p.to} THEN 1 ELSE 0 END`;
  const between = (a: Date, b: Date) => sql`(t.created_at >= ${a < b ? a : b} AND t.created_at < ${a < b ? b : a})`;
  const edges = companies.map(
    (c) => sql`SELECT t.status, t.unit_id, (${inside(reader)}) - (${inside(c)}) FROM tickets t
      WHERE t.company_id = ${c.id} AND (${between(c.from, reader.from)} OR ${between(c.to, reader.to)}) AND ${placedFor(actor, 't')}`,
  );
  return edges.length ? sql.join(edges, sql` UNION ALL `) : sql`SELECT NULL::text, NULL::bigint, 0 WHERE false`;
}

/**
 * Dashboard counts of the tickets the actor may see, created in a period of whole days
 * in their time zone (default: the month `now` falls in): by status and by unit.
 *
 * Read from the report summaries, exactly: (1) the summary cells in the actor's places and teams;
 * (2) for companies whose calendar differs from the reader's, the tickets between the two calendars'
 * period edges (an hour or so), added or taken away; (3) the tickets the actor sees only as their
 * requester, assignee or watcher, counted directly (few; for a requester without a reading scope,
 * that is the whole answer).
 */
export async function countTickets(tx: Tx, actor: Actor, query: CountsQuery, now = new Date()) {
  const zone = await readerTimeZone(tx, actor);
  const { from, to } = daysOrMonth(query, now, zone);
  if (from > to) throw new AppError(400, 'PERIOD_REVERSED');
  const reader = { from: dayRange(from, zone).from, to: dayRange(to, zone).to };
  const others = (await tx.select({ id: companies.id, zone: companies.timeZone }).from(companies).where(ne(companies.timeZone, zone))).map(
    (c) => ({ id: c.id, from: dayRange(from, c.zone).from, to: dayRange(to, c.zone).to }),
  );
  const { rows } = await tx.execute<{ status: TicketStatus | null; unit_id: number | null; unit_name: string | null; n: number }>(sql`
    WITH cells AS (
      SELECT d.status, d.unit_id, d.tickets AS n FROM ${summaryOver(from, to)} WHERE ${placedFor(actor, 'd')}
      UNION ALL
      ${edgeCorrections(actor, reader, others)}
      UNION ALL
      SELECT t.status, t.unit_id, 1 FROM tickets t
      WHERE t.created_at >= ${reader.from} AND t.created_at < ${reader.to} AND NOT coalesce(${placedFor(actor, 't')}, false)
        AND (t.requester_id = ${actor.userId} OR t.assignee_id = ${actor.userId}
          OR t.id IN (SELECT w.ticket_id FROM ticket_watchers w WHERE w.user_id = ${actor.userId})))
    SELECT counted.*, ${nameOf('units', sql`counted.unit_id`)} AS unit_name FROM (
      SELECT status, unit_id, sum(n)::int AS n FROM cells GROUP BY GROUPING SETS ((status), (unit_id)) HAVING sum(n) <> 0) counted`);
  const label = await statusLabels(tx, actor.locale);
  const byStatus = rows.filter((r) => r.status !== null).map((r) => ({ status: r.status as TicketStatus, count: r.n }));
  return {
    from,
    to,
    total: byStatus.reduce((sum, r) => sum + r.count, 0),
    byStatus: byStatus
      .map((r) => ({ ...r, label: label(r.status) }))
      .sort((a, b) => TICKET_STATUSES.indexOf(a.status) - TICKET_STATUSES.indexOf(b.status)),
    byUnit: rows
      .filter((r) => r.unit_id !== null)
      .map((r) => ({ unit: { id: Number(r.unit_id), name: r.unit_name ?? '' }, count: r.n }))
      .sort((a, b) => b.count - a.count || a.unit.name.localeCompare(b.unit.name)),
  };
}
