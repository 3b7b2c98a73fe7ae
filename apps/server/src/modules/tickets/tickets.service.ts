import { and, eq, inArray } from 'drizzle-orm';
import { type Actor, can } from '../../platform/authz/actor.ts';
import { referenceCacheThrough } from '../../platform/cache/reference.ts';
import type { AppContext } from '../../platform/context.ts';
import { inTransaction, type Tx } from '../../platform/db/client.ts';
import { AppError, forbidden } from '../../platform/http/errors.ts';
import { sanitizeRichText } from '../../platform/security/html.ts';
import { findActiveUser, loadActor } from '../identity/index.ts';
import { findTeam, findUnitPlacement, isTeamMember, teamIdsOf } from '../org/index.ts';
import { assertWorker, type Loaded, loadForChange, saveTicket, type TicketRow } from './tickets.access.ts';
import { announceHandover } from './tickets.announce.ts';
import { type ServiceDeskSettings, serviceDeskSettings } from './tickets.config.ts';
import { escalateForSecurity } from './tickets.escalation.ts';
import { insertUnnumbered, normaliseTags } from './tickets.insert.ts';
import { FINAL_STATUSES, findTransition } from './tickets.lifecycle.ts';
import { allowedActions, isLead, mayBeAssigned, mayWatch } from './tickets.policy.ts';
import { priorityFor } from './tickets.priority.ts';
import { statusLabels } from './tickets.queries.ts';
import { openFollowUp, recordPermanentSolution, teamValidatesSolutions } from './tickets.resolution.ts';
import type { CreateTicketInput, TransitionInput, UpdateTicketInput } from './tickets.schemas.ts';
import { seenAfter } from './tickets.seen.ts';
import { businessServices, ticketCategories, ticketChecklistItems, ticketLinks, tickets, ticketWatchers } from './tickets.tables.ts';
import { diff, recordEvent } from './tickets.timeline.ts';

/** Units and settings a creation reads, from the process cache (loaded through its transaction on a miss). */
const placementCache = referenceCacheThrough<Awaited<ReturnType<typeof findUnitPlacement>>>('units');
const settingsCache = referenceCacheThrough<ServiceDeskSettings>('settings');

const unknownRef = (field: string) => new AppError(400, 'UNKNOWN_REFERENCE', { field }, [{ path: field, message: 'UNKNOWN_REFERENCE' }]);

async function assertCategory(tx: Tx, id: number | null | undefined) {
  if (id == null) return null;
  const [row] = await tx
    .select()
    .from(ticketCategories)
    .where(and(eq(ticketCategories.id, id), eq(ticketCategories.active, true)));
  if (!row) throw unknownRef('categoryId');
  return row;
}

async function assertService(tx: Tx, id: number | null | undefined) {
  if (id == null) return;
  const [row] = await tx
    .select({ id: businessServices.id })
    .from(businessServices)
    .where(and(eq(businessServices.id, id), eq(businessServices.active, true)));
  if (!row) throw unknownRef('serviceId');
}

/**
 * Logs a ticket. A requester files for themselves; an agent may log on behalf
 * of a caller (channel phone or walk-in) in their scope, and choose the
 * operating unit where it happened (and so its company) and the helpdesk team
 * (003 §7.1–7.2). Without a team, the company's default helpdesk team takes
 * it. The priority comes from the urgency × impact matrix; a reporter in an
 * urgent position raises urgency to high (004 Table 3); security categories
 * escalate to the head of IT and the IT director at once (SOP 002 §4.h).
 */
