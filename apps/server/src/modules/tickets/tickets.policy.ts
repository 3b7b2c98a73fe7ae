import type { Permission } from '@ish/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Actor, can } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import { FINAL_STATUSES, type Performer, TRANSITIONS, type Transition } from './tickets.lifecycle.ts';
import type { TicketStatus } from './tickets.tables.ts';
import { tickets } from './tickets.tables.ts';

/** What the policy needs to know about a ticket. */
export interface TicketFacts {
  companyId: number;
  unitPath: string;
  requesterId: number;
  teamId: number | null;
  assigneeId: number | null;
  status: TicketStatus;
  watcher: boolean;
  /** Resolved, the team lead has yet to validate the solution (003 §6). */
  awaitingValidation: boolean;
  /** When work started (null: nobody has worked it yet). */
  startedAt: Date | null;
}

/** What it needs to know about the actor beyond their grants. */
export interface ActorFacts {
  teamIds: number[];
  /** Has worked this ticket (was its assignee, moved it along, escalated or noted on it). */
  worked: boolean;
}

const at = (t: TicketFacts) => ({ companyId: t.companyId, unitPath: t.unitPath });
const holds = (actor: Actor, permission: Permission, t: TicketFacts) => can(actor, permission, at(t));

/** Assigned to the actor or to one of their teams (a provider team may sit in another unit). */
const isMember = (actor: Actor, t: TicketFacts, me: ActorFacts) =>
  t.assigneeId === actor.userId || (t.teamId !== null && me.teamIds.includes(t.teamId));

/** Requesters see their unit's tickets (and their own), agents those in their scope or of their teams, executives all. */
export function canSee(actor: Actor, t: TicketFacts, me: ActorFacts): boolean {
  return t.requesterId === actor.userId || t.watcher || isMember(actor, t, me) || holds(actor, 'ticket:read', t);
}

/** Internal notes and internal files: for the service desk and read-everything roles, not requesters. */
export function seesInternal(actor: Actor, t: TicketFacts): boolean {
  return holds(actor, 'ticket:work', t) || holds(actor, 'report:read', t);
}

export function isLead(actor: Actor, t: TicketFacts): boolean {
  return holds(actor, 'ticket:lead', t);
}

/** Personal contact data (phone, email): the service desk, the requester and leads, not every colleague of the unit (001 §3.7). */
export function seesContact(actor: Actor, t: TicketFacts, me: ActorFacts): boolean {
  return t.requesterId === actor.userId || isMember(actor, t, me) || holds(actor, 'ticket:work', t) || isLead(actor, t);
}

/** An attachment is removed by its uploader until work starts, and by a lead at any time before closure (001 §3.7). */
export function canDeleteAttachment(actor: Actor, t: TicketFacts, uploadedBy: number): boolean {
  if (FINAL_STATUSES.includes(t.status)) return false;
  return isLead(actor, t) || (uploadedBy === actor.userId && t.startedAt === null && (t.status === 'new' || t.status === 'assigned'));
}

/**
 * An agent works tickets assigned to them or their team (wherever the
 * requester sits), and unowned tickets in their scope (to take them); a lead
 * works every ticket in scope (001 §3.6).
 */
export function canWork(actor: Actor, t: TicketFacts, me: ActorFacts): boolean {
  if (isMember(actor, t, me)) return can(actor, 'ticket:work');
  if (!holds(actor, 'ticket:work', t)) return false;
  return isLead(actor, t) || (t.assigneeId === null && t.teamId === null);
}

function performs(by: Performer, actor: Actor, t: TicketFacts, me: ActorFacts): boolean {
  const worker = canWork(actor, t, me);
  const requester = t.requesterId === actor.userId || isLead(actor, t);
  return by === 'worker' ? worker : by === 'requester' ? requester : worker || requester;
}

/** The actor may be named the assignee: the assignee must belong to the ticket's team (when it has one). */
const mayBeAssignee = (t: TicketFacts, me: ActorFacts) => t.teamId === null || me.teamIds.includes(t.teamId);

