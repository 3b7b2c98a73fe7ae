import { type InvoiceStatus, rupiahInWords } from '@ish/shared';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { charges } from '../charges/index.ts';
import { peopleByIds } from '../identity/index.ts';
import { type InvoiceRow, type LineRow, lifecycleFacts, loadInvoice, payerOf, providerOf } from './billing.invoices.ts';
import { payerActions } from './billing.lifecycle.ts';
import {
  fullInvoices,
  type InvoiceView,
  mayActForPayer,
  mayAnswerFor,
  mayDecide,
  ownLines,
  ownsLine,
  visibleInvoices,
} from './billing.policy.ts';
import { invoiceDisputeLines, invoiceDisputes, invoiceEvents, invoiceLines, invoicePayments, invoices } from './billing.tables.ts';

const UNRESOLVED = ['open', 'rejected', 'escalated'] as const;

async function names(tx: Tx, table: 'units' | 'companies', ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const { rows } = await tx.execute<{ id: number; name: string }>(
    sql`SELECT id, name FROM ${sql.raw(table)} WHERE id IN ${[...new Set(ids)]}`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/** How much of each charge is left after every reversal recorded so far (on any invoice). */
async function remainingOf(tx: Tx, lines: LineRow[]): Promise<Map<number, bigint>> {
  const own = lines.filter((l) => l.kind === 'charge');
  if (!own.length) return new Map();
  const reversed = await tx
    .select({ of: charges.reversalOf, sum: sql<string>`sum(${charges.amount})::text` })
    .from(charges)
    .where(
      and(
        eq(charges.kind, 'reversal'),
        inArray(
          charges.reversalOf,
          own.map((l) => l.chargeId),
        ),
      ),
    )
    .groupBy(charges.reversalOf);
  const by = new Map(reversed.map((r) => [Number(r.of), BigInt(r.sum)]));
  return new Map(own.map((l) => [l.chargeId, l.amount + (by.get(l.chargeId) ?? 0n)]));
}

const presentLine = (l: LineRow, locale: Actor['locale'], extra: { disputable: boolean; remaining: bigint | null }) => ({
  id: l.id,
  chargeId: l.chargeId,
  kind: l.kind,
  carriedOver: l.carriedOver,
  reversesChargeId: l.reversesChargeId,
  provider: { id: l.providingUnitId, name: l.providerName },
  item: locale === 'en' ? l.itemNameEn : l.itemNameId,
  itemVersion: l.itemVersion,
  costModel: l.costModel,
  unitLabel: l.unitLabel,
  requestNumber: l.requestNumber,
  ticketNumber: l.ticketNumber,
  quantity: l.quantityHundredths / 100,
  rate: Number(l.rate),
  amount: Number(l.amount),
  reason: l.reason,
  chargedAt: l.chargedAt.toISOString(),
  remaining: extra.remaining === null ? null : Number(extra.remaining),
  disputable: extra.disputable,
});

/** The whole invoice as the actor may see it (a provider: their own lines, the status, the payment), with what they may do. */
export async function getInvoice(ctx: AppContext, actor: Actor, id: number) {
  const { invoice, lines, view } = await loadInvoice(ctx.db, actor, id);
  return presentInvoice(ctx, actor, invoice, lines, view);
}

export async function presentInvoice(ctx: AppContext, actor: Actor, invoice: InvoiceRow, all: LineRow[], view: InvoiceView) {
  const tx = ctx.db;
  const lines = view === 'full' ? all : all.filter((l) => ownsLine(actor, providerOf(l)));
  const visibleLineIds = new Set(lines.map((l) => l.id));
  const disputes = (
    await tx.select().from(invoiceDisputes).where(eq(invoiceDisputes.invoiceId, invoice.id)).orderBy(asc(invoiceDisputes.id))
  ).map((d) => ({ ...d }));
  const disputeLines = disputes.length
    ? await tx
        .select()
        .from(invoiceDisputeLines)
        .where(
          inArray(
            invoiceDisputeLines.disputeId,
            disputes.map((d) => d.id),
          ),
        )
    : [];
  const linesOfDispute = (disputeId: number) => disputeLines.filter((dl) => dl.disputeId === disputeId).map((dl) => dl.lineId);
  // A provider sees the disputes about their own lines only.
  const shownDisputes = disputes.filter((d) => view === 'full' || linesOfDispute(d.id).some((lineId) => visibleLineIds.has(lineId)));
  const [payment] = await tx.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, invoice.id));
  const events = await tx
    .select()
    .from(invoiceEvents)
    .where(eq(invoiceEvents.invoiceId, invoice.id))
    .orderBy(asc(invoiceEvents.at), asc(invoiceEvents.id));
  const shownDisputeIds = new Set(shownDisputes.map((d) => d.id));
  const shownEvents = events.filter((e) => view === 'full' || !('disputeId' in e.data) || shownDisputeIds.has(Number(e.data.disputeId)));
  const people = await peopleByIds(tx, [
    ...shownDisputes.flatMap((d) => [d.raisedBy, d.answeredBy, d.escalatedBy, d.decidedBy].filter((x): x is number => x !== null)),
    ...(payment ? [payment.confirmedBy] : []),
    ...shownEvents.flatMap((e) => (e.actorId ? [e.actorId] : [])),
  ]);
  const person = (userId: number | null) => (userId ? { id: userId, name: people.get(userId)?.name ?? '-' } : null);
  const units = await names(tx, 'units', [invoice.unitId, ...shownDisputes.map((d) => d.providingUnitId)]);
  const companies = await names(tx, 'companies', [invoice.companyId]);
  const remaining = await remainingOf(tx, lines);
  const busy = new Set(
    shownDisputes.filter((d) => (UNRESOLVED as readonly string[]).includes(d.status)).flatMap((d) => linesOfDispute(d.id)),
  );
  const payer = payerOf(invoice);
  const forPayer = view === 'full' && mayActForPayer(actor, payer);
  const facts = await lifecycleFacts(ctx, tx, invoice);
  const open = invoice.status !== 'paid' && invoice.status !== 'draft';
  const providerPlace = (d: (typeof disputes)[number]) => {
    const line = all.find((l) => linesOfDispute(d.id).includes(l.id));
    return line ? providerOf(line) : null;
  };
  const subtotals = new Map<number, { id: number; name: string; subtotal: bigint }>();
  for (const l of lines) {
    const group = subtotals.get(l.providingUnitId) ?? { id: l.providingUnitId, name: l.providerName, subtotal: 0n };
    group.subtotal += l.amount;
    subtotals.set(l.providingUnitId, group);
  }
  const total = view === 'full' ? invoice.total : lines.reduce((sum, l) => sum + l.amount, 0n);
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    period: invoice.period,
    view,
    company: { id: invoice.companyId, name: companies.get(invoice.companyId) ?? '-' },
    division: { id: invoice.unitId, name: units.get(invoice.unitId) ?? '-' },
    total: Number(total),
    totalInWords: rupiahInWords(total, actor.locale),
    dueDate: invoice.dueDate,
    issuedAt: invoice.issuedAt?.toISOString() ?? null,
    paidAt: invoice.paidAt?.toISOString() ?? null,
    createdAt: invoice.createdAt.toISOString(),
    version: invoice.version,
    lines: lines.map((l) =>
      presentLine(l, actor.locale, {
        remaining: remaining.get(l.chargeId) ?? null,
        disputable: forPayer && open && l.kind === 'charge' && !busy.has(l.id) && (remaining.get(l.chargeId) ?? 0n) > 0n,
      }),
    ),
    providers: [...subtotals.values()].map((p) => ({ id: p.id, name: p.name, subtotal: Number(p.subtotal) })),
    payment: payment
      ? {
          reference: payment.reference,
          paidOn: payment.paidOn,
          amount: Number(payment.amount),
          confirmedBy: person(payment.confirmedBy),
          confirmedAt: payment.confirmedAt.toISOString(),
          proof: payment.proofFileId
            ? {
                name: payment.proofName ?? '',
                contentType: payment.proofType ?? '',
                size: payment.proofSize ?? 0,
                url: `/api/v1/invoices/${invoice.id}/payment/proof`,
              }
            : null,
        }
      : null,
    disputes: shownDisputes.map((d) => {
      const place = providerPlace(d);
      const actions: ('answer' | 'escalate' | 'decide' | 'attach')[] = [];
      const notOwn = d.raisedBy !== actor.userId;
      if (open && d.status === 'open' && place && notOwn && mayAnswerFor(actor, place)) actions.push('answer');
      if (open && d.status === 'open' && d.raisedBy === actor.userId && !d.fileId) actions.push('attach');
      if (open && d.status === 'rejected' && forPayer) actions.push('escalate');
      if (open && d.status === 'escalated' && notOwn && mayDecide(actor, payer)) actions.push('decide');
      return {
        id: d.id,
        status: d.status,
        provider: { id: d.providingUnitId, name: units.get(d.providingUnitId) ?? '-' },
        lineIds: linesOfDispute(d.id),
        reason: d.reason,
        disputedAmount: Number(d.disputedAmount),
        file: d.fileId
          ? { name: d.fileName ?? '', contentType: d.fileType ?? '', size: d.fileSize ?? 0, url: `/api/v1/disputes/${d.id}/file` }
          : null,
        raisedBy: person(d.raisedBy),
        raisedAt: d.raisedAt.toISOString(),
        answer: d.answer,
        acceptedAmount: d.acceptedAmount === null ? null : Number(d.acceptedAmount),
        answeredBy: person(d.answeredBy),
        answeredAt: d.answeredAt?.toISOString() ?? null,
        escalationReason: d.escalationReason,
        escalatedBy: person(d.escalatedBy),
        escalatedAt: d.escalatedAt?.toISOString() ?? null,
        decision: d.decision,
        decisionReason: d.decisionReason,
        decidedAmount: d.decidedAmount === null ? null : Number(d.decidedAmount),
        decidedBy: person(d.decidedBy),
        decidedAt: d.decidedAt?.toISOString() ?? null,
        version: d.version,
        actions,
      };
    }),
    timeline: shownEvents.map((e) => ({
      id: e.id,
      kind: e.kind,
      actor: person(e.actorId),
      at: e.at.toISOString(),
      data:
        view === 'full'
          ? e.data
          : Object.fromEntries(Object.entries(e.data).filter(([k]) => !['total', 'lines', 'carriedOver'].includes(k))),
    })),
    actions: forPayer ? payerActions(facts) : [],
  };
}

