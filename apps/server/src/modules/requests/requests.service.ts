import { amountOf, formatRupiah, type Role, toHundredths } from '@ish/shared';
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, assertCan } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { escapeHtml } from '../../platform/security/html.ts';
import { findOrderable } from '../catalog/catalog.service.ts';
import { recordCharge } from '../charges/index.ts';
import { peopleByIds } from '../identity/identity.lookup.ts';
import { findUnitPlacement } from '../org/org.lookup.ts';
import { applyCatalogTargets } from '../sla/sla.service.ts';
import { canWorkTicket } from '../tickets/tickets.lookup.ts';
import { transitionTicket } from '../tickets/tickets.service.ts';
import { openFulfilmentTicket } from '../tickets/tickets.system.ts';
import { canSeeRequest, eligible } from './requests.access.ts';
import { claimFiles, dropUnclaimedFiles, type FileAnswer } from './requests.files.ts';
import { type Field, resolveAnswers } from './requests.form.ts';
import { approvalSteps, approvals, type RequestStatus, serviceRequests } from './requests.tables.ts';

type Request = typeof serviceRequests.$inferSelect;

/** Issue 5's default chain: the division manager above Rp 5.000.000, the Billing Coordinator above Rp 50.000.000. */
export const DEFAULT_CHAIN = [
  { position: 1, threshold: 5_000_000n, role: 'approver' as Role, userIds: [] as number[], expiryDays: 3 },
  { position: 2, threshold: 50_000_000n, role: 'billing_coordinator' as Role, userIds: [] as number[], expiryDays: 3 },
];
const DAY = 86_400_000;
/** When an undecided step expires: each step of a chain sets its own number of days. */
const dueAfter = (from: Date, days: number) => new Date(from.getTime() + days * DAY);
export const APPROVALS_SWEEP = 'approvals.sweep';

/** The chain of the requester's division: its own, its nearest ancestor's, or the default. */
export async function chainFor(tx: Tx, unitPath: string) {
  const ids = unitPath.split('/').filter(Boolean).map(Number).reverse();
  for (const unitId of ids) {
    const steps = await tx.select().from(approvalSteps).where(eq(approvalSteps.unitId, unitId)).orderBy(asc(approvalSteps.position));
    if (steps.length)
      return steps.map((s) => ({
        position: s.position,
        threshold: s.threshold,
        role: s.role as Role | null,
        userIds: s.userIds,
        expiryDays: s.expiryDays,
      }));
  }
  return DEFAULT_CHAIN;
}

const QUANTITY = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });

