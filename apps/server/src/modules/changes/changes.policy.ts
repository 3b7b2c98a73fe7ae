import type { ApprovalRoute, ChangeStatus, ChangeType, Permission, RiskLevel } from '@ish/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Actor, can, scopesFor } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import { FINAL_STATUSES, type Performer, TRANSITIONS } from './changes.lifecycle.ts';
import { changes } from './changes.tables.ts';

/** What the policy needs to know about a change. */
export interface ChangeFacts {
  companyId: number;
  unitPath: string;
  requesterId: number;
  teamId: number | null;
  implementerId: number | null;
  status: ChangeStatus;
  type: ChangeType;
  approvalRoute: ApprovalRoute | null;
  riskLevel: RiskLevel;
  riskOverride: RiskLevel | null;
}

/** What it needs to know about the actor beyond their grants. */
export interface ActorFacts {
  teamIds: number[];
  /** Named in the emergency CAB (a Change Manager setting). */
  emergencyCab: boolean;
}

/** Whoever works with changes in some role; the change's row policy decides the rest (outside it: 404). */
export const CHANGE_PERMISSIONS: readonly Permission[] = ['change:request', 'change:manage', 'change:vote', 'change:implement'];
/** Holding any of these over a change's place lets one read it: also report readers (executives, leads). */
export const CHANGE_READERS: readonly Permission[] = [...CHANGE_PERMISSIONS, 'report:read'];

const at = (c: ChangeFacts) => ({ companyId: c.companyId, unitPath: c.unitPath });

export const isRequester = (actor: Actor, c: ChangeFacts) => c.requesterId === actor.userId;
export const isManager = (actor: Actor, c: ChangeFacts) => can(actor, 'change:manage', at(c));

/** The named implementer, or a member of the implementer team. */
const isAssigned = (actor: Actor, c: ChangeFacts, me: ActorFacts) =>
  c.implementerId === actor.userId || (c.teamId !== null && me.teamIds.includes(c.teamId));

/** The named implementer, or a member of the implementer team, who holds the Implementer's permission. */
export function isImplementer(actor: Actor, c: ChangeFacts, me: ActorFacts): boolean {
  return isAssigned(actor, c, me) && can(actor, 'change:implement');
}

/**
 * Who raised the change or carries it out (named, or in the implementer team): separation of duties keeps
 * them from deciding it, as the Change Manager, at a CAB meeting or by a CAB vote.
 */
export const isInvolved = (actor: Actor, c: ChangeFacts, me: ActorFacts) => isRequester(actor, c) || isAssigned(actor, c, me);

/** The requester, the implementers, and whoever holds a change permission (or reads reports) over its place. */
export function canSee(actor: Actor, c: ChangeFacts, me: ActorFacts): boolean {
  return isInvolved(actor, c, me) || CHANGE_READERS.some((p) => can(actor, p, at(c)));
}

/**
 * A CAB member over the change's place may vote while it waits for the CAB;
 * for an emergency only the emergency CAB. Never on a change they raised or carry out.
 */
export function canVote(actor: Actor, c: ChangeFacts, me: ActorFacts): boolean {
  if (c.status !== 'pending_approval' || isInvolved(actor, c, me)) return false;
  if (c.approvalRoute !== 'cab' && c.approvalRoute !== 'emergency_cab') return false;
  return can(actor, 'change:vote', at(c)) && (c.approvalRoute === 'cab' || me.emergencyCab);
}

/** The Change Manager decides low-risk changes and records a CAB meeting's decision; never on a change they raised or carry out. */
const isDecider = (actor: Actor, c: ChangeFacts, me: ActorFacts) =>
  isManager(actor, c) && !isInvolved(actor, c, me) && c.approvalRoute !== 'auto';

function performs(by: Performer, actor: Actor, c: ChangeFacts, me: ActorFacts): boolean {
  switch (by) {
    case 'requester':
      return isRequester(actor, c) || isManager(actor, c);
    case 'manager':
      return isManager(actor, c);
    case 'decider':
      return isDecider(actor, c, me);
    case 'implementer':
      return isImplementer(actor, c, me);
    case 'requester_or_manager':
      return isRequester(actor, c) || isManager(actor, c);
  }
}

/** The actions the caller may take now; the UI offers exactly these. */
export function allowedActions(actor: Actor, c: ChangeFacts, me: ActorFacts): string[] {
  if (!canSee(actor, c, me) || FINAL_STATUSES.includes(c.status)) return [];
  const actions = new Set<string>();
  for (const t of TRANSITIONS) if (t.from.includes(c.status) && performs(t.by, actor, c, me)) actions.add(t.action);
  const manager = isManager(actor, c);
  const implementer = isImplementer(actor, c, me);
  const participant = isRequester(actor, c) || manager || implementer;
  // The requester edits their draft; the Change Manager completes it while reviewing.
  if ((c.status === 'draft' && (isRequester(actor, c) || manager)) || (manager && ['submitted', 'under_review'].includes(c.status)))
    actions.add('edit');
  if (manager) {
    actions.add('override_risk');
    actions.add('assign');
  }
  if (canVote(actor, c, me)) actions.add('vote');
  if (implementer && (c.status === 'scheduled' || c.status === 'in_progress')) actions.add('tick_tasks');
  if (participant && (c.status === 'completed' || c.status === 'failed')) actions.add('review');
  if (participant) {
    actions.add('link');
    actions.add('attach');
    actions.add('comment');
  } else if (can(actor, 'change:vote', at(c))) actions.add('comment');
  return [...actions].sort();
}

/**
 * The companies whose freeze windows the actor sees: those they work with changes (or read reports) in;
 * null for every company (an organisation-wide role). Organisation-wide freezes are seen by all of them.
 */
export function freezeCompanies(actor: Actor): number[] | null {
  const scopes = CHANGE_READERS.flatMap((p) => scopesFor(actor, p));
  if (scopes.some((s) => s.kind === 'organisation')) return null;
  return [...new Set(scopes.flatMap((s) => (s.kind === 'organisation' ? [] : [s.companyId])))];
}

/** The SQL condition matching `freezeCompanies` on a freeze's `company_id` column. */
export function visibleFreezes(actor: Actor, companyId: SQL): SQL {
  const companies = freezeCompanies(actor);
  if (companies === null) return sql`true`;
  if (!companies.length) return sql`${companyId} IS NULL`;
  return sql`(${companyId} IS NULL OR ${companyId} IN (${sql.join(
    companies.map((id) => sql`${id}`),
    sql`, `,
  )}))`;
}

/** The list condition matching `canSee`. */
export function visibleChanges(actor: Actor): SQL {
  const place = { companyId: changes.companyId, unitPath: changes.unitPath };
  return sql`(${changes.requesterId} = ${actor.userId}
    OR ${changes.implementerId} = ${actor.userId}
    OR ${changes.teamId} IN (SELECT m.team_id FROM team_members m WHERE m.user_id = ${actor.userId})
    OR ${sql.join(
      CHANGE_READERS.map((p) => scopeCondition(actor, p, place)),
      sql` OR `,
    )})`;
}