export type InvoiceOut = Awaited<ReturnType<typeof presentInvoice>>;

export interface InvoiceFilter {
  period?: string;
  division?: number;
  status?: InvoiceStatus;
  provider?: number;
  company?: number;
  page: number;
  pageSize: number;
}

/**
 * One page of invoices the actor may see, newest period first. A provider's
 * view counts only their own lines; with `provider`, each row also says what
 * that division is owed on it (receivables).
 */
export async function listInvoices(tx: Tx, actor: Actor, filter: InvoiceFilter) {
  const conditions: SQL[] = [visibleInvoices(actor)];
  if (filter.period) conditions.push(eq(invoices.period, filter.period));
  if (filter.division) conditions.push(eq(invoices.unitId, filter.division));
  if (filter.status) conditions.push(eq(invoices.status, filter.status));
  if (filter.company) conditions.push(eq(invoices.companyId, filter.company));
  const providerPath = filter.provider
    ? ((await tx.execute<{ path: string }>(sql`SELECT path FROM units WHERE id = ${filter.provider}`)).rows[0]?.path ?? '/none/')
    : null;
  const ofProvider = sql`${invoiceLines.providingUnitPath} LIKE ${`${providerPath ?? ''}%`}`;
  if (providerPath)
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${invoiceLines} WHERE ${invoiceLines.invoiceId} = ${invoices.id} AND ${ofProvider} AND ${ownLines(actor)})`,
    );
  const where = and(...conditions);
  const [counted] = await tx.select({ n: sql<number>`count(*)::int` }).from(invoices).where(where);
  // A select list may render columns unqualified: the subqueries name the outer invoice explicitly.
  const outerId = sql.raw('"invoices"."id"');
  const sumOf = (condition: SQL) =>
    sql<string>`(SELECT coalesce(sum(invoice_lines.amount), 0)::text FROM invoice_lines WHERE invoice_lines.invoice_id = ${outerId} AND ${condition})`;
  const rows = await tx
    .select({
      invoice: invoices,
      divisionName: sql<string>`(SELECT u.name FROM units u WHERE u.id = ${sql.raw('"invoices"."unit_id"')})`,
      full: sql<boolean>`${fullInvoices(actor)}`,
      ownTotal: sumOf(ownLines(actor)),
      receivable: providerPath ? sumOf(ofProvider) : sql<string>`NULL`,
    })
    .from(invoices)
    .where(where)
    .orderBy(desc(invoices.period), asc(invoices.unitPath), desc(invoices.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  return {
    items: rows.map((r) => ({
      id: r.invoice.id,
      number: r.invoice.number,
      status: r.invoice.status,
      period: r.invoice.period,
      view: (r.full ? 'full' : 'provider') as InvoiceView,
      division: { id: r.invoice.unitId, name: r.divisionName },
      total: r.full ? Number(r.invoice.total) : Number(r.ownTotal),
      receivable: r.receivable === null ? null : Number(r.receivable),
      dueDate: r.invoice.dueDate,
      issuedAt: r.invoice.issuedAt?.toISOString() ?? null,
      paidAt: r.invoice.paidAt?.toISOString() ?? null,
      version: r.invoice.version,
    })),
    total: counted?.n ?? 0,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}
