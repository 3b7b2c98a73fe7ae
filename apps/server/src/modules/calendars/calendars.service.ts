import type { Locale } from '@ish/shared';
import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, canOrganisationWide, scopesFor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { insertAudited, updateVersioned } from '../../platform/db/versioned.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import type { Calendar } from './business-time.ts';
import type { CalendarInput, CalendarPatch, HolidayInput, HolidayQuery } from './calendars.schemas.ts';
import { businessCalendars, holidays } from './calendars.tables.ts';

/** A stored calendar with its holidays: national and organisation-wide days off plus its own. */
export async function loadCalendar(tx: Tx, calendarId: number): Promise<Calendar> {
  const [row] = await tx.select().from(businessCalendars).where(eq(businessCalendars.id, calendarId));
  if (!row) throw new Error(`calendar ${calendarId} missing`);
  const days = await tx
    .select({ day: holidays.day })
    .from(holidays)
    .where(or(isNull(holidays.calendarId), eq(holidays.calendarId, calendarId)));
  return { timeZone: row.timeZone, always: row.always, hours: row.hours, holidays: new Set(days.map((d) => d.day)) };
}

/** The first active office-hours calendar (not 24×7, for no particular team) of a company, or of the organisation (null). */
async function officeCalendarId(tx: Tx, companyId: number | null): Promise<number | null> {
  const [row] = await tx
    .select({ id: businessCalendars.id })
    .from(businessCalendars)
    .where(
      and(
        eq(businessCalendars.active, true),
        eq(businessCalendars.always, false),
        isNull(businessCalendars.teamId),
        companyId === null ? isNull(businessCalendars.companyId) : eq(businessCalendars.companyId, companyId),
      ),
    )
    .orderBy(asc(businessCalendars.id))
    .limit(1);
  return row?.id ?? null;
}

/** The organisation's office-hours calendar, for business-day rules. */
export async function defaultOfficeCalendar(tx: Tx): Promise<Calendar> {
  const id = await officeCalendarId(tx, null);
  if (id === null) throw new Error('no office-hours calendar');
  return loadCalendar(tx, id);
}

/** The office-hours calendar a company's business days follow: its own, else the organisation's. */
export async function officeCalendarFor(tx: Tx, companyId: number): Promise<Calendar> {
  const own = await officeCalendarId(tx, companyId);
  return own === null ? defaultOfficeCalendar(tx) : loadCalendar(tx, own);
}

/** A calendar or holiday as read: with the reader's name beside both. */
export const presentNamed = <T extends { nameId: string; nameEn: string }>(row: T, locale: Locale) => ({
  ...row,
  name: locale === 'en' ? row.nameEn : row.nameId,
});

export const listCalendars = (tx: Tx) => tx.select().from(businessCalendars).orderBy(asc(businessCalendars.id));

export async function getCalendar(tx: Tx, id: number) {
  const [row] = await tx.select().from(businessCalendars).where(eq(businessCalendars.id, id));
  if (!row) throw notFound();
  return row;
}

interface Owner {
  companyId?: number | null;
  teamId?: number | null;
}

/**
 * Refuses (403) a calendar or day off beyond the actor's reach: a company's Administrator keeps their
 * company's and its teams'; one that belongs to no company (every company counts it) is the organisation's.
 */
async function assertKeeps(tx: Tx, actor: Actor, owner: Owner): Promise<void> {
  let companyId = owner.companyId ?? null;
  if (companyId === null && owner.teamId) {
    const { rows } = await tx.execute<{ company_id: number }>(sql`SELECT company_id FROM teams WHERE id = ${owner.teamId}`);
    companyId = rows[0] ? Number(rows[0].company_id) : null;
  }
  const keeps =
    companyId === null
      ? canOrganisationWide(actor, 'settings:manage')
      : scopesFor(actor, 'settings:manage').some((s) => s.kind === 'organisation' || (s.kind === 'company' && s.companyId === companyId));
  if (!keeps) throw forbidden();
}

