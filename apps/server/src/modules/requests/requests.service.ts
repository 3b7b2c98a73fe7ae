import { amountOf, type Role, toHundredths } from '@ish/shared';
import { and, asc, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, assertCan, can, scopeCovers, scopesFor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { findOrderable } from '../catalog/catalog.service.ts';
import { findUnitPlacement } from '../org/org.lookup.ts';
import { applyCatalogTargets } from '../sla/sla.service.ts';
import { canWorkTicket } from '../tickets/tickets.lookup.ts';
import { transitionTicket } from '../tickets/tickets.service.ts';
import { openFulfilmentTicket } from '../tickets/tickets.system.ts';
import { validateAnswers } from './requests.form.ts';
import { approvalSteps, approvals, charges, type RequestStatus, serviceRequests } from './requests.tables.ts';

type Request = typeof serviceRequests.$inferSelect;
type Approval = typeof approvals.$inferSelect;

/** Issue 5's default chain: the division manager above Rp 5.000.000, the Billing Coordinator above Rp 50.000.000. */
export const DEFAULT_CHAIN = [
  { position: 1, threshold: 5_000_000n, role: 'approver' as Role, userIds: [] as number[] },
  { position: 2, threshold: 50_000_000n, role: 'billing_coordinator' as Role, userIds: [] as number[] },
];
/** An approval step expires after this many days undecided; its approvers are reminded one day before. */
export const APPROVAL_DAYS = 3;
const DAY = 86_400_000;
export const APPROVALS_SWEEP = 'approvals.sweep';

/** The chain of the requester's division: its own, its nearest ancestor's, or the default. */
export async function chainFor(tx: Tx, unitPath: string) {
  const ids = unitPath.split('/').filter(Boolean).map(Number).reverse();
  for (const unitId of ids) {
    const steps = await tx.select().from(approvalSteps).where(eq(approvalSteps.unitId, unitId)).orderBy(asc(approvalSteps.position));
    if (steps.length)
      return steps.map((s) => ({ position: s.position, threshold: s.threshold, role: s.role as Role | null, userIds: s.userIds }));
  }
  return DEFAULT_CHAIN;
}

const placementOf = (r: Pick<Request, 'companyId' | 'unitPath'>) => ({ companyId: r.companyId, unitPath: r.unitPath });

/** May the actor decide this approval step (a named approver, or the role within the requesting division)? */
function eligible(actor: Actor, approval: Approval, request: Request): boolean {
  if (approval.userIds.includes(actor.userId)) return true;
  return approval.role !== null && actor.grants.some((g) => g.role === approval.role && scopeCovers(g.scope, placementOf(request)));
}

/** Opens the provider team's fulfilment ticket with the item's own SLA targets. */
async function startFulfilment(ctx: AppContext, tx: Tx, request: Request) {
  const [row] = await tx
    .execute<{ name_id: string; team_id: number | null; response_minutes: number; resolution_minutes: number }>(sql`
    SELECT v.name_id, i.team_id, v.response_minutes, v.resolution_minutes FROM catalog_item_versions v JOIN catalog_items i ON i.id = v.item_id WHERE v.id = ${request.versionId}`)
    .then((r) => r.rows);
  if (!row) throw notFound();
  const answers = Object.entries(request.answers)
    .map(([k, v]) => `<li><b>${k}</b>: ${Array.isArray(v) ? v.join(', ') : String(v)}</li>`)
    .join('');
  const ticket = await openFulfilmentTicket(ctx, tx, {
    requesterId: request.requesterId,
    teamId: row.team_id === null ? null : Number(row.team_id),
    title: `${request.number} · ${row.name_id}`,
    description: `<p>${request.number}: ${(request.quantityHundredths / 100).toString()} × Rp ${request.rate.toString()}</p><ul>${answers}</ul>`,
  });
  await applyCatalogTargets(tx, ticket.id, row.response_minutes, row.resolution_minutes);
  await tx
    .update(serviceRequests)
    .set({ ticketId: ticket.id, status: 'in_fulfilment', updatedAt: new Date(), version: sql`${serviceRequests.version} + 1` })
    .where(eq(serviceRequests.id, request.id));
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
    const answers = validateAnswers(version.form as never, input.answers, actor.locale);
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
            state: i === 0 ? ('pending' as const) : ('waiting' as const),
            dueAt: i === 0 ? new Date(Date.now() + APPROVAL_DAYS * DAY) : null,
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

/** Requesters see their own and (as with tickets) their unit's requests; approvers, providers and read-all roles theirs. */
async function canSeeRequest(tx: Tx, actor: Actor, r: Request) {
  if (r.requesterId === actor.userId || can(actor, 'ticket:read', placementOf(r)) || can(actor, 'charge:read', placementOf(r))) return true;
  const steps = await tx.select().from(approvals).where(eq(approvals.requestId, r.id));
  if (steps.some((a) => eligible(actor, a, r))) return true;
  return r.ticketId !== null && canWorkTicket(tx, actor, r.ticketId);
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
    if (!eligible(actor, approval, request)) {
      // An approver elsewhere learns only that this is not theirs; others do not learn it exists.
      if (can(actor, 'request:approve')) throw forbidden();
      throw notFound();
    }
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
          .set({ state: 'pending', dueAt: new Date(now.getTime() + APPROVAL_DAYS * DAY) })
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

/** Approvals waiting for the actor (or, with state, those they decided). */
export async function listApprovals(tx: Tx, actor: Actor, state: 'pending' | 'decided') {
  const rows = await tx
    .select({ approval: approvals, request: serviceRequests })
    .from(approvals)
    .innerJoin(serviceRequests, eq(serviceRequests.id, approvals.requestId))
    .where(state === 'pending' ? eq(approvals.state, 'pending') : eq(approvals.decidedBy, actor.userId))
    .orderBy(desc(approvals.createdAt))
    .limit(500);
  return rows.filter((r) => state === 'decided' || eligible(actor, r.approval, r.request));
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
      await tx
        .insert(charges)
        .values({
          kind: 'charge',
          requestId: request.id,
          requestingUnitId: request.unitId,
          providingUnitId: request.providerUnitId,
          itemId: request.itemId,
          versionId: request.versionId,
          quantityHundredths: quantity,
          rate: request.rate,
          amount: amountOf(request.rate, BigInt(quantity)),
          ticketId: e.ticketId,
          createdBy: e.actorId,
        })
        .onConflictDoNothing();
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

/** Charges of one division and month, both sides: what it spent and what it earned, with totals. */
export async function listCharges(tx: Tx, actor: Actor, unitId: number, period: string) {
  const placement = await findUnitPlacement(tx, unitId);
  if (!placement) throw notFound();
  if (!can(actor, 'charge:read', placement)) throw forbidden();
  const from = `${period}-01`;
  const { rows } = await tx.execute<{
    id: number;
    kind: string;
    request_number: string;
    item_name: string;
    requesting_unit_id: number;
    requesting_name: string;
    providing_unit_id: number;
    providing_name: string;
    quantity_hundredths: number;
    rate: string;
    amount: string;
    ticket_number: string | null;
    reason: string | null;
    charged_at: Date;
    version_number: number;
  }>(sql`
    SELECT c.id, c.kind, r.number AS request_number, v.name_id AS item_name, v.number AS version_number, c.requesting_unit_id, ru.name AS requesting_name,
      c.providing_unit_id, pu.name AS providing_name, c.quantity_hundredths, c.rate::text, c.amount::text, t.number AS ticket_number, c.reason, c.charged_at
    FROM charges c JOIN service_requests r ON r.id = c.request_id JOIN catalog_item_versions v ON v.id = c.version_id
    JOIN units ru ON ru.id = c.requesting_unit_id JOIN units pu ON pu.id = c.providing_unit_id LEFT JOIN tickets t ON t.id = c.ticket_id
    WHERE (c.requesting_unit_id = ${unitId} OR c.providing_unit_id = ${unitId})
      AND c.charged_at >= (${from}::date::timestamp AT TIME ZONE 'Asia/Jakarta') AND c.charged_at < ((${from}::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Jakarta')
    ORDER BY c.charged_at, c.id`);
  const present = (r: (typeof rows)[number]) => ({
    id: Number(r.id),
    kind: r.kind as 'charge' | 'reversal',
    requestNumber: r.request_number,
    item: r.item_name,
    itemVersion: Number(r.version_number),
    requestingUnit: { id: Number(r.requesting_unit_id), name: r.requesting_name },
    providingUnit: { id: Number(r.providing_unit_id), name: r.providing_name },
    quantity: Number(r.quantity_hundredths) / 100,
    rate: Number(r.rate),
    amount: Number(r.amount),
    ticketNumber: r.ticket_number,
    reason: r.reason,
    chargedAt: new Date(r.charged_at).toISOString(),
  });
  const spent = rows.filter((r) => Number(r.requesting_unit_id) === unitId).map(present);
  const earned = rows.filter((r) => Number(r.providing_unit_id) === unitId).map(present);
  const total = (list: ReturnType<typeof present>[]) => Number(list.reduce((sum, c) => sum + BigInt(c.amount), 0n));
  return { unitId, period, spent: { items: spent, total: total(spent) }, earned: { items: earned, total: total(earned) } };
}

/** A charge never changes: a correction is a reversing charge with a reason. */
export async function reverseCharge(ctx: AppContext, actor: Actor, chargeId: number, reason: string, source: AuditSource) {
  return ctx.db.transaction(async (tx) => {
    const [charge] = await tx
      .select()
      .from(charges)
      .where(and(eq(charges.id, chargeId), eq(charges.kind, 'charge')));
    if (!charge) throw notFound();
    const providing = await findUnitPlacement(tx, charge.providingUnitId);
    const requesting = await findUnitPlacement(tx, charge.requestingUnitId);
    const allowed = scopesFor(actor, 'invoice:manage').some(
      (s) => (providing && scopeCovers(s, providing)) || (requesting && scopeCovers(s, requesting)),
    );
    if (!allowed) throw forbidden();
    const { id: _id, ...copy } = charge;
    const [reversal] = await tx
      .insert(charges)
      .values({
        ...copy,
        kind: 'reversal',
        reversalOf: charge.id,
        amount: -charge.amount,
        reason,
        createdBy: actor.userId,
        chargedAt: new Date(),
      })
      .onConflictDoNothing()
      .returning();
    if (!reversal) throw new AppError(409, 'CHARGE_REVERSED');
    await recordAudit(tx, source, {
      action: 'charge.reversed',
      targetType: 'charge',
      targetId: charge.id,
      after: { reason, amount: (-charge.amount).toString() },
    });
    return reversal.id;
  });
}

/** The id of a request by its number; 0 (found by nobody) when there is none. */
export async function requestIdOf(tx: Tx, number: string): Promise<number> {
  const [row] = await tx.select({ id: serviceRequests.id }).from(serviceRequests).where(eq(serviceRequests.number, number));
  return row?.id ?? 0;
}

export async function getRequest(tx: Tx, actor: Actor, id: number) {
  const request = await loadRequest(tx, id);
  if (!request || !(await canSeeRequest(tx, actor, request))) throw notFound();
  const steps = await tx.select().from(approvals).where(eq(approvals.requestId, id)).orderBy(asc(approvals.position));
  const [charge] = await tx
    .select()
    .from(charges)
    .where(and(eq(charges.requestId, id), eq(charges.kind, 'charge')));
  const { rows } = await tx.execute<{
    name_id: string;
    name_en: string;
    cost_model: string;
    unit_label: string | null;
    number: number;
    ticket_number: string | null;
    form: { key: string; labelId: string; labelEn: string }[];
  }>(sql`
    SELECT v.name_id, v.name_en, v.cost_model, v.unit_label, v.number, v.form, t.number AS ticket_number
    FROM catalog_item_versions v LEFT JOIN tickets t ON t.id = ${request.ticketId ?? 0} WHERE v.id = ${request.versionId}`);
  const v = rows[0];
  return {
    id: request.id,
    number: request.number,
    status: request.status,
    item: {
      id: request.itemId,
      version: Number(v?.number ?? 0),
      name: (actor.locale === 'en' ? v?.name_en : v?.name_id) ?? '',
      costModel: v?.cost_model ?? 'fixed',
      unitLabel: v?.unit_label ?? null,
      /** The form's questions as the version asked them, to label the answers. */
      fields: (v?.form ?? []).map((f) => ({ key: f.key, label: actor.locale === 'en' ? f.labelEn : f.labelId })),
    },
    quantity: request.quantityHundredths / 100,
    actualQuantity: request.actualQuantityHundredths === null ? null : request.actualQuantityHundredths / 100,
    rate: Number(request.rate),
    estimate: Number(request.estimate),
    answers: request.answers,
    ticket: request.ticketId ? { id: request.ticketId, number: v?.ticket_number ?? '' } : null,
    approvals: steps.map((a) => ({
      id: a.id,
      position: a.position,
      threshold: Number(a.threshold),
      role: a.role,
      state: a.state,
      decidedBy: a.decidedBy,
      comment: a.comment,
      decidedAt: a.decidedAt?.toISOString() ?? null,
      canDecide: a.state === 'pending' && eligible(actor, a, request),
    })),
    charge: charge ? { id: charge.id, amount: Number(charge.amount), quantity: charge.quantityHundredths / 100 } : null,
    createdAt: request.createdAt.toISOString(),
    version: request.version,
  };
}

export async function listRequests(tx: Tx, actor: Actor, mine: boolean) {
  const rows = await tx
    .select()
    .from(serviceRequests)
    .where(mine ? eq(serviceRequests.requesterId, actor.userId) : sql`true`)
    .orderBy(desc(serviceRequests.id))
    .limit(500);
  const visible = [];
  for (const r of rows) if (await canSeeRequest(tx, actor, r)) visible.push(await getRequest(tx, actor, r.id));
  return visible;
}

/**
 * Undecided approval steps: their approvers are reminded once, a day before the
 * step expires; an expired step ends the request. Every change is conditional
 * on the state it found, so a second server process running the same sweep
 * changes (and notifies) nothing twice.
 */
export async function sweepApprovals(ctx: AppContext, now = new Date()): Promise<{ reminded: number; expired: number }> {
  const pending = await ctx.db
    .select({ id: approvals.id, requestId: approvals.requestId, dueAt: approvals.dueAt, remindedAt: approvals.remindedAt })
    .from(approvals)
    .where(and(eq(approvals.state, 'pending'), lte(approvals.dueAt, new Date(now.getTime() + DAY))));
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

export function registerApprovalSweep(ctx: AppContext): void {
  ctx.jobs.define({ name: APPROVALS_SWEEP, retryLimit: 1, schedule: '*/15 * * * *', handle: async () => void (await sweepApprovals(ctx)) });
}
