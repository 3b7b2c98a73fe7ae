import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';

/**
 * The reports' read models over tickets and their SLA clocks: one key row per
 * ticket (`report_ticket_keys`), tickets per day and per month
 * (`report_ticket_days`, `report_ticket_months`) and SLA outcomes per day (`report_sla_days`). Every ticket or SLA change re-reads the ticket in the
 * same transaction and, when what it is counted under changed, appends a −1 row
 * for the old cell and a +1 row for the new one. Appending means two tickets
 * changing at once never wait on one counter row; `compactReports` folds the
 * rows of touched days together within a minute, and reads sum, so they are
 * exact either way.
 */

/** What a ticket is counted under now; days in its company's time zone. */
const FACTS = sql`
  SELECT t.id AS ticket_id, t.company_id, t.unit_id, t.unit_path, t.team_id, t.assignee_id, t.category_id, t.type, t.channel, t.status, t.priority,
    (t.created_at AT TIME ZONE c.time_zone)::date AS created_day,
    CASE WHEN t.status IN ('resolved', 'closed') THEN (coalesce(t.resolved_at, t.closed_at) AT TIME ZONE c.time_zone)::date
         WHEN t.status = 'cancelled' THEN (t.cancelled_at AT TIME ZONE c.time_zone)::date END AS finished_day,
    CASE WHEN s.ticket_id IS NULL THEN 'none' ELSE coalesce(s.response_outcome, CASE WHEN s.response_breached THEN 'breached' ELSE 'open' END) END AS response_state,
    CASE WHEN s.ticket_id IS NULL THEN 'none' ELSE coalesce(s.resolution_outcome, CASE WHEN s.resolution_breached THEN 'breached' ELSE 'open' END) END AS resolution_state,
    CASE WHEN s.response_outcome IS NOT NULL THEN s.response_spent END AS response_minutes,
    CASE WHEN s.resolution_outcome IS NOT NULL THEN s.resolution_spent END AS resolution_minutes,
    (SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 'status_changed' AND e.data->>'action' = 'reopen') AS reopened
  FROM tickets t JOIN companies c ON c.id = t.company_id LEFT JOIN ticket_slas s ON s.ticket_id = t.id`;

const KEY_COLUMNS = [
  'ticket_id',
  'company_id',
  'unit_id',
  'unit_path',
  'team_id',
  'assignee_id',
  'category_id',
  'type',
  'channel',
  'status',
  'priority',
  'created_day',
  'finished_day',
  'response_state',
  'resolution_state',
  'response_minutes',
  'resolution_minutes',
  'reopened',
] as const;

type KeyRow = Record<(typeof KEY_COLUMNS)[number], unknown>;

const DAY_CELL = ['created_day', 'company_id', 'unit_id', 'unit_path', 'team_id', 'status', 'priority'] as const;
const SLA_CELL = ['created_day', 'company_id', 'unit_id', 'unit_path', 'team_id', 'priority', 'category_id'] as const;

/** Dates come back as strings (`::text`), numbers as numbers: comparable by value. */
const same = (a: KeyRow, b: KeyRow, columns: readonly string[]) =>
  columns.every((c) => String(a[c as keyof KeyRow] ?? '') === String(b[c as keyof KeyRow] ?? ''));

const slaCounts = (k: KeyRow) => ({
  response_met: k.response_state === 'met' ? 1 : 0,
  response_breached: k.response_state === 'breached' ? 1 : 0,
  resolution_met: k.resolution_state === 'met' ? 1 : 0,
  resolution_breached: k.resolution_state === 'breached' ? 1 : 0,
});

const selectKey = (where: SQL) =>
  sql`SELECT ${sql.raw(KEY_COLUMNS.map((c) => (c.endsWith('_day') ? `${c}::text AS ${c}` : c)).join(', '))} FROM (${FACTS}) f WHERE ${where}`;

