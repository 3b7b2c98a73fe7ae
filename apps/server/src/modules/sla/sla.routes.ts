import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, auditSourceOf } from '../../platform/http/app.ts';
import { AppError, notFound, versionConflict } from '../../platform/http/errors.ts';
import { idParams, noContent, timeZone, version } from '../../platform/http/schemas.ts';
import { businessCalendars, holidays, slaPolicies } from './sla.tables.ts';

const tags = ['sla'];
const window = z.tuple([z.number().int().min(0).max(1440), z.number().int().min(0).max(1440)]);
const hours = z
  .array(z.array(window).max(4))
  .length(7)
  .refine((days) => days.every((d) => d.every(([s, e], i) => s < e && (i === 0 || (d[i - 1]?.[1] ?? 0) <= s))), {
    message: 'CALENDAR_INVALID',
  });

const calendarFields = {
  name: z.string().trim().min(1).max(120),
  companyId: z.number().int().positive().nullable().optional(),
  teamId: z.number().int().positive().nullable().optional(),
  timeZone,
  always: z.boolean(),
  hours,
};
const calendarOut = z.object({
  id: z.number().int(),
  ...calendarFields,
  companyId: z.number().int().nullable(),
  teamId: z.number().int().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});

const policyFields = {
  name: z.string().trim().min(1).max(120),
  ticketType: z.enum(['incident', 'request', 'question']).nullable(),
  priority: z.enum(['P1', 'P2', 'P3', 'P4', 'P5']).nullable(),
  categoryId: z.number().int().positive().nullable(),
  serviceId: z.number().int().positive().nullable(),
  responseMinutes: z.number().int().min(1).max(525_600),
  resolutionMinutes: z.number().int().min(1).max(525_600),
  calendarId: z.number().int().positive(),
};
const policyOut = z.object({ id: z.number().int(), ...policyFields, active: z.boolean(), version: z.number().int() });

const holidayOut = z.object({
  id: z.number().int(),
  calendarId: z.number().int().nullable(),
  day: z.string(),
  name: z.string(),
  kind: z.enum(['national', 'cuti_bersama', 'local']),
});

