import type { Permission } from '@ish/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Actor, can } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import { FINAL_STATUSES, type Performer, TRANSITIONS } from './tickets.lifecycle.ts';
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
}

/** What it needs to know about the actor beyond their grants. */
export interface ActorFacts {
  teamIds: number[];
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

/** The actions the caller may take now; the UI shows exactly these. */
export function allowedActions(actor: Actor, t: TicketFacts, me: ActorFacts): string[] {
  if (!canSee(actor, t, me) || FINAL_STATUSES.includes(t.status)) return [];
  const worker = canWork(actor, t, me);
  const actions = new Set<string>();
  for (const tr of TRANSITIONS) if (tr.from.includes(t.status) && performs(tr.by, actor, t, me)) actions.add(tr.action);
  // A requester may withdraw a ticket nobody has picked up yet.
  if (t.status === 'new' && t.requesterId === actor.userId) actions.add('cancel');
  const participant = worker || t.requesterId === actor.userId || holds(actor, 'ticket:create', t);
  if (participant) {
    actions.add('comment');
    actions.add('attach');
  }
  if (worker) {
    for (const a of ['edit', 'internal_note', 'take', 'escalate', 'link', 'override_priority', 'checklist', 'log_time']) actions.add(a);
    if (isLead(actor, t)) actions.add('reassign');
  }
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

/** The list condition matching `canSee`. */
export function visibleTickets(actor: Actor): SQL {
  return sql`(${tickets.requesterId} = ${actor.userId}
    OR ${scopeCondition(actor, 'ticket:read', { companyId: tickets.companyId, unitPath: tickets.unitPath })}
    OR ${tickets.assigneeId} = ${actor.userId}
    OR ${tickets.teamId} IN (SELECT m.team_id FROM team_members m WHERE m.user_id = ${actor.userId})
    OR EXISTS (SELECT 1 FROM ticket_watchers w WHERE w.ticket_id = ${tickets.id} AND w.user_id = ${actor.userId}))`;
}
