import { and, eq } from 'drizzle-orm';
import { type Actor, can } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, type FieldError, forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { findActiveUser, loadActor } from '../identity/index.ts';
import { companyTimeZone, findTeam, findUnitPlacement } from '../org/index.ts';
import { findVisibleRequest } from '../requests/index.ts';
import { findActiveServiceIds, findVisibleTicket } from '../tickets/index.ts';
import { type LoadedChange, loadChangeForUpdate, saveChange } from './changes.access.ts';
import { changeSettings } from './changes.config.ts';
import { conflictsOf } from './changes.conflicts.ts';
import { approvalRouteFor, findTransition, type Guard, reviewRequired, statusAfterSubmit } from './changes.lifecycle.ts';
import { announceStatus } from './changes.notify.ts';
import { allowedActions, isInvolved, isManager } from './changes.policy.ts';
import { assessRisk, effectiveRisk } from './changes.risk.ts';
import type { CreateChangeInput, TransitionInput, UpdateChangeInput } from './changes.schemas.ts';
import {
  type ChangeRow,
  cabMeetingItems,
  changeLinks,
  changeReviews,
  changeServices,
  changes,
  changeTasks,
  changeTemplates,
  changeUnits,
} from './changes.tables.ts';
import { diffFields, recordChangeEvent } from './changes.timeline.ts';

/** Longest window a change may book (a longer piece of work is several changes). */
const MAX_WINDOW_DAYS = 14;

const fieldError = (code: string, path: string, params = {}) => new AppError(400, code, params, [{ path, message: code }]);
const unknownRef = (field: string) => new AppError(400, 'UNKNOWN_REFERENCE', { field }, [{ path: field, message: 'UNKNOWN_REFERENCE' }]);

/** Checks a proposed window: both ends or neither, the end after the start, not longer than two weeks. */
function windowOf(start: string | null | undefined, end: string | null | undefined): { start: Date; end: Date } | null {
  if (!start && !end) return null;
  if (!start || !end) throw fieldError('WINDOW_INCOMPLETE', start ? 'plannedEnd' : 'plannedStart');
  const window = { start: new Date(start), end: new Date(end) };
  if (window.end <= window.start) throw fieldError('WINDOW_REVERSED', 'plannedEnd');
  if (window.end.getTime() - window.start.getTime() > MAX_WINDOW_DAYS * 86_400_000)
    throw fieldError('WINDOW_TOO_LONG', 'plannedEnd', { days: MAX_WINDOW_DAYS });
  return window;
}

/**
 * Services, units, team and implementer must exist (and be active). Whoever carries the change out comes to
 * see it, so the implementer team is one of the change's company and the implementer someone who implements
 * changes over its place.
 */
async function checkReferences(
  tx: Tx,
  at: { companyId: number; unitPath: string },
  input: { serviceIds?: number[]; unitIds?: number[]; teamId?: number | null; implementerId?: number | null },
) {
  if (input.serviceIds?.length) {
    const found = await findActiveServiceIds(tx, [...new Set(input.serviceIds)]);
    if (found.length !== new Set(input.serviceIds).size) throw unknownRef('serviceIds');
  }
  for (const unitId of new Set(input.unitIds ?? [])) if (!(await findUnitPlacement(tx, unitId))) throw unknownRef('unitIds');
  if (input.teamId != null && (await findTeam(tx, input.teamId))?.companyId !== at.companyId) throw unknownRef('teamId');
  if (input.implementerId != null) {
    if (!(await findActiveUser(tx, input.implementerId))) throw unknownRef('implementerId');
    const implementer = await loadActor(tx, input.implementerId);
    if (!implementer || !can(implementer, 'change:implement', at)) throw fieldError('NOT_AN_IMPLEMENTER', 'implementerId');
  }
}

async function replaceServices(tx: Tx, changeId: number, serviceIds: number[]) {
  await tx.delete(changeServices).where(eq(changeServices.changeId, changeId));
  const unique = [...new Set(serviceIds)];
  if (unique.length) await tx.insert(changeServices).values(unique.map((serviceId) => ({ changeId, serviceId })));
}

