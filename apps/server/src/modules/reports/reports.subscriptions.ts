import type { Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import { type Actor, can, hasRole } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { renderTable } from '../../platform/documents/table-export.ts';
import { AppError, notFound, versionConflict } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { deliver, type MailMessage } from '../../platform/mail/mailer.ts';
import { dayOf, lastDayOf, localTime, zonedInstant } from '../../platform/time/zoned.ts';
import { loadActor } from '../identity/index.ts';
import { documentContext, getSmtpConfig, readerTimeZone } from '../settings/index.ts';
import { type ReportQuery, reportTable } from './reports.export.ts';
import { REPORT_QUERIES, type ReportFilters, type ReportKind } from './reports.schemas.ts';
import { assertFiltersInScope } from './reports.scope.ts';
import { reportSubscriptions } from './reports.tables.ts';

export type Frequency = 'daily' | 'weekly' | 'monthly';
type SubscriptionRow = typeof reportSubscriptions.$inferSelect;

/** Reports go out at this hour of the subscriber's day. */
const SEND_HOUR = 7;

const utcDay = (day: string, shift = 0) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + shift);
  return d.toISOString().slice(0, 10);
};
const at = (day: string, zone: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedInstant(zone, y, m, d, SEND_HOUR);
};

/** The next run strictly after `now`: tomorrow's 07:00, next Monday's, or the next 1st's, in `zone`. */
export function nextRunAfter(frequency: Frequency, now: Date, zone: string): Date {
  const today = dayOf(now, zone);
  const candidates: string[] = [];
  for (let i = 0; i <= 32; i++) {
    const day = utcDay(today, i);
    const fits = frequency === 'daily' || (frequency === 'weekly' ? new Date(`${day}T00:00:00Z`).getUTCDay() === 1 : day.endsWith('-01'));
    if (fits) candidates.push(day);
  }
  const next = candidates.map((d) => at(d, zone)).find((instant) => instant > now);
  if (!next) throw new Error('no next run');
  return next;
}

