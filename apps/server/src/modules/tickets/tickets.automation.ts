import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { addBusinessMinutes, type Calendar, officeCalendarFor } from '../calendars/index.ts';
import { serviceDeskSettings } from './tickets.config.ts';
import { tickets } from './tickets.tables.ts';
import { recordEvent } from './tickets.timeline.ts';

/** A working day of the default calendar, in business minutes (08:00–17:00). */
const BUSINESS_DAY_MINUTES = 9 * 60;
const DAY = 86_400_000;

/**
 * Resolved tickets nobody answered close by themselves after N business days,
 * with one reminder to the requester a business day before; tickets pending on
 * the requester remind them every N days. Each reminder and closure is claimed
 * with a conditional UPDATE, so several server processes act once.
 */
export async function runTicketAutomation(
  ctx: AppContext,
  now = ctx.clock.now().getTime(),
): Promise<{ reminded: number[]; closed: number[]; pendingReminded: number[] }> {
  const settings = await serviceDeskSettings(ctx.db);
  // Business days are those of each ticket's company (its office calendar, in its zone).
  const calendars = new Map<number, Calendar>();
  const calendarOf = async (companyId: number) => {
    if (!calendars.has(companyId)) calendars.set(companyId, await officeCalendarFor(ctx.db, companyId));
    return calendars.get(companyId) as Calendar;
  };
  const result = { reminded: [] as number[], closed: [] as number[], pendingReminded: [] as number[] };
  const after = async (companyId: number, from: Date, days: number) =>
    addBusinessMinutes(from.getTime(), days * BUSINESS_DAY_MINUTES, await calendarOf(companyId)) <= now;
  const repliedSince = sql`EXISTS (SELECT 1 FROM ticket_comments c WHERE c.ticket_id = ${tickets.id} AND NOT c.internal AND c.created_at > ${tickets.resolvedAt})`;
  // A solution waiting for its lead's validation was not offered to the requester yet: its days count from the validation.
  const resolved = await ctx.db
    .select({
      id: tickets.id,
      companyId: tickets.companyId,
      resolvedAt: sql<Date>`coalesce(${tickets.solutionValidatedAt}, ${tickets.resolvedAt})`.mapWith(tickets.resolvedAt),
      reminder: tickets.closeReminderAt,
      requesterId: tickets.requesterId,
    })
    .from(tickets)
    .where(and(eq(tickets.status, 'resolved'), eq(tickets.awaitingValidation, false), sql`NOT ${repliedSince}`))
    .limit(1000);
  for (const t of resolved) {
    if (!t.resolvedAt) continue;
    const remindNow = !t.reminder && (await after(t.companyId, t.resolvedAt, Math.max(0, settings.autoCloseBusinessDays - 1)));
    const closeNow = !!t.reminder && (await after(t.companyId, t.resolvedAt, settings.autoCloseBusinessDays));
    await ctx.db.transaction(async (tx) => {
      if (remindNow) {
        const [claimed] = await tx
          .update(tickets)
          .set({ closeReminderAt: new Date(now) })
          .where(and(eq(tickets.id, t.id), isNull(tickets.closeReminderAt), eq(tickets.status, 'resolved')))
          .returning({ id: tickets.id });
        if (!claimed) return;
        await ctx.events.emit(tx, 'ticket.close_reminder', { ticketId: t.id, requesterId: t.requesterId });
        result.reminded.push(t.id);
      } else if (closeNow) {
        const [closed] = await tx
          .update(tickets)
          .set({ status: 'closed', locked: true, closedAt: new Date(now), updatedAt: new Date(now), version: sql`${tickets.version} + 1` })
          .where(and(eq(tickets.id, t.id), eq(tickets.status, 'resolved')))
          .returning({ version: tickets.version });
        if (!closed) return;
        await recordEvent(tx, t.id, null, 'status_changed', {
          status: ['resolved', 'closed'],
          action: 'auto_close',
          businessDays: settings.autoCloseBusinessDays,
          automatic: true,
        });
        await ctx.events.emit(tx, 'ticket.status_changed', {
          ticketId: t.id,
          from: 'resolved',
          to: 'closed',
          actorId: null,
          version: closed.version,
        });
        result.closed.push(t.id);
      }
    });
  }
  const waitSince = new Date(now - settings.pendingReminderDays * DAY);
  const pending = await ctx.db
    .select({ id: tickets.id, requesterId: tickets.requesterId })
    .from(tickets)
    .where(
      and(
        eq(tickets.status, 'pending'),
        eq(tickets.pendingReason, 'requester'),
        lte(sql`coalesce(${tickets.pendingReminderAt}, ${tickets.updatedAt})`, waitSince),
      ),
    )
    .limit(1000);
  for (const t of pending) {
    await ctx.db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(tickets)
        .set({ pendingReminderAt: new Date(now) })
        .where(
          and(
            eq(tickets.id, t.id),
            eq(tickets.status, 'pending'),
            lte(sql`coalesce(${tickets.pendingReminderAt}, ${tickets.updatedAt})`, waitSince),
          ),
        )
        .returning({ id: tickets.id });
      if (!claimed) return;
      await ctx.events.emit(tx, 'ticket.pending_reminder', {
        ticketId: t.id,
        requesterId: t.requesterId,
        occurrence: new Date(now).toISOString().slice(0, 13),
      });
      result.pendingReminded.push(t.id);
    });
  }
  return result;
}

export const TICKET_AUTOMATION = 'tickets.automation';

export function registerTicketAutomation(ctx: AppContext): void {
  ctx.jobs.define({
    name: TICKET_AUTOMATION,
    retryLimit: 1,
    schedule: '*/10 * * * *',
    handle: async () => void (await runTicketAutomation(ctx)),
  });
}
