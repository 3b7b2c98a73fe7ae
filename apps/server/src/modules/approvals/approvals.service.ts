import type { Role } from '@ish/shared';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit, SYSTEM } from '../../platform/audit/audit.ts';
import { type Actor, can, type Placement } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound, unknownReference } from '../../platform/http/errors.ts';
import { peopleByIds, usersWithRoleOver } from '../identity/index.ts';
import { findUnitPlacement, unitsWith } from '../org/index.ts';
import { mayConfigureChain, mayDecide } from './approvals.policy.ts';
import type { ChainStepInput, DecisionInput } from './approvals.schemas.ts';
import { approvalSteps, approvals } from './approvals.tables.ts';

export type Approval = typeof approvals.$inferSelect;

/** One step of a division's chain. */
export interface ChainStep {
  position: number;
  threshold: bigint;
  role: Role | null;
  userIds: number[];
  expiryDays: number;
}

/** Issue 5's default chain: the division manager above Rp 5.000.000, the Billing Coordinator above Rp 50.000.000. */
export const DEFAULT_CHAIN: readonly ChainStep[] = [
  { position: 1, threshold: 5_000_000n, role: 'approver', userIds: [], expiryDays: 3 },
  { position: 2, threshold: 50_000_000n, role: 'billing_coordinator', userIds: [], expiryDays: 3 },
];
const DAY = 86_400_000;
/** When an undecided step expires: each step of a chain sets its own number of days. */
const dueAfter = (from: Date, days: number) => new Date(from.getTime() + days * DAY);