async function replaceUnits(tx: Tx, changeId: number, unitIds: number[]) {
  await tx.delete(changeUnits).where(eq(changeUnits.changeId, changeId));
  const unique = [...new Set(unitIds)];
  if (unique.length) await tx.insert(changeUnits).values(unique.map((unitId) => ({ changeId, unitId })));
}

/** Replaces the task list; a task kept with the same text keeps who ticked it and when. */
async function replaceTasks(tx: Tx, changeId: number, texts: string[]) {
  const before = await tx.select().from(changeTasks).where(eq(changeTasks.changeId, changeId));
  const previous = new Map(before.map((t) => [t.text, t]));
  await tx.delete(changeTasks).where(eq(changeTasks.changeId, changeId));
  if (texts.length)
    await tx.insert(changeTasks).values(
      texts.map((text, position) => {
        const kept = previous.get(text);
        return { changeId, position, text, done: kept?.done ?? false, doneBy: kept?.doneBy ?? null, doneAt: kept?.doneAt ?? null };
      }),
    );
}

/** Links a ticket or service request the actor may see; anything else is an unknown reference. */
export async function insertLink(
  tx: Tx,
  actor: Actor,
  changeId: number,
  link: { kind: 'ticket' | 'request'; ref: string },
  kind: 'trigger',
) {
  if (link.kind === 'ticket') {
    const ticket = await findVisibleTicket(tx, actor, link.ref);
    if (!ticket) throw unknownRef('ref');
    await tx.insert(changeLinks).values({ changeId, ticketId: ticket.id, kind, createdBy: actor.userId }).onConflictDoNothing();
    return { ticket: ticket.number };
  }
  const request = await findVisibleRequest(tx, actor, link.ref);
  if (!request) throw unknownRef('ref');
  await tx.insert(changeLinks).values({ changeId, requestId: request.id, kind, createdBy: actor.userId }).onConflictDoNothing();
  return { request: request.number };
}

/**
 * Raises a request for change in the requester's unit. A standard change takes
 * its plans, services, team, tasks and duration from its pre-approved template.
 * With `submit` it is submitted in the same step (a standard change is then
 * approved at once).
 */