async function appendDay(tx: Tx, k: KeyRow, sign: 1 | -1) {
  await tx.execute(sql`
    INSERT INTO report_ticket_days (day, company_id, unit_id, unit_path, team_id, status, priority, tickets)
    VALUES (${k.created_day}::date, ${k.company_id}, ${k.unit_id}, ${k.unit_path}, ${k.team_id}, ${k.status}, ${k.priority}, ${sign})`);
  await tx.execute(sql`
    INSERT INTO report_ticket_months (month, company_id, unit_id, unit_path, team_id, status, priority, tickets)
    VALUES (date_trunc('month', ${k.created_day}::date)::date, ${k.company_id}, ${k.unit_id}, ${k.unit_path}, ${k.team_id}, ${k.status}, ${k.priority}, ${sign})`);
}

async function appendSla(tx: Tx, k: KeyRow, sign: 1 | -1) {
  const n = slaCounts(k);
  if (!n.response_met && !n.response_breached && !n.resolution_met && !n.resolution_breached) return;
  await tx.execute(sql`
    INSERT INTO report_sla_days (day, company_id, unit_id, unit_path, team_id, priority, category_id, response_met, response_breached, resolution_met, resolution_breached)
    VALUES (${k.created_day}::date, ${k.company_id}, ${k.unit_id}, ${k.unit_path}, ${k.team_id}, ${k.priority}, ${k.category_id},
      ${sign * n.response_met}, ${sign * n.response_breached}, ${sign * n.resolution_met}, ${sign * n.resolution_breached})`);
}

/**
 * Brings one ticket's key and its cells up to date. The key row is locked
 * first and the ticket read after, so of two transactions touching the same
 * ticket (a transition and the SLA checker) the second always sees the first's
 * committed state.
 */
export async function syncTicket(tx: Tx, ticketId: number): Promise<void> {
  const before = (
    await tx.execute<KeyRow>(
      sql`SELECT ${sql.raw(KEY_COLUMNS.map((c) => (c.endsWith('_day') ? `${c}::text AS ${c}` : c)).join(', '))} FROM report_ticket_keys WHERE ticket_id = ${ticketId} FOR UPDATE`,
    )
  ).rows[0];
  const now = (await tx.execute<KeyRow>(selectKey(sql`f.ticket_id = ${ticketId}`))).rows[0];
  if (!now || (before && same(before, now, KEY_COLUMNS))) return;
  if (!before || !same(before, now, DAY_CELL)) {
    if (before) await appendDay(tx, before, -1);
    await appendDay(tx, now, 1);
  }
  const slaBefore = before ? slaCounts(before) : null;
  const slaNow = slaCounts(now);
  if (!before || !same(before, now, SLA_CELL) || JSON.stringify(slaBefore) !== JSON.stringify(slaNow)) {
    if (before) await appendSla(tx, before, -1);
    await appendSla(tx, now, 1);
  }
  const values = sql.join(
    KEY_COLUMNS.map((c) => sql`${now[c]}`),
    sql`, `,
  );
  await tx.execute(sql`
    INSERT INTO report_ticket_keys (${sql.raw(KEY_COLUMNS.join(', '))}) VALUES (${values})
    ON CONFLICT (ticket_id) DO UPDATE SET ${sql.raw(
      KEY_COLUMNS.filter((c) => c !== 'ticket_id')
        .map((c) => `${c} = EXCLUDED.${c}`)
        .join(', '),
    )}`);
}

/**
 * Recomputes every read model from the tickets (after a bulk load, or when a
 * company's time zone changed): the keys, then each summary grouped from them.
 */