export async function createTicket(ctx: AppContext, actor: Actor, input: CreateTicketInput): Promise<TicketRow> {
  return ctx.db.transaction(async (tx) => {
    const requesterId = input.requesterId ?? actor.userId;
    const requester = await findActiveUser(tx, requesterId);
    if (!requester) throw unknownRef('requesterId');
    const unitId = input.unitId ?? requester.unitId;
    const placement = await placementCache(ctx.db, unitId, () => findUnitPlacement(tx, unitId));
    if (!placement) throw unknownRef(input.unitId ? 'unitId' : 'requesterId');
    const at = { companyId: placement.companyId, unitPath: placement.unitPath };
    const onBehalf = requesterId !== actor.userId || input.unitId !== undefined || input.teamId != null;
    if (onBehalf ? !can(actor, 'ticket:work', at) : !can(actor, 'ticket:create', at)) throw forbidden();

    const category = await assertCategory(tx, input.categoryId);
    await assertService(tx, input.serviceId);
    const settings = await settingsCache(ctx.db, 'service_desk', () => serviceDeskSettings(tx));
    const teamId = input.teamId ?? helpdeskTeamOf(settings, placement.companyId);
    if (input.teamId != null) {
      const team = await findTeam(tx, input.teamId);
      if (!team || team.companyId !== placement.companyId) throw unknownRef('teamId');
    }
    const urgent = urgentPosition(settings, requester.position);
    const { ticket, give } = await insertUnnumbered(tx, {
      placement,
      requester,
      createdBy: actor.userId,
      input: urgent ? { ...input, urgency: 'high' } : input,
      teamId,
      urgentPosition: urgent && input.urgency !== 'high' ? requester.position : null,
      at: ctx.clock.now(),
      settings,
      cache: ctx.db,
    });
    if (input.watcherIds?.length) await setWatchers(tx, ticket, input.watcherIds);
    await ctx.events.emit(tx, 'ticket.created', { ticketId: ticket.id, actorId: actor.userId });
    const created = category?.isSecurity ? await escalateForSecurity(ctx, tx, ticket, settings) : ticket;
    // Last: the number's sequence stays locked from here to the commit only.
    const number = await give();
    await ctx.events.emit(tx, 'ticket.numbered', { ticketId: ticket.id });
    return { ...created, number };
  });
}

/** The company's default helpdesk team (003 §7.1: "Customer Care"), if the Administrator set one. */
function helpdeskTeamOf(settings: ServiceDeskSettings, companyId: number): number | null {
  return settings.helpdeskTeams.find((h) => h.companyId === companyId)?.teamId ?? null;
}

/** 004 Table 3: a report by a Kepala Pos or Kepala Bidang (the configured positions) is urgent. */
function urgentPosition(settings: ServiceDeskSettings, position: string | null): boolean {
  const normal = (p: string) => p.trim().toLocaleLowerCase('id');
  return position !== null && settings.urgentPositions.some((p) => normal(p) === normal(position));
}

/** A person as the policy sees them (grants and teams); null when unknown or inactive. */
async function personOf(tx: Tx, userId: number) {
  const person = await loadActor(tx, userId);
  // A newcomer to the ticket: what they could do is judged as for someone who has not worked it yet.
  return person ? { person, theirs: { teamIds: await teamIdsOf(tx, userId), worked: false } } : null;
}

const notEligible = (code: 'WATCHER_NOT_ELIGIBLE' | 'ASSIGNEE_NOT_ELIGIBLE', field: string) =>
  new AppError(400, code, {}, [{ path: field, message: code }]);

/** Watchers are active people who may see the ticket (or colleagues of its requester); others are refused. */
async function setWatchers(tx: Tx, ticket: TicketRow, userIds: number[]) {
  const ticketId = ticket.id;
  for (const id of userIds) {
    const found = await personOf(tx, id);
    if (!found) throw unknownRef('watcherIds');
    if (!mayWatch(found.person, { ...ticket, watcher: false }, found.theirs)) throw notEligible('WATCHER_NOT_ELIGIBLE', 'watcherIds');
  }
  await tx.delete(ticketWatchers).where(eq(ticketWatchers.ticketId, ticketId));
  if (userIds.length) await tx.insert(ticketWatchers).values([...new Set(userIds)].map((userId) => ({ ticketId, userId })));
}

/**
 * Who may set `teamId`/`assigneeId`: anyone working the ticket may take it
 * (assign to themselves); an agent assigns within their own team; a lead
 * moves it across teams. The assignee must belong to the ticket's team.
 */