export async function createChange(ctx: AppContext, actor: Actor, input: CreateChangeInput, now = ctx.clock.now()): Promise<ChangeRow> {
  return ctx.db.transaction(async (tx) => {
    const placement = await findUnitPlacement(tx, actor.unitId);
    if (!placement || !can(actor, 'change:request', placement)) throw forbidden();
    const [template] = input.templateId
      ? await tx
          .select()
          .from(changeTemplates)
          .where(and(eq(changeTemplates.id, input.templateId), eq(changeTemplates.active, true)))
      : [];
    if (input.templateId && !template) throw unknownRef('templateId');
    const type = input.type ?? (template ? 'standard' : 'normal');
    if (type === 'standard' && !template) throw fieldError('TEMPLATE_REQUIRED', 'templateId');
    const title = input.title ?? template?.name;
    if (!title) throw fieldError('CHANGE_FIELD_REQUIRED', 'title');
    const pick = (value: string, fromTemplate: string | undefined) => value || fromTemplate || '';
    const serviceIds = input.serviceIds.length ? input.serviceIds : (template?.serviceIds ?? []);
    // A template's implementer team carries out the changes of its own company only.
    const templateTeam = template?.teamId ? await findTeam(tx, template.teamId) : null;
    const teamId = input.teamId !== undefined ? input.teamId : templateTeam?.companyId === placement.companyId ? templateTeam.id : null;
    const plannedEnd =
      input.plannedEnd ??
      (input.plannedStart && template
        ? new Date(new Date(input.plannedStart).getTime() + template.durationMinutes * 60_000).toISOString()
        : input.plannedEnd);
    const window = windowOf(input.plannedStart, plannedEnd);
    await checkReferences(tx, placement, { serviceIds, unitIds: input.unitIds, teamId, implementerId: input.implementerId });
    // A standard change is a pre-approved model: low risk unless the questionnaire says otherwise.
    const risk = type === 'standard' && !input.riskAnswers ? { score: 0, level: 'low' as const } : assessRisk(input.riskAnswers ?? {});
    const settings = await changeSettings(tx);
    const companyZone = await companyTimeZone(tx, placement.companyId);
    const number = await nextNumber(tx, 'change', settings.numberPattern, { at: now, timeZone: companyZone, unitCode: placement.unitCode });
    const [change] = await tx
      .insert(changes)
      .values({
        number,
        type,
        templateId: template?.id ?? null,
        title,
        description: pick(input.description, template?.description),
        reason: pick(input.reason, template?.reason),
        category: pick(input.category, template?.category),
        impact: pick(input.impact, template?.impact),
        implementationPlan: pick(input.implementationPlan, template?.implementationPlan),
        testPlan: pick(input.testPlan, template?.testPlan),
        rollbackPlan: pick(input.rollbackPlan, template?.rollbackPlan),
        emergencyJustification: input.emergencyJustification ?? null,
        companyId: placement.companyId,
        unitId: placement.unitId,
        unitPath: placement.unitPath,
        requesterId: actor.userId,
        teamId,
        implementerId: input.implementerId ?? null,
        plannedStart: window?.start ?? null,
        plannedEnd: window?.end ?? null,
        timeZone: input.timeZone ?? actor.timeZone ?? companyZone,
        riskAnswers: input.riskAnswers ?? {},
        riskScore: risk.score,
        riskLevel: risk.level,
        source: actor.tokenPermissions ? 'api' : 'web',
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!change) throw new Error('change insert failed');
    await replaceServices(tx, change.id, serviceIds);
    await replaceUnits(tx, change.id, input.unitIds);
    await replaceTasks(tx, change.id, input.tasks ?? template?.tasks ?? []);
    const linked = [];
    for (const link of input.links) linked.push(await insertLink(tx, actor, change.id, link, 'trigger'));
    await recordChangeEvent(
      tx,
      change.id,
      actor.userId,
      'created',
      {
        number,
        type,
        risk: risk.level,
        ...(template ? { template: template.name } : {}),
        ...(linked.length ? { links: linked } : {}),
      },
      now,
    );
    if (!input.submit) return change;
    const loaded = { change, facts: change, me: { teamIds: [], emergencyCab: false } };
    return applyTransition(ctx, tx, actor, loaded, { to: 'submitted' }, now);
  });
}

const FIELD_KEYS = [
  'title',
  'description',
  'reason',
  'category',
  'impact',
  'implementationPlan',
  'testPlan',
  'rollbackPlan',
  'emergencyJustification',
  'type',
  'timeZone',
] as const;

/**
 * Edits a request for change: the requester while it is a draft, the Change
 * Manager also while reviewing it; the Change Manager assigns the implementer
 * and may override the risk level with a reason at any time before it ends.
 */
export async function updateChange(ctx: AppContext, actor: Actor, id: number, input: UpdateChangeInput, now = ctx.clock.now()) {
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadChangeForUpdate(tx, actor, id, input.version);
    const { change } = loaded;
    const actions = allowedActions(actor, loaded.facts, loaded.me);
    const editing =
      FIELD_KEYS.some((k) => input[k] !== undefined) ||
      [input.serviceIds, input.unitIds, input.plannedStart, input.plannedEnd, input.riskAnswers, input.tasks].some((v) => v !== undefined);
    if (editing && !actions.includes('edit')) throw forbidden();
    const assigning = input.teamId !== undefined || input.implementerId !== undefined;
    if (assigning && !actions.includes('edit') && !actions.includes('assign')) throw forbidden();
    if (input.riskOverride !== undefined && !actions.includes('override_risk')) throw forbidden();
    if (input.type !== undefined && change.type === 'standard') throw fieldError('TYPE_FIXED', 'type');

    const values: Partial<ChangeRow> = {};
    for (const key of FIELD_KEYS) if (input[key] !== undefined) (values as Record<string, unknown>)[key] = input[key];
    if (input.plannedStart !== undefined || input.plannedEnd !== undefined) {
      const window = windowOf(
        input.plannedStart !== undefined ? input.plannedStart : change.plannedStart?.toISOString(),
        input.plannedEnd !== undefined ? input.plannedEnd : change.plannedEnd?.toISOString(),
      );
      values.plannedStart = window?.start ?? null;
      values.plannedEnd = window?.end ?? null;
    }
    await checkReferences(tx, change, input);
    if (input.teamId !== undefined) values.teamId = input.teamId;
    if (input.implementerId !== undefined) values.implementerId = input.implementerId;
    if (input.riskAnswers) {
      const risk = assessRisk(input.riskAnswers);
      Object.assign(values, { riskAnswers: input.riskAnswers, riskScore: risk.score, riskLevel: risk.level });
    }
    const changed = diffFields(change as unknown as Record<string, unknown>, values);
    if (input.riskOverride !== undefined && input.riskOverride !== change.riskOverride) {
      if (input.riskOverride !== null && !input.riskOverrideReason) throw fieldError('RISK_REASON_REQUIRED', 'riskOverrideReason');
      values.riskOverride = input.riskOverride;
      values.riskOverrideReason = input.riskOverride === null ? null : (input.riskOverrideReason ?? null);
      await recordChangeEvent(
        tx,
        id,
        actor.userId,
        'risk_overridden',
        {
          risk: [effectiveRisk(change), input.riskOverride ?? values.riskLevel ?? change.riskLevel],
          reason: values.riskOverrideReason,
        },
        now,
      );
    }
    if (input.serviceIds) {
      changed.serviceIds = [null, [...new Set(input.serviceIds)]];
      await replaceServices(tx, id, input.serviceIds);
    }
    if (input.unitIds) await replaceUnits(tx, id, input.unitIds);
    if (input.tasks) {
      changed.tasks = [null, input.tasks];
      await replaceTasks(tx, id, input.tasks);
    }
    if (Object.keys(changed).length) await recordChangeEvent(tx, id, actor.userId, 'fields_changed', changed, now);
    return saveChange(tx, id, { ...values, updatedAt: now });
  });
}