export async function rebuildReports(tx: Tx): Promise<void> {
  await tx.execute(sql`TRUNCATE report_ticket_keys, report_ticket_days, report_ticket_months, report_sla_days`);
  await tx.execute(
    sql`INSERT INTO report_ticket_keys (${sql.raw(KEY_COLUMNS.join(', '))}) SELECT ${sql.raw(KEY_COLUMNS.join(', '))} FROM (${FACTS}) f`,
  );
  await tx.execute(sql`
    INSERT INTO report_ticket_days (day, company_id, unit_id, unit_path, team_id, status, priority, tickets, compacted)
    SELECT created_day, company_id, unit_id, unit_path, team_id, status, priority, count(*), true FROM report_ticket_keys
    GROUP BY created_day, company_id, unit_id, unit_path, team_id, status, priority`);
  await tx.execute(sql`
    INSERT INTO report_ticket_months (month, company_id, unit_id, unit_path, team_id, status, priority, tickets, compacted)
    SELECT date_trunc('month', day)::date, company_id, unit_id, unit_path, team_id, status, priority, sum(tickets), true FROM report_ticket_days
    GROUP BY 1, company_id, unit_id, unit_path, team_id, status, priority`);
  await tx.execute(sql`
    INSERT INTO report_sla_days (day, company_id, unit_id, unit_path, team_id, priority, category_id,
      response_met, response_breached, resolution_met, resolution_breached, compacted)
    SELECT created_day, company_id, unit_id, unit_path, team_id, priority, category_id,
      count(*) FILTER (WHERE response_state = 'met'), count(*) FILTER (WHERE response_state = 'breached'),
      count(*) FILTER (WHERE resolution_state = 'met'), count(*) FILTER (WHERE resolution_state = 'breached'), true
    FROM report_ticket_keys WHERE response_state IN ('met', 'breached') OR resolution_state IN ('met', 'breached')
    GROUP BY created_day, company_id, unit_id, unit_path, team_id, priority, category_id`);
}

const CELLS = {
  report_ticket_days: { period: 'day', key: 'company_id, unit_id, unit_path, team_id, status, priority', sums: ['tickets'] },
  report_ticket_months: { period: 'month', key: 'company_id, unit_id, unit_path, team_id, status, priority', sums: ['tickets'] },
  report_sla_days: {
    period: 'day',
    key: 'company_id, unit_id, unit_path, team_id, priority, category_id',
    sums: ['response_met', 'response_breached', 'resolution_met', 'resolution_breached'],
  },
} as const;

/**
 * Folds each touched day's rows into one row per cell (dropping cells that
 * sum to nothing). Rows appended while it runs are not in its snapshot and
 * wait for the next run; a second process finds the lock taken and skips.
 */
export async function compactReports(ctx: AppContext): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ locked: boolean }>(sql`SELECT pg_try_advisory_xact_lock(hashtext('reports.compact')) AS locked`);
    if (!rows[0]?.locked) return 0;
    let merged = 0;
    for (const [table, { period, key: cell, sums }] of Object.entries(CELLS)) {
      const key = `${period}, ${cell}`;
      const total = sums.map((c) => `sum(${c})`).join(', ');
      const result = await tx.execute(
        sql.raw(`
        WITH touched AS (SELECT DISTINCT ${period} FROM ${table} WHERE NOT compacted),
        gone AS (DELETE FROM ${table} d USING touched WHERE d.${period} = touched.${period} RETURNING d.*)
        INSERT INTO ${table} (${key}, ${sums.join(', ')}, compacted)
        SELECT ${key}, ${total}, true FROM gone GROUP BY ${key}
        HAVING ${sums.map((c) => `sum(${c}) <> 0`).join(' OR ')}`),
      );
      merged += result.rowCount ?? 0;
    }
    return merged;
  });
}

export const REPORTS_COMPACT = 'reports.compact';

/**
 * Follows every change that moves a ticket between cells. The SLA module's
 * handlers are registered first (context.ts), so an outcome decided by a
 * status change is already written when the reports read it.
 */
export function registerReportProjection(ctx: AppContext): void {
  for (const name of ['ticket.created', 'ticket.updated', 'ticket.status_changed', 'ticket.first_response', 'sla.breached'] as const)
    ctx.events.on(name, (tx, e) => syncTicket(tx, e.ticketId));
  ctx.jobs.define({ name: REPORTS_COMPACT, retryLimit: 1, schedule: '* * * * *', handle: async () => void (await compactReports(ctx)) });
}