/** The chain of a division: its own, its nearest ancestor's, or the default. */
export async function chainFor(tx: Tx, unitPath: string): Promise<readonly ChainStep[]> {
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

/** What a request asks approval for: who, where, and how much. */
export interface Subject {
  requestId: number;
  requesterId: number;
  companyId: number;
  unitPath: string;
  amount: bigint;
  /** The item needs approval even below every threshold: its division's first step decides. */
  alwaysApproval: boolean;
}

/** The steps a request must pass: those whose threshold the amount exceeds (or the first, when approval is always needed). */
export async function stepsToPass(tx: Tx, subject: Omit<Subject, 'requestId' | 'requesterId' | 'companyId'>): Promise<ChainStep[]> {
  const chain = await chainFor(tx, subject.unitPath);
  const above = chain.filter((s) => subject.amount > s.threshold);
  return above.length === 0 && subject.alwaysApproval ? chain.slice(0, 1) : above;
}

/** Opens a request's steps: the first waits for its approvers (announced), the rest wait their turn. */
export async function openApprovals(ctx: AppContext, tx: Tx, subject: Subject, steps: ChainStep[]): Promise<void> {
  if (!steps.length) return;
  const now = ctx.clock.now();
  const [first] = await tx
    .insert(approvals)
    .values(
      steps.map((s, i) => ({
        requestId: subject.requestId,
        requesterId: subject.requesterId,
        companyId: subject.companyId,
        unitPath: subject.unitPath,
        position: s.position,
        threshold: s.threshold,
        role: s.role,
        userIds: s.userIds,
        expiryDays: s.expiryDays,
        state: i === 0 ? ('pending' as const) : ('waiting' as const),
        dueAt: i === 0 ? dueAfter(now, s.expiryDays) : null,
      })),
    )
    .returning({ id: approvals.id });
  if (first) await ctx.events.emit(tx, 'approval.pending', { approvalId: first.id, reminder: false });
}

/** A request's steps in order. */
export const stepsOf = (tx: Tx, requestId: number) =>
  tx.select().from(approvals).where(eq(approvals.requestId, requestId)).orderBy(asc(approvals.position));

/**
 * One step's decision: approve moves to the next step or ends the chain
 * approved; reject (with a reason) ends it rejected. The end is announced as
 * `approval.concluded`. A step the actor may not decide answers 404.
 */
export async function decideApproval(ctx: AppContext, actor: Actor, approvalId: number, input: DecisionInput, source: AuditSource) {
  return ctx.db.transaction(async (tx) => {
    const [step] = await tx.select().from(approvals).where(eq(approvals.id, approvalId)).for('update');
    // Not theirs to decide: nobody learns that the step exists.
    if (!step || !mayDecide(actor, step)) throw notFound();
    if (step.state !== 'pending') throw new AppError(409, 'APPROVAL_DECIDED');
    if (input.decision === 'reject' && !input.comment?.trim())
      throw new AppError(400, 'REASON_REQUIRED', {}, [{ path: 'comment', message: 'REASON_REQUIRED' }]);
    const now = ctx.clock.now();
    await tx
      .update(approvals)
      .set({
        state: input.decision === 'approve' ? 'approved' : 'rejected',
        decidedBy: actor.userId,
        comment: input.comment ?? null,
        decidedAt: now,
      })
      .where(eq(approvals.id, step.id));
    await recordAudit(tx, source, {
      action: `request.${input.decision === 'approve' ? 'approved' : 'rejected'}`,
      targetType: 'service_request',
      targetId: step.requestId,
      after: { step: step.position, comment: input.comment ?? null },
    });
    if (input.decision === 'reject') {
      await closeWaiting(tx, step.requestId);
      await ctx.events.emit(tx, 'approval.concluded', { requestId: step.requestId, outcome: 'rejected' });
      return step.requestId;
    }
    const [next] = await tx
      .select()
      .from(approvals)
      .where(and(eq(approvals.requestId, step.requestId), eq(approvals.state, 'waiting')))
      .orderBy(asc(approvals.position))
      .limit(1);
    if (next) {
      await tx
        .update(approvals)
        .set({ state: 'pending', dueAt: dueAfter(now, next.expiryDays) })
        .where(eq(approvals.id, next.id));
      await ctx.events.emit(tx, 'approval.pending', { approvalId: next.id, reminder: false });
    } else {
      await ctx.events.emit(tx, 'approval.concluded', { requestId: step.requestId, outcome: 'approved' });
    }
    return step.requestId;
  });
}

/** The requester withdrew the request: no open step is asked any more (nor reminded, nor expired). */
export const withdrawApprovals = (tx: Tx, requestId: number) =>
  tx
    .update(approvals)
    .set({ state: 'withdrawn' })
    .where(and(eq(approvals.requestId, requestId), inArray(approvals.state, ['waiting', 'pending'])));

/** The later steps of a chain that ended early will never be asked. */
const closeWaiting = (tx: Tx, requestId: number) =>
  tx
    .update(approvals)
    .set({ state: 'expired' })
    .where(and(eq(approvals.requestId, requestId), eq(approvals.state, 'waiting')));

/**
 * Undecided steps: their approvers are reminded once, a day before the step
 * expires (half a day for a one-day step); an expired step ends its chain.
 * Every change is conditional on the state it found, so a second server
 * process running the same sweep changes (and notifies) nothing twice.
 */
export async function sweepApprovals(ctx: AppContext, now = ctx.clock.now()): Promise<{ reminded: number; expired: number }> {
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
        await closeWaiting(tx, step.requestId);
        await recordAudit(tx, SYSTEM, { action: 'request.expired', targetType: 'service_request', targetId: step.requestId });
        await ctx.events.emit(tx, 'approval.concluded', { requestId: step.requestId, outcome: 'expired' });
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

/** Who may decide a step: its named people and the holders of its role over the requester's division (for notices). */
export async function approversOf(tx: Tx, approvalId: number): Promise<{ requestId: number; userIds: number[] } | null> {
  const [step] = await tx.select().from(approvals).where(eq(approvals.id, approvalId));
  if (!step) return null;
  const byRole = step.role ? await usersWithRoleOver(tx, step.role, { companyId: step.companyId, unitPath: step.unitPath }) : [];
  return { requestId: step.requestId, userIds: [...new Set([...step.userIds, ...byRole])].filter((id) => id !== step.requesterId) };
}

/** A division whose chain the actor may configure; any other answers 404 (its chain is not theirs to see). */
async function configurable(tx: Tx, actor: Actor, unitId: number): Promise<Placement & { unitId: number }> {
  const at = await findUnitPlacement(tx, unitId);
  if (!at || !mayConfigureChain(actor, at)) throw notFound();
  return at;
}

/** The chain that applies to a division, with what the caller may do with it. */
export async function getChain(tx: Tx, actor: Actor, unitId: number) {
  const at = await configurable(tx, actor, unitId);
  const steps = await chainFor(tx, at.unitPath);
  return { steps: steps.map((s) => ({ ...s, threshold: Number(s.threshold) })), allowedActions: ['configure' as const] };
}

/**
 * Sets a division's own chain (empty: inherit). Named approvers must be active
 * people of the division's company, who may see what they approve; the
 * requester is never among the deciders of their own request either way.
 */
export async function setChain(ctx: AppContext, actor: Actor, unitId: number, steps: ChainStepInput[], source: AuditSource) {
  await ctx.db.transaction(async (tx) => {
    const at = await configurable(tx, actor, unitId);
    const named = steps.flatMap((s) => s.userIds);
    const people = await peopleByIds(tx, named);
    steps.forEach((s, i) => {
      for (const id of s.userIds) {
        const person = people.get(id);
        if (!person) throw unknownReference(`steps.${i}.userIds`);
        if (!person.active || person.companyId !== at.companyId)
          throw new AppError(400, 'APPROVER_NOT_ELIGIBLE', {}, [{ path: `steps.${i}.userIds`, message: 'APPROVER_NOT_ELIGIBLE' }]);
      }
    });
    const before = await tx.select().from(approvalSteps).where(eq(approvalSteps.unitId, at.unitId)).orderBy(asc(approvalSteps.position));
    await tx.delete(approvalSteps).where(eq(approvalSteps.unitId, at.unitId));
    if (steps.length)
      await tx.insert(approvalSteps).values(steps.map((s) => ({ ...s, unitId: at.unitId, threshold: BigInt(s.threshold) })));
    await recordAudit(tx, source, {
      action: 'request.approval_chain_updated',
      targetType: 'unit',
      targetId: at.unitId,
      before: before.map((s) => ({ ...s, threshold: s.threshold.toString() })),
      after: steps,
    });
  });
}

/** The divisions whose chain the actor may configure: every one for Administrators, a Division Admin's own subtree. */
export async function listConfigurableDivisions(tx: Tx, actor: Actor) {
  const units = await unitsWith(tx, actor, ['user:manage'], can(actor, 'settings:manage'));
  return { items: units.map((u) => ({ id: u.id, name: u.name })) };
}

export const APPROVALS_SWEEP = 'approvals.sweep';

/** Every quarter hour: remind and expire approval steps. */
export function registerApprovals(ctx: AppContext): void {
  ctx.jobs.define({ name: APPROVALS_SWEEP, retryLimit: 1, schedule: '*/15 * * * *', handle: async () => void (await sweepApprovals(ctx)) });
}