/** The days a run at `runAt` reports on: the day, week (Monday–Sunday) or month just ended. */
export function periodBefore(frequency: Frequency, runAt: Date, zone: string): { from: string; to: string } {
  const day = dayOf(runAt, zone);
  if (frequency === 'daily') return { from: utcDay(day, -1), to: utcDay(day, -1) };
  if (frequency === 'weekly') {
    const monday = utcDay(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
    return { from: utcDay(monday, -7), to: utcDay(monday, -1) };
  }
  const local = localTime(runAt, zone);
  const month = local.month === 1 ? `${local.year - 1}-12` : `${local.year}-${String(local.month - 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: lastDayOf(month) };
}

export interface SubscriptionInput {
  kind: ReportKind;
  query: Record<string, unknown>;
  frequency: Frequency;
  format: 'pdf' | 'xlsx';
  recipientIds: number[];
}

/** A stored query's filters, as the report reads them. */
const filtersOf = (kind: ReportKind, query: Record<string, unknown>) => REPORT_QUERIES[kind].parse(query) as ReportFilters;

/** Whether `reader` may report on every unit, team and company the filters name. */
async function readsFilters(tx: Tx, reader: Actor, filters: ReportFilters): Promise<boolean> {
  try {
    await assertFiltersInScope(tx, reader, filters);
    return true;
  } catch (e) {
    if (e instanceof AppError && e.status === 404) return false;
    throw e;
  }
}

/**
 * Colleagues may be added by Executives and Administrators only, and each must be able to read the report as
 * filtered (every copy is rendered in its reader's own scope).
 */
async function checkRecipients(tx: Tx, actor: Actor, ids: number[], filters: ReportFilters) {
  if (!ids.length) return;
  if (!hasRole(actor, 'executive') && !hasRole(actor, 'administrator'))
    throw new AppError(403, 'RECIPIENTS_NOT_ALLOWED', {}, [{ path: 'recipientIds', message: 'RECIPIENTS_NOT_ALLOWED' }]);
  for (const id of new Set(ids)) {
    const reader = await loadActor(tx, id);
    if (!reader || !can(reader, 'report:read') || !(await readsFilters(tx, reader, filters)))
      throw new AppError(400, 'RECIPIENT_CANNOT_READ', {}, [{ path: 'recipientIds', message: 'RECIPIENT_CANNOT_READ' }]);
  }
}

function present(row: SubscriptionRow) {
  return {
    id: row.id,
    kind: row.kind as ReportKind,
    query: row.query,
    frequency: row.frequency as Frequency,
    format: row.format as 'pdf' | 'xlsx',
    recipientIds: row.recipientIds,
    active: row.active,
    nextRunAt: row.nextRunAt.toISOString(),
    version: row.version,
  };
}

export async function listSubscriptions(tx: Tx, actor: Actor) {
  const rows = await tx
    .select()
    .from(reportSubscriptions)
    .where(eq(reportSubscriptions.userId, actor.userId))
    .orderBy(reportSubscriptions.id);
  return { items: rows.map(present) };
}

/** Subscribes the caller to a report with its filters. */
export async function createSubscription(ctx: AppContext, actor: Actor, input: SubscriptionInput) {
  return ctx.db.transaction(async (tx) => {
    // A unit, team or company outside the subscriber's scope does not exist for them, as in the report itself.
    const filters = filtersOf(input.kind, input.query);
    await assertFiltersInScope(tx, actor, filters);
    await checkRecipients(tx, actor, input.recipientIds, filters);
    const zone = await readerTimeZone(tx, actor);
    const [row] = await tx
      .insert(reportSubscriptions)
      .values({
        userId: actor.userId,
        kind: input.kind,
        query: input.query,
        frequency: input.frequency,
        format: input.format,
        recipientIds: [...new Set(input.recipientIds)],
        nextRunAt: nextRunAfter(input.frequency, ctx.clock.now(), zone),
      })
      .returning();
    return present(row as SubscriptionRow);
  });
}

async function ownSubscription(tx: Tx, actor: Actor, id: number) {
  const [row] = await tx
    .select()
    .from(reportSubscriptions)
    .where(and(eq(reportSubscriptions.id, id), eq(reportSubscriptions.userId, actor.userId)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

export async function updateSubscription(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: Partial<Omit<SubscriptionInput, 'kind'>> & { active?: boolean | undefined; version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const row = await ownSubscription(tx, actor, id);
    if (row.version !== input.version) throw versionConflict();
    const kind = row.kind as ReportKind;
    if (input.query) {
      const { from: _f, to: _t, format: _x, ...filters } = input.query as Record<string, string>;
      if (!REPORT_QUERIES[kind].safeParse(filters).success)
        throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'query', message: 'VALIDATION_FAILED' }]);
      await assertFiltersInScope(tx, actor, filtersOf(kind, filters));
      input = { ...input, query: filters };
    }
    if (input.recipientIds) await checkRecipients(tx, actor, input.recipientIds, filtersOf(kind, input.query ?? row.query));
    const frequency = input.frequency ?? (row.frequency as Frequency);
    const [saved] = await tx
      .update(reportSubscriptions)
      .set({
        ...(input.query ? { query: input.query } : {}),
        ...(input.format ? { format: input.format } : {}),
        ...(input.recipientIds ? { recipientIds: [...new Set(input.recipientIds)] } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        frequency,
        nextRunAt: nextRunAfter(frequency, ctx.clock.now(), await readerTimeZone(tx, actor)),
        updatedAt: ctx.clock.now(),
        version: sql`${reportSubscriptions.version} + 1`,
      })
      .where(eq(reportSubscriptions.id, id))
      .returning();
    return present(saved as SubscriptionRow);
  });
}

export async function deleteSubscription(ctx: AppContext, actor: Actor, id: number) {
  await ctx.db.transaction(async (tx) => {
    await ownSubscription(tx, actor, id);
    await tx.execute(sql`DELETE FROM report_deliveries WHERE subscription_id = ${id}`);
    await tx.delete(reportSubscriptions).where(eq(reportSubscriptions.id, id));
  });
}

async function toBuffer(body: Buffer | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The report rendered for one reader, in their scope and language, as a mail. */
async function mailFor(
  ctx: AppContext,
  reader: Actor,
  sub: SubscriptionRow,
  period: { from: string; to: string },
  now: Date,
): Promise<MailMessage> {
  const kind = sub.kind as ReportKind;
  const query: ReportQuery = REPORT_QUERIES[kind].parse({ ...sub.query, ...period, format: sub.format });
  const table = await reportTable(ctx, reader, kind, query, now);
  const format = sub.format as 'pdf' | 'xlsx';
  const data = await toBuffer(await renderTable(table, format, () => documentContext(ctx.db, reader, now)));
  const L = (key: string, params?: Record<string, string | number>) => t(reader.locale, `reports.${key}`, params);
  const title = L(`title.${kind}`);
  const link = `${ctx.env.PUBLIC_URL}/reports/${kind}`;
  return {
    to: reader.email,
    subject: L('mail.subject', { title, from: period.from, to: period.to }),
    text: L('mail.body', { name: reader.name, title, from: period.from, to: period.to, link }),
    attachments: [
      {
        filename: `${table.filename}.${format}`,
        content: data,
        contentType: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    ],
  };
}

interface SendJob {
  subscriptionId: number;
  userId: number;
  from: string;
  to: string;
}

/**
 * Renders one reader's copy when it is sent (no file bytes wait in the queue)
 * and delivers it; retried with backoff like any mail.
 */
async function sendReport(ctx: AppContext, job: SendJob): Promise<void> {
  const [sub] = await ctx.db.select().from(reportSubscriptions).where(eq(reportSubscriptions.id, job.subscriptionId));
  const reader = await loadActor(ctx.db, job.userId);
  const smtp = await getSmtpConfig(ctx.db, ctx.env);
  // Unsubscribed, gone or no longer a reader (of its units, teams, companies) since it was queued; or no SMTP: nothing to send.
  if (!sub || !reader || !can(reader, 'report:read') || !smtp) return;
  if (!(await readsFilters(ctx.db, reader, filtersOf(sub.kind as ReportKind, sub.query)))) return;
  await deliver(smtp, await mailFor(ctx, reader, sub, { from: job.from, to: job.to }, ctx.clock.now()));
}

/**
 * Sends every subscription that is due. Each run of a subscription is claimed
 * by inserting its (subscription, period) delivery row in the transaction that
 * queues its sends: with several server processes (or a retried job) exactly
 * one claims it and the others move on.
 */
export async function runDueSubscriptions(ctx: AppContext, now: Date = ctx.clock.now()): Promise<number[]> {
  const due = await ctx.db
    .select({ id: reportSubscriptions.id })
    .from(reportSubscriptions)
    .where(and(eq(reportSubscriptions.active, true), sql`${reportSubscriptions.nextRunAt} <= ${now}`))
    .limit(200);
  const sent: number[] = [];
  for (const { id } of due) {
    await ctx.db.transaction(async (tx) => {
      const [sub] = await tx
        .select()
        .from(reportSubscriptions)
        .where(and(eq(reportSubscriptions.id, id), sql`${reportSubscriptions.nextRunAt} <= ${now}`))
        .for('update', { skipLocked: true });
      if (!sub) return;
      const owner = await loadActor(tx, sub.userId);
      const zone = owner ? await readerTimeZone(tx, owner) : 'UTC';
      const frequency = sub.frequency as Frequency;
      const period = periodBefore(frequency, sub.nextRunAt, zone);
      const key = `${period.from}..${period.to}`;
      const readers = owner && can(owner, 'report:read') ? [owner] : [];
      for (const rid of sub.recipientIds) {
        const reader = await loadActor(tx, rid);
        if (reader && can(reader, 'report:read') && reader.userId !== owner?.userId) readers.push(reader);
      }
      const { rows } = await tx.execute(sql`
        INSERT INTO report_deliveries (subscription_id, period, sent_at, recipients) VALUES (${sub.id}, ${key}, ${now}, ${readers.length})
        ON CONFLICT DO NOTHING RETURNING subscription_id`);
      await tx
        .update(reportSubscriptions)
        .set({ nextRunAt: nextRunAfter(frequency, now, zone), active: owner !== null && sub.active })
        .where(eq(reportSubscriptions.id, sub.id));
      if (!rows.length) return;
      for (const reader of readers)
        await ctx.jobs.send<SendJob>(REPORTS_SEND, { subscriptionId: sub.id, userId: reader.userId, ...period }, { tx });
      sent.push(sub.id);
    });
  }
  return sent;
}

export const REPORTS_SUBSCRIPTIONS = 'reports.subscriptions';
export const REPORTS_SEND = 'reports.send';

export function registerReportSubscriptions(ctx: AppContext): void {
  ctx.jobs.define<SendJob>({ name: REPORTS_SEND, retryLimit: 6, retryDelaySeconds: 15, handle: (job) => sendReport(ctx, job) });
  ctx.jobs.define({
    name: REPORTS_SUBSCRIPTIONS,
    retryLimit: 2,
    schedule: '*/5 * * * *',
    handle: async () => void (await runDueSubscriptions(ctx)),
  });
}