/**
 * A transition's own guards, as far as the ticket and actor decide them: work
 * starts only with an assignee (the caller takes it on starting when they
 * may), and a solution awaiting its lead's validation is not the requester's
 * to confirm yet.
 */
function guardsHold(tr: Transition, t: TicketFacts, me: ActorFacts, assigneeNamed: boolean): boolean {
  if (tr.requires.includes('assignee') && t.assigneeId === null && !assigneeNamed && !mayBeAssignee(t, me)) return false;
  if (tr.action === 'confirm' && t.awaitingValidation) return false;
  return true;
}

/**
 * The actions the caller may take now; the UI shows exactly these, and each succeeds given its input.
 * `assigneeNamed`: the request itself names the assignee (checked as an assignment), so starting does not need the caller to be one.
 */
export function allowedActions(actor: Actor, t: TicketFacts, me: ActorFacts, assigneeNamed = false): string[] {
  if (!canSee(actor, t, me) || FINAL_STATUSES.includes(t.status)) return [];
  const worker = canWork(actor, t, me);
  const lead = isLead(actor, t);
  const actions = new Set<string>();
  for (const tr of TRANSITIONS)
    if (tr.from.includes(t.status) && performs(tr.by, actor, t, me) && guardsHold(tr, t, me, assigneeNamed)) actions.add(tr.action);
  // A requester may withdraw a ticket nobody has picked up yet.
  if (t.status === 'new' && t.requesterId === actor.userId) actions.add('cancel');
  const participant = worker || t.requesterId === actor.userId || holds(actor, 'ticket:create', t);
  if (participant) {
    actions.add('comment');
    actions.add('attach');
  }
  if (worker) {
    for (const a of ['edit', 'internal_note', 'escalate', 'link', 'override_priority', 'checklist', 'log_time']) actions.add(a);
    // Taking names the caller the assignee, who must belong to the ticket's team.
    if (t.assigneeId !== actor.userId && mayBeAssignee(t, me)) actions.add('take');
    if (lead) actions.add('reassign');
  }
  // Whoever worked the ticket keeps writing notes after handing it on (an L1 agent after escalating).
  if (me.worked && seesInternal(actor, t)) actions.add('internal_note');
  if (lead && t.status === 'resolved' && t.awaitingValidation) actions.add('validate');
  return [...actions].sort();
}

/**
 * May this person be named as a watcher: someone who would see the ticket
 * anyway, or a colleague of its requester (same company)? Naming an outsider
 * would hand them the ticket.
 */
export function mayWatch(person: Actor, t: TicketFacts, theirs: ActorFacts): boolean {
  return person.companyId === t.companyId || canSee(person, { ...t, watcher: false }, theirs);
}

/**
 * May this person be its assignee: someone who works tickets, in the ticket's
 * team (when it has one) or working tickets where it sits?
 */
export function mayBeAssigned(person: Actor, t: TicketFacts, theirs: ActorFacts): boolean {
  if (!can(person, 'ticket:work')) return false;
  return (t.teamId !== null && theirs.teamIds.includes(t.teamId)) || holds(person, 'ticket:work', t);
}

/**
 * The list condition matching `canSee`. Its subqueries are uncorrelated (run once, hashed), so the
 * whole condition costs little per row and can be checked on a covering index without the table.
 */
export function visibleTickets(actor: Actor): SQL {
  return sql`(${tickets.requesterId} = ${actor.userId}
    OR ${scopeCondition(actor, 'ticket:read', { companyId: tickets.companyId, unitPath: tickets.unitPath })}
    OR ${tickets.assigneeId} = ${actor.userId}
    OR ${tickets.teamId} IN (SELECT m.team_id FROM team_members m WHERE m.user_id = ${actor.userId})
    OR ${tickets.id} IN (SELECT w.ticket_id FROM ticket_watchers w WHERE w.user_id = ${actor.userId}))`;
}
