import { amountOf, toHundredths } from '@ish/shared';
import { eq, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, assertCan } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { openApprovals, stepsToPass, withdrawApprovals } from '../approvals/index.ts';
import { findOrderable } from '../catalog/index.ts';
import { companyTimeZone, findUnitPlacement } from '../org/index.ts';
import { canWorkTicket, transitionTicket } from '../tickets/index.ts';
import { claimFiles } from './requests.files.ts';
import { type Field, resolveAnswers } from './requests.form.ts';
import { moveRequest, startFulfilment } from './requests.fulfilment.ts';
import { actionOpen, requestTransition } from './requests.lifecycle.ts';
import { canSeeRequest } from './requests.policy.ts';
import type { ActualQuantityInput, CompleteInput, OrderInput, WithdrawInput } from './requests.schemas.ts';
import { serviceRequests } from './requests.tables.ts';

type Request = typeof serviceRequests.$inferSelect;

/**
 * Orders a published item: keeps the version and rate, estimates the cost,
 * and sends it through the division's approval steps whose threshold the
 * estimate exceeds (or the first step when the item always needs approval);
 * without steps it goes straight to fulfilment.
 */
export async function createRequest(ctx: AppContext, actor: Actor, input: OrderInput, source: AuditSource) {
  assertCan(actor, 'catalog:browse');
  return ctx.db.transaction(async (tx) => {
    const { item, version } = await findOrderable(tx, actor, input.itemId);
    const { answers, fileIds } = await resolveAnswers(tx, actor, version.form as Field[], input.answers);
    const quantity = version.costModel === 'fixed' ? 100 : toHundredths(input.quantity);
    const rate = BigInt(version.rate);
    const estimate = amountOf(rate, BigInt(quantity));
    const placement = await findUnitPlacement(tx, actor.unitId);
    if (!placement) throw notFound();
    const number = await nextNumber(tx, 'request', 'REQ-{yyyy}-{seq:6}', {
      at: ctx.clock.now(),
      timeZone: await companyTimeZone(tx, placement.companyId),
    });
    const steps = await stepsToPass(tx, { unitPath: placement.unitPath, amount: estimate, alwaysApproval: version.alwaysApproval });
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
        status: requestTransition('submitted', steps.length ? 'ordered_for_approval' : 'ordered')?.to ?? 'submitted',
        createdAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .returning();
    if (!request) throw notFound();
    await claimFiles(tx, request.id, fileIds);
    if (steps.length) {
      const subject = {
        requestId: request.id,
        requesterId: actor.userId,
        ...placement,
        amount: estimate,
        alwaysApproval: version.alwaysApproval,
      };
      await openApprovals(ctx, tx, subject, steps);
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

/** A request locked for a change: 404 when the actor may not see it, 409 when `version` is stale. */
/** A request the actor sees (else 404), locked; `mayAct` refuses (403) before a stale `version` is reported (409). */
async function lockRequest(tx: Tx, actor: Actor, id: number, version: number, mayAct: (r: Request) => boolean = () => true) {
  const [request] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, id)).for('update');
  if (!request || !(await canSeeRequest(tx, actor, request))) throw notFound();
  if (!mayAct(request)) throw forbidden();
  if (request.version !== version) throw versionConflict();
  return request;
}

/** The provider records the actual quantity or hours before completing (per-hour and per-unit items). */
export async function recordActualQuantity(ctx: AppContext, actor: Actor, id: number, input: ActualQuantityInput, outer?: Tx) {
  const run = <T>(work: (tx: Tx) => Promise<T>) => (outer ? work(outer) : ctx.db.transaction(work));
  return run(async (tx) => {
    const request = await lockRequest(tx, actor, id, input.version);
    if (!request.ticketId || !(await canWorkTicket(tx, actor, request.ticketId))) throw forbidden();
    if (!actionOpen('record_quantity', request.status)) throw new AppError(409, 'REQUEST_NOT_IN_FULFILMENT');
    await tx
      .update(serviceRequests)
      .set({
        actualQuantityHundredths: toHundredths(input.actualQuantity),
        updatedAt: ctx.clock.now(),
        version: sql`${serviceRequests.version} + 1`,
      })
      .where(eq(serviceRequests.id, id));
  });
}

/** Records the actual quantity (when given) and resolves the fulfilment ticket in one step. */
export async function completeRequest(ctx: AppContext, actor: Actor, id: number, input: CompleteInput) {
  return ctx.db.transaction(async (tx) => {
    const request = await lockRequest(tx, actor, id, input.version);
    if (!request.ticketId || !actionOpen('complete', request.status)) throw new AppError(409, 'REQUEST_NOT_IN_FULFILMENT');
    if (input.actualQuantity !== undefined)
      await recordActualQuantity(ctx, actor, id, { version: input.version, actualQuantity: input.actualQuantity }, tx);
    await transitionTicket(ctx, actor, request.ticketId, { to: 'resolved', solutionSummary: input.solutionSummary }, tx);
  });
}

/**
 * The requester withdraws a request still waiting for approval: its open steps
 * end "withdrawn" (their approvers see it leave their queue), the request is
 * cancelled, and the audit log keeps the reason. Only the requester may.
 */
export async function withdrawRequest(ctx: AppContext, actor: Actor, id: number, input: WithdrawInput, source: AuditSource) {
  return ctx.db.transaction(async (tx) => {
    const request = await lockRequest(tx, actor, id, input.version, (r) => r.requesterId === actor.userId);
    if (!requestTransition(request.status, 'withdrawn')) throw new AppError(409, 'REQUEST_NOT_WITHDRAWABLE');
    await withdrawApprovals(tx, id);
    await moveRequest(ctx, tx, request, 'withdrawn');
    await recordAudit(tx, source, {
      action: 'request.withdrawn',
      targetType: 'service_request',
      targetId: id,
      after: { reason: input.reason ?? null },
    });
  });
}
