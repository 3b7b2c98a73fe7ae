import { formatRupiah } from '@ish/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { escapeHtml } from '../../platform/security/html.ts';
import { findItemVersion } from '../catalog/index.ts';
import { recordCharge } from '../charges/index.ts';
import { peopleByIds } from '../identity/index.ts';
import { openFulfilmentTicket } from '../tickets/index.ts';
import { dropUnclaimedFiles, type FileAnswer } from './requests.files.ts';
import type { Field } from './requests.form.ts';
import { type RequestStatus, serviceRequests } from './requests.tables.ts';

type Request = typeof serviceRequests.$inferSelect;

const QUANTITY = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });

/** Moves a request to `status` (bumping its version), only from one of `from` when given; false when it was not there. */
async function setStatus(ctx: AppContext, tx: Tx, id: number, status: RequestStatus, from?: RequestStatus[]): Promise<boolean> {
  const [before] = await tx.select({ status: serviceRequests.status }).from(serviceRequests).where(eq(serviceRequests.id, id));
  const moved = await tx
    .update(serviceRequests)
    .set({ status, updatedAt: ctx.clock.now(), version: sql`${serviceRequests.version} + 1` })
    .where(and(eq(serviceRequests.id, id), from ? sql`${serviceRequests.status} IN ${from}` : undefined))
    .returning({ id: serviceRequests.id, version: serviceRequests.version });
  const row = moved[0];
  if (row && before && before.status !== status)
    await ctx.events.emit(tx, 'request.status_changed', { requestId: id, from: before.status, to: status, version: row.version });
  return moved.length > 0;
}

/** Opens the provider team's fulfilment ticket with the item's own SLA targets; the description lists the answers. */
export async function startFulfilment(ctx: AppContext, tx: Tx, request: Request) {
  const version = await findItemVersion(tx, request.versionId);
  if (!version) throw notFound();
  const ticket = await openFulfilmentTicket(ctx, tx, {
    requesterId: request.requesterId,
    teamId: version.teamId,
    // The ticket numbers from the request type's own pattern (SR-…) and names the service; the request is its origin.
    title: version.nameId,
    origin: { kind: 'service_request', id: request.id, number: request.number, serviceName: { id: version.nameId, en: version.nameEn } },
    description: `<p>${request.number}: ${QUANTITY.format(request.quantityHundredths / 100)} × ${formatRupiah(request.rate, 'id')}</p>${await answersHtml(tx, version.form as Field[], request.answers)}`,
    slaTargets: { responseMinutes: version.responseMinutes, resolutionMinutes: version.resolutionMinutes },
  });
  const [moved] = await tx
    .update(serviceRequests)
    .set({ ticketId: ticket.id, status: 'in_fulfilment', updatedAt: ctx.clock.now(), version: sql`${serviceRequests.version} + 1` })
    .where(eq(serviceRequests.id, request.id))
    .returning({ version: serviceRequests.version });
  if (moved && request.status !== 'in_fulfilment')
    await ctx.events.emit(tx, 'request.status_changed', {
      requestId: request.id,
      from: request.status,
      to: 'in_fulfilment',
      version: moved.version,
    });
}

/** The answers as an escaped list for the ticket, labelled in Indonesian (the provider's working language), people by name. */
async function answersHtml(tx: Tx, form: Field[], answers: Record<string, unknown>) {
  const people = await peopleByIds(
    tx,
    form.filter((f) => f.type === 'person' && typeof answers[f.key] === 'number').map((f) => answers[f.key] as number),
  );
  const text = (f: Field, v: unknown): string => {
    if (f.type === 'person') return people.get(v as number)?.name ?? String(v);
    if (f.type === 'file') return `${(v as FileAnswer).name} (${(v as FileAnswer).size} B)`;
    if (typeof v === 'boolean') return v ? 'Ya' : 'Tidak';
    const label = (value: unknown) => f.options?.find((o) => o.value === value)?.labelId ?? String(value);
    return Array.isArray(v) ? v.map(label).join(', ') : label(v);
  };
  const items = form
    .filter((f) => answers[f.key] !== undefined)
    .map((f) => `<li><b>${escapeHtml(f.labelId)}</b>: ${escapeHtml(text(f, answers[f.key]))}</li>`);
  return items.length ? `<ul>${items.join('')}</ul>` : '';
}

/** The end of a request's approval chain decides its status; an approved request goes to fulfilment at once. */
async function onApprovalConcluded(ctx: AppContext, tx: Tx, requestId: number, outcome: 'approved' | 'rejected' | 'expired') {
  if (!(await setStatus(ctx, tx, requestId, outcome, ['pending_approval']))) return;
  await ctx.events.emit(tx, 'request.decided', { requestId, outcome });
  if (outcome !== 'approved') return;
  const [request] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, requestId));
  if (request) await startFulfilment(ctx, tx, request);
}

/**
 * Fulfilment follows its ticket. Resolving it is the request's "done": the
 * one charge between the divisions is recorded then (the unique index makes
 * a repeat a no-op). Confirming the ticket closes the request.
 */
async function onTicketStatusChanged(ctx: AppContext, tx: Tx, e: { ticketId: number; from: string; to: string; actorId: number | null }) {
  const [request] = await tx.select().from(serviceRequests).where(eq(serviceRequests.ticketId, e.ticketId)).for('update');
  if (!request) return;
  if (e.to === 'resolved') {
    const version = await findItemVersion(tx, request.versionId);
    const quantity = request.actualQuantityHundredths ?? (version?.costModel === 'fixed' ? request.quantityHundredths : null);
    if (quantity === null) throw new AppError(409, 'REQUEST_QUANTITY_REQUIRED');
    await recordCharge(ctx, tx, {
      requestId: request.id,
      requestingUnitId: request.unitId,
      providingUnitId: request.providerUnitId,
      itemId: request.itemId,
      versionId: request.versionId,
      quantityHundredths: quantity,
      rate: request.rate,
      ticketId: e.ticketId,
      createdBy: e.actorId,
      chargedAt: ctx.clock.now(),
    });
    await setStatus(ctx, tx, request.id, 'done');
  } else if (e.to === 'closed') {
    await setStatus(ctx, tx, request.id, 'closed');
  } else if (e.to === 'cancelled') {
    await setStatus(ctx, tx, request.id, 'cancelled');
  } else if (e.from === 'resolved') {
    await setStatus(ctx, tx, request.id, 'in_fulfilment');
  }
}

export const REQUEST_FILES_SWEEP = 'requests.drop-unclaimed-files';

/** Wires requests to the end of their approvals and to their fulfilment tickets; removes abandoned order-form uploads hourly. */
export function registerRequests(ctx: AppContext): void {
  ctx.events.on('approval.concluded', (tx, e) => onApprovalConcluded(ctx, tx, e.requestId, e.outcome));
  ctx.events.on('ticket.status_changed', (tx, e) => onTicketStatusChanged(ctx, tx, e));
  ctx.jobs.define({
    name: REQUEST_FILES_SWEEP,
    retryLimit: 1,
    schedule: '7 * * * *',
    handle: async () => void (await dropUnclaimedFiles(ctx)),
  });
}
