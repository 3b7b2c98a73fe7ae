/**
 * A change's lifecycle states (DESIGN §4, issue 13), in the order they are usually reached.
 * The seed's labels (Submitted, Approved, Scheduled, In Progress, Completed, Failed) are their English names.
 */
export const CHANGE_STATUSES = [
  'draft',
  'submitted',
  'under_review',
  'pending_approval',
  'approved',
  'scheduled',
  'in_progress',
  'completed',
  'failed',
  'closed',
  'rejected',
  'cancelled',
] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/** Standard changes follow a pre-approved template; emergency ones go to the emergency CAB. */
export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Who decides a change's approval: nobody (standard), the Change Manager, the CAB, or the emergency CAB. */
export const APPROVAL_ROUTES = ['auto', 'manager', 'cab', 'emergency_cab'] as const;
export type ApprovalRoute = (typeof APPROVAL_ROUTES)[number];

export const CHANGE_VOTES = ['approve', 'reject', 'abstain'] as const;
export type ChangeVote = (typeof CHANGE_VOTES)[number];