/** Moves the change along its lifecycle (issue 13 §3), enforcing who may and every guard. */
export async function transitionChange(ctx: AppContext, actor: Actor, id: number, input: TransitionInput, now = ctx.clock.now()) {
  return ctx.db.transaction(async (tx) =>
    applyTransition(ctx, tx, actor, await loadChangeForUpdate(tx, actor, id, input.version), input, now),
  );
}

/** Everything a submission needs, reported at once: plans, justification of an emergency, services, window. */
function missingForSubmission(c: ChangeRow, services: number): FieldError[] {
  const required: (keyof ChangeRow)[] = ['reason', 'impact', 'implementationPlan', 'testPlan', 'rollbackPlan'];
  if (c.type === 'emergency') required.push('emergencyJustification');
  const missing = required.filter((k) => !String(c[k] ?? '').trim()).map(String);
  if (services === 0) missing.push('serviceIds');
  if (!c.plannedStart || !c.plannedEnd) missing.push('plannedStart');
  return missing.map((path) => ({ path, message: 'CHANGE_FIELD_REQUIRED' }));
}

async function checkGuards(tx: Tx, actor: Actor, change: ChangeRow, guards: readonly Guard[], input: TransitionInput, now: Date) {
  if (guards.includes('plans_complete')) {
    const services = await tx.select({ id: changeServices.serviceId }).from(changeServices).where(eq(changeServices.changeId, change.id));
    const missing = missingForSubmission(change, services.length);
    if (missing.length) throw new AppError(400, 'CHANGE_INCOMPLETE', {}, missing);
  }
  if (guards.includes('comment') && !input.comment) throw fieldError('COMMENT_REQUIRED', 'comment');
  if (guards.includes('reason') && !input.reason) throw fieldError('REASON_REQUIRED', 'reason');
  if (guards.includes('rollback_outcome') && input.rollbackExecuted === undefined)
    throw fieldError('ROLLBACK_OUTCOME_REQUIRED', 'rollbackExecuted');
  if (guards.includes('review_if_required') && reviewRequired(change, effectiveRisk(change))) {
    const [review] = await tx.select({ id: changeReviews.changeId }).from(changeReviews).where(eq(changeReviews.changeId, change.id));
    if (!review) throw new AppError(409, 'REVIEW_REQUIRED');
  }
  if (guards.includes('inside_window')) {
    const inside = change.plannedStart && change.plannedEnd && now >= change.plannedStart && now < change.plannedEnd;
    if (!inside && !input.justification) throw new AppError(409, 'OUTSIDE_WINDOW');
  }
  if (guards.includes('freeze') || guards.includes('conflicts_acknowledged')) {
    if (!change.plannedStart || !change.plannedEnd) throw fieldError('CHANGE_FIELD_REQUIRED', 'plannedStart');
    const conflicts = await conflictsOf(tx, actor, {
      id: change.id,
      start: change.plannedStart,
      end: change.plannedEnd,
      implementerId: change.implementerId,
      companyId: change.companyId,
    });
    const freezes = conflicts.filter((c) => c.kind === 'freeze');
    if (guards.includes('freeze') && freezes.length) {
      // Only an emergency may enter a freeze, and it says why (once, when scheduled).
      if (change.type !== 'emergency')
        throw new AppError(409, 'CHANGE_IN_FREEZE', { freeze: freezes[0]?.freeze?.name ?? '' }, undefined, { conflicts: freezes });
      if (!input.justification && !change.freezeJustification) throw fieldError('FREEZE_JUSTIFICATION_REQUIRED', 'justification');
    }
    const warnings = conflicts.filter((c) => c.kind !== 'freeze');
    if (guards.includes('conflicts_acknowledged') && warnings.length && !input.acceptConflicts)
      throw new AppError(409, 'CHANGE_CONFLICTS', { count: warnings.length }, undefined, { conflicts: warnings });
    return conflicts;
  }
  return [];
}