/** Administrators edit calendars, holidays and SLA policies; every signed-in user may read them. */
export function slaRoutes(app: App, ctx: AppContext) {
  /** Optimistic, audited update of one calendar or policy row. */
  const update = (
    table: 'business_calendars' | 'sla_policies',
    id: number,
    expected: number,
    changes: Record<string, unknown>,
    req: Parameters<typeof auditSourceOf>[0],
  ) =>
    ctx.db.transaction(async (tx) => {
      const target = table === 'sla_policies' ? slaPolicies : businessCalendars;
      const [current] = await tx.select().from(target).where(eq(target.id, id)).for('update');
      if (!current) throw notFound();
      if (current.version !== expected) throw versionConflict();
      const [row] = await tx
        .update(target)
        .set({ ...changes, version: current.version + 1, updatedAt: new Date() })
        .where(eq(target.id, id))
        .returning();
      await recordAudit(tx, auditSourceOf(req), {
        action: `sla.${table === 'sla_policies' ? 'policy' : 'calendar'}_updated`,
        targetType: table,
        targetId: id,
        before: current,
        after: row,
      });
    });
  const created = <T>(row: T | undefined): T => {
    if (!row) throw notFound();
    return row;
  };

  app.get('/calendars', {
    config: { access: access.signedIn() },
    schema: { tags, summary: 'Business calendars', response: { 200: z.object({ items: z.array(calendarOut) }) } },
    handler: async () => ({ items: await ctx.db.select().from(businessCalendars).orderBy(asc(businessCalendars.id)) }),
  });
  app.post('/calendars', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Create a calendar (working hours per weekday, or 24×7)',
      body: z.strictObject(calendarFields),
      response: { 201: calendarOut },
    },
    handler: async (req, reply) => {
      const [row] = await ctx.db.transaction(async (tx) => {
        const rows = await tx.insert(businessCalendars).values(req.body).returning();
        await recordAudit(tx, auditSourceOf(req), {
          action: 'sla.calendar_created',
          targetType: 'calendar',
          targetId: rows[0]?.id,
          after: rows[0],
        });
        return rows;
      });
      return reply.status(201).send(created(row));
    },
  });
  app.patch('/calendars/:id', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Edit or deactivate a calendar',
      params: idParams,
      body: z.strictObject({ version, ...z.object(calendarFields).partial().shape, active: z.boolean().optional() }),
      response: { 200: calendarOut },
    },
    handler: async (req) => {
      const { version: expected, ...changes } = req.body;
      if (changes.active === false) {
        const used = await ctx.db
          .select({ id: slaPolicies.id })
          .from(slaPolicies)
          .where(and(eq(slaPolicies.calendarId, req.params.id), eq(slaPolicies.active, true)));
        if (used.length) throw new AppError(409, 'CALENDAR_IN_USE');
      }
      await update('business_calendars', req.params.id, expected, changes, req);
      return created((await ctx.db.select().from(businessCalendars).where(eq(businessCalendars.id, req.params.id)))[0]);
    },
  });

  app.get('/holidays', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'Holidays (national, cuti bersama, local) in a date range',
      querystring: z.strictObject({
        from: z.iso.date().optional(),
        to: z.iso.date().optional(),
        calendarId: z.coerce.number().int().optional(),
      }),
      response: { 200: z.object({ items: z.array(holidayOut) }) },
    },
    handler: async (req) => {
      const { from, to, calendarId } = req.query;
      const items = await ctx.db
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
      return { items };
    },
  });
  app.post('/holidays', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Add a day off (cuti bersama or local; national ones are preloaded)',
      body: z.strictObject({
        calendarId: z.number().int().positive().nullable(),
        day: z.iso.date(),
        name: z.string().trim().min(1).max(120),
        kind: z.enum(['national', 'cuti_bersama', 'local']),
      }),
      response: { 201: holidayOut },
    },
    handler: async (req, reply) => {
      const row = await ctx.db.transaction(async (tx) => {
        const [inserted] = await tx.insert(holidays).values(req.body).onConflictDoNothing().returning();
        if (!inserted) throw new AppError(409, 'HOLIDAY_EXISTS');
        await recordAudit(tx, auditSourceOf(req), {
          action: 'sla.holiday_created',
          targetType: 'holiday',
          targetId: inserted.id,
          after: inserted,
        });
        return inserted;
      });
      return reply.status(201).send(row);
    },
  });
  app.delete('/holidays/:id', {
    config: { access: access.permission('settings:manage') },
    schema: { tags, summary: 'Remove a day off', params: idParams, response: { 204: noContent } },
    handler: async (req, reply) => {
      await ctx.db.transaction(async (tx) => {
        const [removed] = await tx.delete(holidays).where(eq(holidays.id, req.params.id)).returning();
        if (!removed) throw notFound();
        await recordAudit(tx, auditSourceOf(req), {
          action: 'sla.holiday_removed',
          targetType: 'holiday',
          targetId: removed.id,
          before: removed,
        });
      });
      return reply.status(204).send(null);
    },
  });

  app.get('/sla-policies', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'SLA policies; the most specific active match applies to a ticket',
      response: { 200: z.object({ items: z.array(policyOut) }) },
    },
    handler: async () => ({ items: await ctx.db.select().from(slaPolicies).orderBy(asc(slaPolicies.id)) }),
  });
  app.post('/sla-policies', {
    config: { access: access.permission('settings:manage') },
    schema: { tags, summary: 'Create an SLA policy', body: z.strictObject(policyFields), response: { 201: policyOut } },
    handler: async (req, reply) => {
      const row = await ctx.db.transaction(async (tx) => {
        const [inserted] = await tx.insert(slaPolicies).values(req.body).returning();
        await recordAudit(tx, auditSourceOf(req), {
          action: 'sla.policy_created',
          targetType: 'sla_policy',
          targetId: inserted?.id,
          after: inserted,
        });
        return inserted;
      });
      return reply.status(201).send(created(row));
    },
  });
  app.patch('/sla-policies/:id', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Edit or deactivate an SLA policy (tickets keep the targets they started with)',
      params: idParams,
      body: z.strictObject({ version, ...z.object(policyFields).partial().shape, active: z.boolean().optional() }),
      response: { 200: policyOut },
    },
    handler: async (req) => {
      const { version: expected, ...changes } = req.body;
      await update('sla_policies', req.params.id, expected, changes, req);
      return created((await ctx.db.select().from(slaPolicies).where(eq(slaPolicies.id, req.params.id)))[0]);
    },
  });
}
