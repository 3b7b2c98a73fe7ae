import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import type { Calendar } from './business-time.ts';
import { businessCalendars, holidays } from './sla.tables.ts';

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

/** The organisation's office-hours calendar (the first active one that is not 24×7), for business-day rules. */
export async function defaultOfficeCalendar(tx: Tx): Promise<Calendar> {
  const [row] = await tx
    .select({ id: businessCalendars.id })
    .from(businessCalendars)
    .where(
      and(
        eq(businessCalendars.active, true),
        eq(businessCalendars.always, false),
        isNull(businessCalendars.teamId),
        isNull(businessCalendars.companyId),
      ),
    )
    .orderBy(asc(businessCalendars.id))
    .limit(1);
  if (!row) throw new Error('no office-hours calendar');
  return loadCalendar(tx, row.id);
}