/** Runs one transition inside the caller's transaction: guards, state, timeline, notices and webhooks. */
export async function applyTransition(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  loaded: LoadedChange,
  input: TransitionInput,
  now: Date,
): Promise<ChangeRow> {
  let change = loaded.change;
  const transition = findTransition(change.status, input.to);
  if (!transition) {
    const label = (status: string) => t(actor.locale, `changes.status.${status}`);
    throw new AppError(409, 'CHANGE_TRANSITION_NOT_ALLOWED', { from: label(change.status), to: label(input.to) });
  }
  if (!allowedActions(actor, loaded.facts, loaded.me).includes(transition.action)) {
    // A Change Manager who raised the change or carries it out leaves its decision to another.
    if (transition.by === 'decider' && isManager(actor, loaded.facts) && isInvolved(actor, loaded.facts, loaded.me))
      throw new AppError(403, 'OWN_CHANGE');
    throw forbidden();
  }
  if (input.meetingId !== undefined && transition.action !== 'approve' && transition.action !== 'reject')
    throw fieldError('MEETING_NOT_EXPECTED', 'meetingId');

  // Scheduling confirms a window: the new one is checked where it would be.
  if (transition.action === 'schedule' && (input.plannedStart || input.plannedEnd)) {
    const window = windowOf(input.plannedStart ?? change.plannedStart?.toISOString(), input.plannedEnd ?? change.plannedEnd?.toISOString());
    change = await saveChange(tx, change.id, { plannedStart: window?.start ?? null, plannedEnd: window?.end ?? null, updatedAt: now });
  }
  const conflicts = await checkGuards(tx, actor, change, transition.guards, input, now);

  const values: Partial<ChangeRow> & { updatedAt: Date } = { status: input.to, updatedAt: now };
  const event: Record<string, unknown> = { status: [loaded.change.status, input.to], action: transition.action };
  if (input.comment) event.comment = input.comment;
  if (input.reason) event.reason = input.reason;
  if (input.justification) event.justification = input.justification;
  switch (transition.action) {
    case 'submit':
      values.submittedAt = now;
      values.decisionSource = null;
      values.decidedBy = null;
      values.decisionNote = null;
      break;
    case 'return':
      values.approvalRoute = null;
      break;
    case 'send_to_approval':
      values.approvalRoute = approvalRouteFor(change.type, effectiveRisk(change));
      values.approvalRound = change.approvalRound + 1;
      event.route = values.approvalRoute;
      break;
    case 'approve':
    case 'reject':
      values.decisionSource = change.approvalRoute === 'manager' ? 'manager' : 'cab_meeting';
      values.decidedBy = actor.userId;
      values.decisionNote = input.comment ?? null;
      if (input.to === 'approved') values.approvedAt = now;
      if (input.meetingId !== undefined) await recordMeetingDecision(tx, input.meetingId, change.id, transition.action, input.comment, now);
      break;
    case 'schedule':
      values.scheduledAt = now;
      if (input.justification) values.freezeJustification = input.justification;
      event.window = [change.plannedStart?.toISOString(), change.plannedEnd?.toISOString()];
      if (conflicts.length) event.conflicts = conflicts.map((c) => ({ kind: c.kind, change: c.change?.number, freeze: c.freeze?.name }));
      break;
    case 'start':
      values.startedAt = now;
      break;
    case 'complete':
    case 'fail':
      values.finishedAt = now;
      values.outcome = input.to === 'completed' ? 'successful' : 'failed';
      values.resultNotes = input.resultNotes ?? null;
      if (input.to === 'failed') {
        values.rollbackExecuted = input.rollbackExecuted ?? null;
        event.rollbackExecuted = input.rollbackExecuted;
      }
      if (input.resultNotes) event.resultNotes = input.resultNotes;
      break;
    case 'close':
      values.closedAt = now;
      break;
    case 'cancel':
      values.cancelledAt = now;
      break;
  }
  await recordChangeEvent(tx, change.id, actor.userId, 'status_changed', event, now);
  let saved = await saveChange(tx, change.id, values);
  await announceStatus(ctx, tx, saved, loaded.change.status, actor.userId, input.comment ?? input.reason ?? '');

  // What follows a submission by itself (issue 13 §4): standard approved at once, emergency to the emergency CAB.
  if (transition.action === 'submit') {
    const next = statusAfterSubmit(saved.type);
    if (next === 'approved') saved = await decideAutomatically(ctx, tx, saved, now);
    if (next === 'pending_approval') {
      const route = approvalRouteFor(saved.type, effectiveRisk(saved));
      await recordChangeEvent(
        tx,
        saved.id,
        null,
        'status_changed',
        { status: ['submitted', next], action: 'send_to_approval', route },
        now,
      );
      saved = await saveChange(tx, saved.id, {
        status: next,
        approvalRoute: route,
        approvalRound: saved.approvalRound + 1,
        updatedAt: now,
      });
      await announceStatus(ctx, tx, saved, 'submitted', null);
    }
  }
  return saved;
}

