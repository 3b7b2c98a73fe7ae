import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { SLA_CLOCK, type TicketStatus } from '../tickets/index.ts';

/**
 * The reports' read models over tickets and their SLA clocks: one key row per
 * ticket (`report_ticket_keys`), tickets per day and per month
 * (`report_ticket_days`, `report_ticket_months`) and SLA outcomes per day
 * (`report_sla_days`). Every ticket or SLA change re-reads the ticket in the
 * same transaction and, when what it is counted under changed, appends a −1 row
 * for the old cell and a +1 row for the new one. Appending means two tickets
 * changing at once never wait on one counter row; `compactReports` folds the
 * rows of touched days together within a minute, and reads sum, so they are
 * exact either way. What a ticket is counted under is the view
 * `report_ticket_facts`; the per-ticket step is the function
 * `report_sync_ticket` (migration 0118): one round trip per change.
 */

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

/**
 * Brings one ticket's key and its cells up to date. The key row is locked
 * first and the ticket read after, so of two transactions touching the same
 * ticket (a transition and the SLA checker) the second always sees the first's
 * committed state.
 */
export async function syncTicket(tx: Tx, ticketId: number): Promise<void> {
  await tx.execute(sql`SELECT report_sync_ticket(${ticketId})`);
}

/**
 * Recomputes every read model from the tickets (after a bulk load, or when a
 * company's time zone changed): the keys, then each summary grouped from them.
 */
export async function rebuildReports(tx: Tx): Promise<void> {
  await tx.execute(sql`TRUNCATE report_ticket_keys, report_ticket_days, report_ticket_months, report_sla_days`);
  await tx.execute(
    sql`INSERT INTO report_ticket_keys (${sql.raw(KEY_COLUMNS.join(', '))}) SELECT ${sql.raw(KEY_COLUMNS.join(', '))} FROM report_ticket_facts`,
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

/** Per transaction, the version each ticket was last counted at. */
const counted = new WeakMap<Tx, Map<number, number>>();
function countedAt(tx: Tx): Map<number, number> {
  const versions = counted.get(tx) ?? new Map<number, number>();
  counted.set(tx, versions);
  return versions;
}

/**
 * Follows every change that moves a ticket between cells. The SLA module's
 * handlers are registered first (context.ts), so an outcome decided by a
 * status change is already written when the reports read it.
 */
export function registerReportProjection(ctx: AppContext): void {
  for (const name of ['ticket.created', 'ticket.first_response', 'sla.breached'] as const)
    ctx.events.on(name, (tx, e) => syncTicket(tx, e.ticketId));
  ctx.events.on('ticket.updated', async (tx, e) => {
    await syncTicket(tx, e.ticketId);
    countedAt(tx).set(e.ticketId, e.version);
  });
  ctx.events.on('ticket.status_changed', async (tx, e) => {
    // Counted at this very version already, and a status change that neither enters nor leaves a measured stop
    // decides no SLA outcome (in progress ⇄ pending): nothing it is counted under can have moved since.
    const measured = (status: string) => SLA_CLOCK[status as TicketStatus]?.measured ?? true;
    if (countedAt(tx).get(e.ticketId) === e.version && !measured(e.from) && !measured(e.to)) return;
    await syncTicket(tx, e.ticketId);
  });
  ctx.jobs.define({ name: REPORTS_COMPACT, retryLimit: 1, schedule: '* * * * *', handle: async () => void (await compactReports(ctx)) });
}