async function checkAssignment(tx: Tx, actor: Actor, loaded: Loaded, teamId: number | null, assigneeId: number | null) {
  const lead = isLead(actor, loaded.facts);
  if (teamId !== loaded.ticket.teamId && teamId !== null) {
    if (!(await findTeam(tx, teamId))) throw unknownRef('teamId');
    if (!lead && !loaded.me.teamIds.includes(teamId)) throw new AppError(403, 'TEAM_NOT_YOURS');
  }
  if (assigneeId !== null && assigneeId !== loaded.ticket.assigneeId) {
    const found = await personOf(tx, assigneeId);
    if (!found) throw unknownRef('assigneeId');
    if (teamId !== null && !(await isTeamMember(tx, teamId, assigneeId))) throw new AppError(400, 'ASSIGNEE_NOT_IN_TEAM');
    // The assignee must be able to see and work the ticket: another company's agent may not be handed it.
    if (!mayBeAssigned(found.person, { ...loaded.facts, teamId }, found.theirs)) throw notEligible('ASSIGNEE_NOT_ELIGIBLE', 'assigneeId');
    if (!lead && assigneeId !== actor.userId && (teamId === null || !loaded.me.teamIds.includes(teamId)))
      throw new AppError(403, 'TEAM_NOT_YOURS');
  }
}

/** Edits fields, assignment, priority, tags, watchers and the checklist, each change a timeline entry. */
export async function updateTicket(ctx: AppContext, actor: Actor, id: number, input: UpdateTicketInput): Promise<TicketRow> {
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForChange(tx, actor, id, input.version);
    assertWorker(actor, loaded);
    const { ticket } = loaded;
    const changes: Partial<TicketRow> = {};
    for (const key of ['title', 'type', 'contactName', 'contactPhone', 'contactEmail', 'channel', 'urgency', 'impact'] as const) {
      if (input[key] !== undefined) (changes as Record<string, unknown>)[key] = input[key];
    }
    if (input.description !== undefined) changes.descriptionHtml = sanitizeRichText(input.description);
    if (input.categoryId !== undefined) {
      await assertCategory(tx, input.categoryId);
      changes.categoryId = input.categoryId;
    }
    if (input.serviceId !== undefined) {
      await assertService(tx, input.serviceId);
      changes.serviceId = input.serviceId;
    }
    if (input.tags !== undefined) changes.tags = normaliseTags(input.tags);

    if (input.priority !== undefined && input.priority !== ticket.priority) {
      if (!input.priorityReason?.trim())
        throw new AppError(400, 'PRIORITY_REASON_REQUIRED', {}, [{ path: 'priorityReason', message: 'PRIORITY_REASON_REQUIRED' }]);
      changes.priority = input.priority;
      changes.priorityOverridden = true;
      await recordEvent(tx, id, actor.userId, 'priority_overridden', {
        priority: [ticket.priority, input.priority],
        reason: input.priorityReason,
      });
    } else if ((changes.urgency || changes.impact) && !ticket.priorityOverridden) {
      changes.priority = await priorityFor(tx, changes.urgency ?? ticket.urgency, changes.impact ?? ticket.impact);
    }

    const teamId = input.teamId !== undefined ? input.teamId : ticket.teamId;
    const assigneeId = input.assigneeId !== undefined ? input.assigneeId : ticket.assigneeId;
    if (teamId !== ticket.teamId || assigneeId !== ticket.assigneeId) {
      await checkAssignment(tx, actor, loaded, teamId, assigneeId);
      changes.teamId = teamId;
      changes.assigneeId = assigneeId;
      // Naming who handles a new ticket is its assignment (DESIGN §4: new → assigned).
      if (ticket.status === 'new' && (teamId !== null || assigneeId !== null)) changes.status = 'assigned';
      await recordEvent(tx, id, actor.userId, 'assigned', diff(ticket, { teamId, assigneeId, status: changes.status }));
    }

    const fieldChanges = diff(ticket, {
      ...changes,
      teamId: undefined,
      assigneeId: undefined,
      status: undefined,
      priority: undefined,
      priorityOverridden: undefined,
    });
    if (fieldChanges.descriptionHtml) fieldChanges.descriptionHtml = ['…', '…'];
    if (Object.keys(fieldChanges).length) await recordEvent(tx, id, actor.userId, 'fields_changed', fieldChanges);
    if (changes.priority && !changes.priorityOverridden && changes.priority !== ticket.priority)
      await recordEvent(tx, id, actor.userId, 'fields_changed', { priority: [ticket.priority, changes.priority] });

    if (input.watcherIds !== undefined) await setWatchers(tx, ticket, input.watcherIds);
    if (input.checklist !== undefined) await replaceChecklist(tx, actor, id, input.checklist, ctx.clock.now());
    if (input.addTimeMinutes) {
      changes.timeSpentMinutes = ticket.timeSpentMinutes + input.addTimeMinutes;
      await recordEvent(tx, id, actor.userId, 'time_logged', { minutes: input.addTimeMinutes, total: changes.timeSpentMinutes }, false);
    }
    const saved = await saveTicket(ctx, tx, id, changes);
    if (saved.priority !== ticket.priority) await ctx.events.emit(tx, 'ticket.priority_changed', { ticketId: id });
    await announceHandover(ctx, tx, ticket, saved, actor.userId);
    return saved;
  });
}