/** Refuses a day off beyond the actor's reach: its calendar's owner's, or the organisation's for every calendar. */
async function assertKeepsDay(tx: Tx, actor: Actor, calendarId: number | null): Promise<void> {
  if (calendarId === null) return assertKeeps(tx, actor, {});
  const [calendar] = await tx.select().from(businessCalendars).where(eq(businessCalendars.id, calendarId));
  // An unknown calendar is refused by its reference, as for anyone.
  if (calendar) await assertKeeps(tx, actor, calendar);
}

export async function createCalendar(ctx: AppContext, actor: Actor, input: CalendarInput, source: AuditSource) {
  return ctx.db.transaction(async (tx) => {
    await assertKeeps(tx, actor, input);
    return insertAudited(tx, businessCalendars, input, { source, action: 'sla.calendar_created', targetType: 'calendar' });
  });
}

/** Edits a calendar; deactivating one that is still in use is refused by its users (`calendar.deactivating`). */
export async function updateCalendar(ctx: AppContext, actor: Actor, id: number, input: CalendarPatch, source: AuditSource) {
  const { version, ...changes } = input;
  return ctx.db.transaction(async (tx) => {
    const stored = await getCalendar(tx, id);
    await assertKeeps(tx, actor, stored);
    if ('companyId' in changes || 'teamId' in changes) await assertKeeps(tx, actor, { ...stored, ...changes });
    return updateVersioned(tx, businessCalendars, id, version, changes, {
      source,
      action: 'sla.calendar_updated',
      targetType: 'business_calendars',
      check: async (current) => {
        if (changes.active === false && current.active) await ctx.events.emit(tx, 'calendar.deactivating', { calendarId: id });
      },
    });
  });
}

/** Holidays in a date range; with a calendar, the organisation-wide ones and that calendar's own. */
export function listHolidays(tx: Tx, { from, to, calendarId }: HolidayQuery) {
  return tx
    .select()
    .from(holidays)
    .where(
      and(
        from ? gte(holidays.day, from) : undefined,
        to ? lte(holidays.day, to) : undefined,
        calendarId ? or(isNull(holidays.calendarId), eq(holidays.calendarId, calendarId)) : undefined,
      ),
    )
    .orderBy(asc(holidays.day));
}

export async function addHoliday(ctx: AppContext, actor: Actor, input: HolidayInput, source: AuditSource) {
  return ctx.db.transaction(async (tx) => {
    await assertKeepsDay(tx, actor, input.calendarId);
    const [inserted] = await tx.insert(holidays).values(input).onConflictDoNothing().returning();
    if (!inserted) throw new AppError(409, 'HOLIDAY_EXISTS');
    await recordAudit(tx, source, { action: 'sla.holiday_created', targetType: 'holiday', targetId: inserted.id, after: inserted });
    return inserted;
  });
}

export async function removeHoliday(ctx: AppContext, actor: Actor, id: number, source: AuditSource) {
  await ctx.db.transaction(async (tx) => {
    const [day] = await tx.select({ calendarId: holidays.calendarId }).from(holidays).where(eq(holidays.id, id));
    if (!day) throw notFound();
    await assertKeepsDay(tx, actor, day.calendarId);
    const [removed] = await tx.delete(holidays).where(eq(holidays.id, id)).returning();
    if (!removed) throw notFound();
    await recordAudit(tx, source, { action: 'sla.holiday_removed', targetType: 'holiday', targetId: removed.id, before: removed });
  });
}

/**
 * Days off between `from` and `to` (inclusive), with their names in `locale`: national and organisation-wide
 * ones, plus the calendar's own.
 */
export async function holidaysBetween(
  tx: Tx,
  calendarId: number | null,
  from: string,
  to: string,
  locale: Locale = 'id',
): Promise<Map<string, string>> {
  const rows = await tx
    .select({ day: holidays.day, name: locale === 'en' ? holidays.nameEn : holidays.nameId })
    .from(holidays)
    .where(
      and(
        calendarId === null ? isNull(holidays.calendarId) : or(isNull(holidays.calendarId), eq(holidays.calendarId, calendarId)),
        gte(holidays.day, from),
        lte(holidays.day, to),
      ),
    );
  return new Map(rows.map((r) => [r.day, r.name]));
}
