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
import { eventOfTicket, type RequestEvent, requestTransition } from './requests.lifecycle.ts';
import { serviceRequests } from './requests.tables.ts';

type Request = typeof serviceRequests.$inferSelect;

const QUANTITY = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });

/**
 * Moves a request along its lifecycle (requests.lifecycle.ts): the transition
 * `event` takes from the status it is in, written only if it is still there
 * (a second process or a repeated event changes nothing). Returns the new
 * status, or null when the lifecycle has no such step from where it is.
 */
export async function moveRequest(ctx: AppContext, tx: Tx, request: Request, event: RequestEvent, changes: Partial<Request> = {}) {
  const step = requestTransition(request.status, event);
  if (!step) return null;
  const moved = await tx
    .update(serviceRequests)
    .set({ ...changes, status: step.to, updatedAt: ctx.clock.now(), version: sql`${serviceRequests.version} + 1` })
    .where(and(eq(serviceRequests.id, request.id), eq(serviceRequests.status, request.status)))
    .returning({ version: serviceRequests.version });
  const row = moved[0];
  if (!row) return null;
  await ctx.events.emit(tx, 'request.status_changed', { requestId: request.id, from: request.status, to: step.to, version: row.version });
  return step.to;
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
  await moveRequest(ctx, tx, request, 'fulfilment_opened', { ticketId: ticket.id });
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
  const [request] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, requestId)).for('update');
  if (!request || !(await moveRequest(ctx, tx, request, outcome))) return;
  await ctx.events.emit(tx, 'request.decided', { requestId, outcome });
  if (outcome === 'approved') await startFulfilment(ctx, tx, { ...request, status: 'approved' });
}

/** The quantity a request is charged for: the actual one recorded, or the ordered one of a fixed-price item; null while unknown. */
async function chargedQuantity(tx: Tx, request: Request): Promise<number | null> {
  if (request.actualQuantityHundredths !== null) return request.actualQuantityHundredths;
  return (await findItemVersion(tx, request.versionId))?.costModel === 'fixed' ? request.quantityHundredths : null;
}

/**
 * Fulfilment follows its ticket (requests.lifecycle.ts `eventOfTicket`).
 * Resolving it is the request's "done": the one charge between the divisions
 * is recorded then (the unique index makes a repeat a no-op). Confirming the
 * ticket closes the request.
 */
async function onTicketStatusChanged(ctx: AppContext, tx: Tx, e: { ticketId: number; from: string; to: string; actorId: number | null }) {
  const event = eventOfTicket(e.from, e.to);
  if (!event) return;
  const [request] = await tx.select().from(serviceRequests).where(eq(serviceRequests.ticketId, e.ticketId)).for('update');
  const step = request ? requestTransition(request.status, event) : undefined;
  if (!request || !step) return;
  if (step.guard === 'quantity_known') {
    const quantity = await chargedQuantity(tx, request);
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
  }
  await moveRequest(ctx, tx, request, event);
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