/** Opens the provider team's fulfilment ticket with the item's own SLA targets; the description lists the answers. */
async function startFulfilment(ctx: AppContext, tx: Tx, request: Request) {
  const [row] = await tx
    .execute<{ name_id: string; team_id: number | null; response_minutes: number; resolution_minutes: number; form: Field[] }>(sql`
    SELECT v.name_id, i.team_id, v.response_minutes, v.resolution_minutes, v.form FROM catalog_item_versions v JOIN catalog_items i ON i.id = v.item_id WHERE v.id = ${request.versionId}`)
    .then((r) => r.rows);
  if (!row) throw notFound();
  const ticket = await openFulfilmentTicket(ctx, tx, {
    requesterId: request.requesterId,
    teamId: row.team_id === null ? null : Number(row.team_id),
    title: `${request.number} · ${row.name_id}`,
    description: `<p>${request.number}: ${QUANTITY.format(request.quantityHundredths / 100)} × ${formatRupiah(request.rate, 'id')}</p>${await answersHtml(tx, row.form, request.answers)}`,
  });
  await applyCatalogTargets(tx, ticket.id, row.response_minutes, row.resolution_minutes);
  await tx
    .update(serviceRequests)
    .set({ ticketId: ticket.id, status: 'in_fulfilment', updatedAt: new Date(), version: sql`${serviceRequests.version} + 1` })
    .where(eq(serviceRequests.id, request.id));
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

/**
 * Orders a published item: keeps the version and rate, estimates the cost,
 * and sends it through the division's approval steps whose threshold the
 * estimate exceeds (or the first step when the item always needs approval);
 * without steps it goes straight to fulfilment.
 */
export async function createRequest(
  ctx: AppContext,
  actor: Actor,
  input: { itemId: number; quantity: number; answers: Record<string, unknown> },
  source: AuditSource,
) {
  assertCan(actor, 'catalog:browse');
  return ctx.db.transaction(async (tx) => {
    const { item, version } = await findOrderable(tx, actor, input.itemId);
    const { answers, fileIds } = await resolveAnswers(tx, actor, version.form as Field[], input.answers);
    const quantity = version.costModel === 'fixed' ? 100 : toHundredths(input.quantity);
    const rate = BigInt(version.rate);
    const estimate = amountOf(rate, BigInt(quantity));
    const placement = await findUnitPlacement(tx, actor.unitId);
    if (!placement) throw notFound();
    const number = await nextNumber(tx, 'request', 'REQ-{yyyy}-{seq:6}', { at: new Date(), timeZone: 'Asia/Jakarta' });
    const chain = await chainFor(tx, placement.unitPath);
    const above = chain.filter((s) => estimate > s.threshold);
    const steps = above.length === 0 && version.alwaysApproval ? chain.slice(0, 1) : above;
    const [request] = await tx
      .insert(serviceRequests)
      .values({
        number,
        itemId: item.id,
        versionId: version.id,
        requesterId: actor.userId,
        unitId: placement.unitId,
        unitPath: placement.unitPath,
        companyId: placement.companyId,
        providerUnitId: item.providerUnitId,
        quantityHundredths: quantity,
        rate,
        estimate,
        answers,
        status: steps.length ? 'pending_approval' : 'approved',
      })
      .returning();
    if (!request) throw notFound();
    await claimFiles(tx, request.id, fileIds);
    if (steps.length) {
      const [first] = await tx
        .insert(approvals)
        .values(
          steps.map((s, i) => ({
            requestId: request.id,
            position: s.position,
            threshold: s.threshold,
            role: s.role,
            userIds: s.userIds,
            expiryDays: s.expiryDays,
            state: i === 0 ? ('pending' as const) : ('waiting' as const),
            dueAt: i === 0 ? dueAfter(new Date(), s.expiryDays) : null,
          })),
        )
        .returning({ id: approvals.id });
      if (first) await ctx.events.emit(tx, 'approval.pending', { approvalId: first.id, reminder: false });
    } else {
      await startFulfilment(ctx, tx, request);
    }
    await recordAudit(tx, source, {
      action: 'request.created',
      targetType: 'service_request',
      targetId: request.id,
      after: { number, itemId: item.id, versionId: version.id, quantity, estimate: estimate.toString() },
    });
    return request.id;
  });
}

async function loadRequest(tx: Tx, id: number, lock = false) {
  const query = tx.select().from(serviceRequests).where(eq(serviceRequests.id, id));
  const [request] = lock ? await query.for('update') : await query;
  return request ?? null;
}

/** One step's decision: approve moves to the next step or to fulfilment; reject (with a reason) ends the request. */
export async function decideApproval(
  ctx: AppContext,
  actor: Actor,
  approvalId: number,
  input: { decision: 'approve' | 'reject'; comment?: string },
  source: AuditSource,
) {
  return ctx.db.transaction(async (tx) => {
    const [approval] = await tx.select().from(approvals).where(eq(approvals.id, approvalId)).for('update');
    const request = approval ? await loadRequest(tx, approval.requestId, true) : null;
    if (!approval || !request) throw notFound();
    // Not theirs to decide: nobody learns that the step exists.
    if (!eligible(actor, approval, request)) throw notFound();
    if (approval.state !== 'pending' || request.status !== 'pending_approval') throw new AppError(409, 'APPROVAL_DECIDED');
    if (input.decision === 'reject' && !input.comment?.trim())
      throw new AppError(400, 'REASON_REQUIRED', {}, [{ path: 'comment', message: 'REASON_REQUIRED' }]);
    const now = new Date();
    await tx
      .update(approvals)
      .set({
        state: input.decision === 'approve' ? 'approved' : 'rejected',
        decidedBy: actor.userId,
        comment: input.comment ?? null,
        decidedAt: now,
      })
      .where(eq(approvals.id, approval.id));
    const bump = (status: RequestStatus) =>
      tx
        .update(serviceRequests)
        .set({ status, updatedAt: now, version: sql`${serviceRequests.version} + 1` })
        .where(eq(serviceRequests.id, request.id));
    if (input.decision === 'reject') {
      await tx
        .update(approvals)
        .set({ state: 'expired' })
        .where(and(eq(approvals.requestId, request.id), eq(approvals.state, 'waiting')));
      await bump('rejected');
      await ctx.events.emit(tx, 'request.decided', { requestId: request.id, outcome: 'rejected' });
    } else {
      const [next] = await tx
        .select()
        .from(approvals)
        .where(and(eq(approvals.requestId, request.id), eq(approvals.state, 'waiting')))
        .orderBy(asc(approvals.position))
        .limit(1);
      if (next) {
        await tx
          .update(approvals)
          .set({ state: 'pending', dueAt: dueAfter(now, next.expiryDays) })
          .where(eq(approvals.id, next.id));
        await ctx.events.emit(tx, 'approval.pending', { approvalId: next.id, reminder: false });
      } else {
        await bump('approved');
        await ctx.events.emit(tx, 'request.decided', { requestId: request.id, outcome: 'approved' });
        await startFulfilment(ctx, tx, (await loadRequest(tx, request.id)) as Request);
      }
    }
    await recordAudit(tx, source, {
      action: `request.${input.decision === 'approve' ? 'approved' : 'rejected'}`,
      targetType: 'service_request',
      targetId: request.id,
      after: { step: approval.position, comment: input.comment ?? null },
    });
    return request.id;
  });
}

/** The provider records the actual quantity or hours before completing (per-hour and per-unit items). */
export async function recordActualQuantity(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { version: number; actualQuantity: number },
  outer?: Tx,
) {
  const run = <T>(work: (tx: Tx) => Promise<T>) => (outer ? work(outer) : ctx.db.transaction(work));
  return run(async (tx) => {
    const request = await loadRequest(tx, id, true);
    if (!request || !(await canSeeRequest(tx, actor, request))) throw notFound();
    if (request.version !== input.version) throw versionConflict();
    if (!request.ticketId || !(await canWorkTicket(tx, actor, request.ticketId))) throw forbidden();
    if (request.status !== 'in_fulfilment') throw new AppError(409, 'REQUEST_NOT_IN_FULFILMENT');
    await tx
      .update(serviceRequests)
      .set({
        actualQuantityHundredths: toHundredths(input.actualQuantity),
        updatedAt: new Date(),
        version: sql`${serviceRequests.version} + 1`,
      })
      .where(eq(serviceRequests.id, id));
  });
}

/** Records the actual quantity (when given) and resolves the fulfilment ticket in one step. */
export async function completeRequest(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { version: number; actualQuantity?: number; solutionSummary: string },
) {
  return ctx.db.transaction(async (tx) => {
    const request = await loadRequest(tx, id, true);
    if (!request || !(await canSeeRequest(tx, actor, request))) throw notFound();
    if (request.version !== input.version) throw versionConflict();
    if (!request.ticketId) throw new AppError(409, 'REQUEST_NOT_IN_FULFILMENT');
    if (input.actualQuantity !== undefined)
      await recordActualQuantity(ctx, actor, id, { version: input.version, actualQuantity: input.actualQuantity }, tx);
    await transitionTicket(ctx, actor, request.ticketId, { to: 'resolved', solutionSummary: input.solutionSummary }, tx);
  });
}

/**
 * Fulfilment follows its ticket. Resolving it is the request's "done": the
 * one charge between the divisions is recorded then (the unique index makes
 * a repeat a no-op). Confirming the ticket closes the request.
 */
export function registerRequestFulfilment(ctx: AppContext): void {
  ctx.events.on('ticket.status_changed', async (tx, e) => {
    const [request] = await tx.select().from(serviceRequests).where(eq(serviceRequests.ticketId, e.ticketId)).for('update');
    if (!request) return;
    const now = new Date();
    const set = (status: RequestStatus) =>
      tx
        .update(serviceRequests)
        .set({ status, updatedAt: now, version: sql`${serviceRequests.version} + 1` })
        .where(eq(serviceRequests.id, request.id));
    if (e.to === 'resolved') {
      const [version] = await tx
        .execute<{ cost_model: string }>(sql`SELECT cost_model FROM catalog_item_versions WHERE id = ${request.versionId}`)
        .then((r) => r.rows);
      const quantity = request.actualQuantityHundredths ?? (version?.cost_model === 'fixed' ? request.quantityHundredths : null);
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
      await set('done');
    } else if (e.to === 'closed') {
      await set('closed');
    } else if (e.to === 'cancelled') {
      await set('cancelled');
    } else if (e.from === 'resolved') {
      await set('in_fulfilment');
    }
  });
}

/** The id of a request by its number; 0 (found by nobody) when there is none. */
export async function requestIdOf(tx: Tx, number: string): Promise<number> {
  const [row] = await tx.select({ id: serviceRequests.id }).from(serviceRequests).where(eq(serviceRequests.number, number));
  return row?.id ?? 0;
}

/**
 * Undecided approval steps: their approvers are reminded once, a day before the
 * step expires (half a day for a one-day step); an expired step ends the request. Every change is conditional
 * on the state it found, so a second server process running the same sweep
 * changes (and notifies) nothing twice.
 */
export async function sweepApprovals(ctx: AppContext, now = new Date()): Promise<{ reminded: number; expired: number }> {
  const pending = await ctx.db
    .select({ id: approvals.id, requestId: approvals.requestId, dueAt: approvals.dueAt, remindedAt: approvals.remindedAt })
    .from(approvals)
    .where(
      and(
        eq(approvals.state, 'pending'),
        lte(approvals.dueAt, new Date(now.getTime() + DAY)),
        sql`${approvals.dueAt} - least(interval '1 day', ${approvals.expiryDays} * interval '12 hours') <= ${now}`,
      ),
    );
  let reminded = 0;
  let expired = 0;
  for (const step of pending) {
    await ctx.db.transaction(async (tx) => {
      if (step.dueAt && step.dueAt <= now) {
        const [gone] = await tx
          .update(approvals)
          .set({ state: 'expired', decidedAt: now })
          .where(and(eq(approvals.id, step.id), eq(approvals.state, 'pending')))
          .returning({ id: approvals.id });
        if (!gone) return;
        await tx
          .update(approvals)
          .set({ state: 'expired' })
          .where(and(eq(approvals.requestId, step.requestId), eq(approvals.state, 'waiting')));
        await tx
          .update(serviceRequests)
          .set({ status: 'expired', updatedAt: now, version: sql`${serviceRequests.version} + 1` })
          .where(and(eq(serviceRequests.id, step.requestId), eq(serviceRequests.status, 'pending_approval')));
        await recordAudit(tx, SYSTEM, { action: 'request.expired', targetType: 'service_request', targetId: step.requestId });
        await ctx.events.emit(tx, 'request.decided', { requestId: step.requestId, outcome: 'expired' });
        expired++;
      } else if (!step.remindedAt) {
        const [marked] = await tx
          .update(approvals)
          .set({ remindedAt: now })
          .where(and(eq(approvals.id, step.id), eq(approvals.state, 'pending'), isNull(approvals.remindedAt)))
          .returning({ id: approvals.id });
        if (!marked) return;
        await ctx.events.emit(tx, 'approval.pending', { approvalId: step.id, reminder: true });
        reminded++;
      }
    });
  }
  return { reminded, expired };
}

const SYSTEM: AuditSource = { actorId: null, actorEmail: null, ip: null };

/** Every quarter hour: remind and expire approval steps, and remove order-form uploads nobody ordered with. */
export function registerApprovalSweep(ctx: AppContext): void {
  ctx.jobs.define({
    name: APPROVALS_SWEEP,
    retryLimit: 1,
    schedule: '*/15 * * * *',
    handle: async () => {
      await sweepApprovals(ctx);
      await dropUnclaimedFiles(ctx);
    },
  });
}
