import type { ApprovalRoute, ChangeStatus, ChangeType, RiskLevel } from '@ish/shared';

/**
 * Who may take a transition:
 * - `requester`: who raised the change (or a Change Manager over it);
 * - `manager`: a Change Manager over the change, never for their own request's approval;
 * - `decider`: whoever decides the approval route (the Change Manager for low risk, or
 *   recording a CAB meeting's decision; CAB members decide through their votes);
 * - `implementer`: the named implementer or a member of the implementer team.
 */
export type Performer = 'requester' | 'manager' | 'decider' | 'implementer' | 'requester_or_manager';

/**
 * Checks a transition must pass, each with its own refusal code (see changes.service.ts):
 * - `plans_complete`: reason, impact, implementation, test and rollback plans (a standard change brings them from its template);
 * - `services`: at least one affected business service;
 * - `window`: a proposed window;
 * - `comment`: a comment for the requester (return, reject);
 * - `reason`: why it is cancelled;
 * - `freeze`: outside every freeze window, or an emergency change with a justification;
 * - `conflicts_acknowledged`: overlapping changes and maintenance-window breaches were seen and accepted;
 * - `inside_window`: now inside the approved window, or an emergency justification for starting outside it;
 * - `rollback_outcome`: a failed change says whether its rollback was executed;
 * - `review_if_required`: the post-implementation review is written where required.
 */
export type Guard =
  | 'plans_complete'
  | 'services'
  | 'window'
  | 'comment'
  | 'reason'
  | 'freeze'
  | 'conflicts_acknowledged'
  | 'inside_window'
  | 'rollback_outcome'
  | 'review_if_required';

export interface Transition {
  from: readonly ChangeStatus[];
  to: ChangeStatus;
  /** The action name the UI shows and the API reports in `allowedActions`. */
  action: string;
  by: Performer;
  guards: readonly Guard[];
}

/** Issue 13 §3: the change state machine as data. */
export const TRANSITIONS: readonly Transition[] = [
  { from: ['draft'], to: 'submitted', action: 'submit', by: 'requester', guards: ['plans_complete', 'services', 'window'] },
  { from: ['submitted'], to: 'under_review', action: 'start_review', by: 'manager', guards: [] },
  { from: ['submitted', 'under_review'], to: 'draft', action: 'return', by: 'manager', guards: ['comment'] },
  {
    from: ['submitted', 'under_review'],
    to: 'pending_approval',
    action: 'send_to_approval',
    by: 'manager',
    guards: ['plans_complete', 'services', 'window'],
  },
  { from: ['pending_approval'], to: 'approved', action: 'approve', by: 'decider', guards: [] },
  { from: ['pending_approval'], to: 'rejected', action: 'reject', by: 'decider', guards: ['comment'] },
  // Scheduling again moves a scheduled change to another confirmed window.
  {
    from: ['approved', 'scheduled'],
    to: 'scheduled',
    action: 'schedule',
    by: 'manager',
    guards: ['window', 'freeze', 'conflicts_acknowledged'],
  },
  { from: ['scheduled'], to: 'in_progress', action: 'start', by: 'implementer', guards: ['inside_window', 'freeze'] },
  { from: ['in_progress'], to: 'completed', action: 'complete', by: 'implementer', guards: [] },
  { from: ['in_progress'], to: 'failed', action: 'fail', by: 'implementer', guards: ['rollback_outcome'] },
  { from: ['completed', 'failed'], to: 'closed', action: 'close', by: 'requester_or_manager', guards: ['review_if_required'] },
  {
    from: ['draft', 'submitted', 'under_review', 'pending_approval', 'approved', 'scheduled'],
    to: 'cancelled',
    action: 'cancel',
    by: 'requester_or_manager',
    guards: ['reason'],
  },
];

export const FINAL_STATUSES: readonly ChangeStatus[] = ['closed', 'rejected', 'cancelled'];
/** What the change calendar shows, and what other changes can conflict with. */
export const CALENDAR_STATUSES: readonly ChangeStatus[] = ['approved', 'scheduled', 'in_progress'];
/** Fields of the request for change the requester may still edit. */
export const EDITABLE_STATUSES: readonly ChangeStatus[] = ['draft', 'submitted', 'under_review'];

export function findTransition(from: ChangeStatus, to: ChangeStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.to === to && t.from.includes(from));
}

/**
 * Where a submitted change goes next: a standard change (a pre-approved model)
 * is approved at once; an emergency goes straight to the emergency CAB; a normal
 * change waits for the Change Manager's review of its completeness.
 */
export function statusAfterSubmit(type: ChangeType): ChangeStatus {
  return type === 'standard' ? 'approved' : type === 'emergency' ? 'pending_approval' : 'submitted';
}

/** Who decides (issue 13 §4): standard automatic, normal low risk the Change Manager, medium/high the CAB, emergency the emergency CAB. */
export function approvalRouteFor(type: ChangeType, risk: RiskLevel): ApprovalRoute {
  if (type === 'standard') return 'auto';
  if (type === 'emergency') return 'emergency_cab';
  return risk === 'low' ? 'manager' : 'cab';
}

/** A post-implementation review is required for failed, emergency and high-risk changes (issue 13 §8). */
export function reviewRequired(change: { status: ChangeStatus; outcome: string | null; type: ChangeType }, risk: RiskLevel): boolean {
  return change.outcome === 'failed' || change.status === 'failed' || change.type === 'emergency' || risk === 'high';
}