async function replaceChecklist(tx: Tx, actor: Actor, ticketId: number, items: { text: string; done: boolean }[], now: Date) {
  const before = await tx
    .select()
    .from(ticketChecklistItems)
    .where(eq(ticketChecklistItems.ticketId, ticketId))
    .orderBy(ticketChecklistItems.position);
  const wasDone = new Map(before.map((i) => [i.text, i]));
  if (before.length)
    await tx.delete(ticketChecklistItems).where(
      inArray(
        ticketChecklistItems.id,
        before.map((i) => i.id),
      ),
    );
  if (items.length) {
    await tx.insert(ticketChecklistItems).values(
      items.map((item, position) => {
        const previous = wasDone.get(item.text);
        const keep = previous?.done && item.done;
        return {
          ticketId,
          position,
          text: item.text,
          done: item.done,
          doneAt: item.done ? (keep ? previous.doneAt : now) : null,
          doneBy: item.done ? (keep ? previous.doneBy : actor.userId) : null,
        };
      }),
    );
  }
  await recordEvent(tx, ticketId, actor.userId, 'checklist_changed', {
    checklist: [before.map((i) => ({ text: i.text, done: i.done })), items],
  });
}

/** Moves the ticket along its lifecycle, enforcing who may and what each step needs. */
export async function transitionTicket(ctx: AppContext, actor: Actor, id: number, input: TransitionInput, outer?: Tx): Promise<TicketRow> {
  return (await transitionAndSee(ctx, actor, id, input, outer)).ticket;
}