/** A standard change is approved as it is submitted: it follows a pre-approved model. */
async function decideAutomatically(ctx: AppContext, tx: Tx, change: ChangeRow, now: Date): Promise<ChangeRow> {
  await recordChangeEvent(
    tx,
    change.id,
    null,
    'status_changed',
    { status: ['submitted', 'approved'], action: 'approve', route: 'auto' },
    now,
  );
  const saved = await saveChange(tx, change.id, {
    status: 'approved',
    approvalRoute: 'auto',
    decisionSource: 'auto',
    approvedAt: now,
    updatedAt: now,
  });
  await announceStatus(ctx, tx, saved, 'submitted', null);
  return saved;
}

/**
 * The CAB's decision reached by its rule after a vote: the change is approved
 * or rejected with no person as the decider.
 */
export async function decideByRule(
  ctx: AppContext,
  tx: Tx,
  change: ChangeRow,
  outcome: 'approved' | 'rejected',
  votes: Record<string, number>,
  now: Date,
): Promise<ChangeRow> {
  await recordChangeEvent(
    tx,
    change.id,
    null,
    'status_changed',
    {
      status: [change.status, outcome],
      action: outcome === 'approved' ? 'approve' : 'reject',
      route: change.approvalRoute,
      votes,
    },
    now,
  );
  const saved = await saveChange(tx, change.id, {
    status: outcome,
    decisionSource: 'cab_rule',
    decidedBy: null,
    decisionNote: null,
    ...(outcome === 'approved' ? { approvedAt: now } : {}),
    updatedAt: now,
  });
  await announceStatus(ctx, tx, saved, change.status, null);
  return saved;
}

/** Notes a meeting's decision on its agenda item (the meeting must hold the change). */
async function recordMeetingDecision(
  tx: Tx,
  meetingId: number,
  changeId: number,
  decision: 'approve' | 'reject',
  notes: string | undefined,
  now: Date,
) {
  const [item] = await tx
    .update(cabMeetingItems)
    .set({ decision, notes: notes ?? '', decidedAt: now })
    .where(and(eq(cabMeetingItems.meetingId, meetingId), eq(cabMeetingItems.changeId, changeId)))
    .returning();
  if (!item) throw unknownRef('meetingId');
  await recordChangeEvent(tx, changeId, null, 'meeting', { meetingId, decision }, now);
}
