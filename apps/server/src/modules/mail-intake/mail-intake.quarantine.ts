import { and, desc, eq, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';
import { AppError, notFound, versionConflict } from '../../platform/http/errors.ts';
import { loadMailParser } from './mail-intake.libraries.ts';
import { canHandleMail, handledMail } from './mail-intake.policy.ts';
import { releaseMail } from './mail-intake.service.ts';
import { type InboundMailRow, inboundMail } from './mail-intake.tables.ts';

async function present(ctx: AppContext, rows: InboundMailRow[]) {
  const ids = [...new Set(rows.map((r) => r.ticketId).filter((id): id is number => id !== null))];
  const numbers = ids.length
    ? (await ctx.db.execute<{ id: number; number: string }>(sql`SELECT id, number FROM tickets WHERE id IN ${ids}`)).rows
    : [];
  const numberOf = new Map(numbers.map((r) => [Number(r.id), r.number]));
  return rows.map((r) => ({
    id: r.id,
    receivedAt: r.receivedAt.toISOString(),
    source: r.source,
    from: { address: r.fromAddress, name: r.fromName },
    subject: r.subject ?? '',
    outcome: r.outcome,
    reason: r.reason,
    ticket: r.ticketId ? { id: r.ticketId, number: numberOf.get(r.ticketId) ?? '' } : null,
    auth: {
      spf: (r.auth.spf as string | null | undefined) ?? null,
      dmarc: ((r.auth.dmarc as { result?: string } | null | undefined)?.result as string | undefined) ?? null,
    },
    version: r.version,
  }));
}

/** Mail waiting for an agent, newest first, of the companies the actor works in. */
export async function listQuarantine(ctx: AppContext, actor: Actor, q: { page: number; pageSize: number }) {
  const where = and(eq(inboundMail.outcome, 'quarantined'), handledMail(actor));
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(inboundMail)
      .where(where)
      .orderBy(desc(inboundMail.receivedAt), desc(inboundMail.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(inboundMail).where(where),
  ]);
  return { items: await present(ctx, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadMail(ctx: AppContext, actor: Actor, id: number): Promise<InboundMailRow> {
  const [row] = await ctx.db.select().from(inboundMail).where(eq(inboundMail.id, id));
  if (!row || !canHandleMail(actor, row.companyId)) throw notFound();
  return row;
}

/** One message with what an agent needs to decide: its text (as plain text), files and authentication results. */
export async function getMail(ctx: AppContext, actor: Actor, id: number) {
  const row = await loadMail(ctx, actor, id);
  const file = row.rawFileId ? await postgresFileStore.get(ctx.db, row.rawFileId) : null;
  const mail = file ? await (await loadMailParser()).simpleParser(file.data) : null;
  const [summary] = await present(ctx, [row]);
  return {
    ...(summary as NonNullable<typeof summary>),
    text: (mail?.text ?? '').slice(0, 20_000),
    to: mail?.to ? (Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : mail.to.text) : '',
    attachments: (mail?.attachments ?? []).map((a) => ({ name: a.filename ?? a.cid ?? '', contentType: a.contentType, size: a.size })),
  };
}

/** Lets a quarantined message in (into the ticket it names, or as a new ticket) and records who decided. */
export async function releaseQuarantined(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { version: number; asNewTicket?: boolean },
  source: AuditSource,
) {
  const row = await loadMail(ctx, actor, id);
  if (row.outcome !== 'quarantined') throw new AppError(409, 'MAIL_NOT_QUARANTINED');
  if (row.version !== input.version) throw versionConflict();
  const result = await releaseMail(ctx, row, actor.userId, input.asNewTicket === true);
  await recordAudit(ctx.db, source, {
    action: 'mail.released',
    targetType: 'inbound_mail',
    targetId: id,
    before: { reason: row.reason },
    after: { ticketId: result.ticketId },
  });
  return { outcome: 'released' as const, ticket: result.ticketId ? { id: result.ticketId, number: result.ticketNumber ?? '' } : null };
}

/** Throws a quarantined message away for good (it stays on record, never becomes a ticket). */
export async function discardQuarantined(ctx: AppContext, actor: Actor, id: number, input: { version: number }, source: AuditSource) {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(inboundMail).where(eq(inboundMail.id, id)).for('update');
    if (!row || !canHandleMail(actor, row.companyId)) throw notFound();
    if (row.outcome !== 'quarantined') throw new AppError(409, 'MAIL_NOT_QUARANTINED');
    if (row.version !== input.version) throw versionConflict();
    await tx
      .update(inboundMail)
      .set({ outcome: 'discarded', decidedBy: actor.userId, decidedAt: ctx.clock.now(), version: sql`${inboundMail.version} + 1` })
      .where(eq(inboundMail.id, id));
    await recordAudit(tx, source, { action: 'mail.discarded', targetType: 'inbound_mail', targetId: id, before: { reason: row.reason } });
  });
}