/** `transitionTicket`, also answering how the ticket looks to the actor afterwards (`seenAfter`). */
export async function transitionAndSee(ctx: AppContext, actor: Actor, id: number, input: TransitionInput, outer?: Tx) {
  return inTransaction(ctx.db, outer, async (tx) => {
    const loaded = await loadForChange(tx, actor, id, input.version);
    const { ticket } = loaded;
    const transition = findTransition(ticket.status, input.to);
    if (!transition) {
      const label = await statusLabels(tx, actor.locale);
      throw new AppError(409, 'TRANSITION_NOT_ALLOWED', { from: label(ticket.status), to: label(input.to) });
    }
    if (!allowedActions(actor, loaded.facts, loaded.me, input.assigneeId != null).includes(transition.action)) throw forbidden();

    const changes: Partial<TicketRow> = { status: input.to };
    const assigneeId = input.assigneeId ?? ticket.assigneeId;
    for (const need of transition.requires) {
      if (need === 'assignee' && assigneeId === null)
        throw new AppError(400, 'ASSIGNEE_REQUIRED', {}, [{ path: 'assigneeId', message: 'ASSIGNEE_REQUIRED' }]);
      if (need === 'assignee_or_team' && assigneeId === null && (input.teamId ?? ticket.teamId) === null) {
        throw new AppError(400, 'ASSIGNEE_REQUIRED', {}, [{ path: 'assigneeId', message: 'ASSIGNEE_REQUIRED' }]);
      }
      if (need === 'solutionSummary' && !input.solutionSummary?.trim())
        throw new AppError(400, 'SOLUTION_REQUIRED', {}, [{ path: 'solutionSummary', message: 'SOLUTION_REQUIRED' }]);
      if (need === 'pendingReason' && !input.pendingReason)
        throw new AppError(400, 'PENDING_REASON_REQUIRED', {}, [{ path: 'pendingReason', message: 'PENDING_REASON_REQUIRED' }]);
      if (need === 'reason' && !input.reason?.trim())
        throw new AppError(400, 'REASON_REQUIRED', {}, [{ path: 'reason', message: 'REASON_REQUIRED' }]);
    }
    if (input.assigneeId !== undefined || input.teamId !== undefined) {
      const teamId = input.teamId !== undefined ? input.teamId : ticket.teamId;
      await checkAssignment(tx, actor, loaded, teamId, assigneeId);
      changes.teamId = teamId;
      changes.assigneeId = assigneeId;
      // Naming the assignee while starting is an assignment of its own on the timeline (001 §3.7).
      const handed = diff(ticket, { teamId, assigneeId });
      if (Object.keys(handed).length) await recordEvent(tx, id, actor.userId, 'assigned', handed);
    }
    const now = ctx.clock.now();
    if (input.to === 'in_progress' && !ticket.startedAt) changes.startedAt = now;
    // An agent starting work is the first response when nobody replied yet.
    if (input.to === 'in_progress' && !ticket.firstResponseAt && ticket.status !== 'resolved') changes.firstResponseAt = now;
    changes.pendingReason = input.to === 'pending' ? (input.pendingReason ?? null) : null;
    // A new waiting or resolved spell starts its reminders afresh.
    if (input.to === 'pending') changes.pendingReminderAt = null;
    if (input.to === 'resolved') changes.closeReminderAt = null;
    let followUp = false;
    if (input.to === 'resolved') {
      changes.solutionSummary = input.solutionSummary?.trim() ?? null;
      changes.fulfilment = input.fulfilment ?? 'permanent';
      changes.resolvedAt = now;
      changes.awaitingValidation = await teamValidatesSolutions(tx, changes.teamId ?? ticket.teamId);
      // SOP 002 §6.f: a temporary fix leaves a task for the permanent one.
      followUp = changes.fulfilment === 'temporary';
    }
    if (transition.action === 'reopen') {
      changes.resolvedAt = null;
      changes.awaitingValidation = false;
      changes.solutionValidatedAt = null;
    }
    if (input.to === 'closed') {
      changes.closedAt = now;
      changes.locked = true;
    }
    if (input.to === 'cancelled') changes.cancelledAt = now;

    // Closing a duplicate points its requester to the original.
    const [original] = FINAL_STATUSES.includes(input.to)
      ? await tx
          .select({ id: tickets.id, number: tickets.number })
          .from(ticketLinks)
          .innerJoin(tickets, eq(tickets.id, ticketLinks.otherId))
          .where(and(eq(ticketLinks.ticketId, id), eq(ticketLinks.kind, 'duplicate_of')))
      : [];
    await recordEvent(tx, id, actor.userId, 'status_changed', {
      status: [ticket.status, input.to],
      ...(original ? { duplicateOf: original } : {}),
      action: transition.action,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.pendingReason ? { pendingReason: input.pendingReason } : {}),
      ...(input.to === 'resolved' ? { solutionSummary: changes.solutionSummary, fulfilment: changes.fulfilment } : {}),
      ...(changes.awaitingValidation ? { awaitingValidation: true } : {}),
    });
    const saved = await saveTicket(ctx, tx, id, changes);
    if (changes.firstResponseAt) await ctx.events.emit(tx, 'ticket.first_response', { ticketId: id });
    await ctx.events.emit(tx, 'ticket.status_changed', {
      ticketId: id,
      from: ticket.status,
      to: input.to,
      actorId: actor.userId,
      version: saved.version,
      ...(saved.awaitingValidation ? { validation: 'awaiting' as const } : {}),
    });
    await announceHandover(ctx, tx, ticket, saved, actor.userId);
    if (followUp) await openFollowUp(ctx, tx, actor, saved);
    if (input.to === 'resolved' && saved.fulfilment === 'permanent') await recordPermanentSolution(tx, actor.userId, saved);
    // A status change is work on the ticket (its timeline entry is the actor's).
    return { ticket: saved, seen: seenAfter(actor, loaded, saved, true) };
  });
}
