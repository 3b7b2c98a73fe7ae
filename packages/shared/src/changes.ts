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

/** The risk questionnaire of a request for change (issue 13 §2). */
export interface RiskAnswers {
  production: boolean;
  usersAffected: 'none' | 'some' | 'many' | 'all';
  testedInStaging: boolean;
  rollbackTested: boolean;
  doneBefore: boolean;
}

const USERS_POINTS: Record<RiskAnswers['usersAffected'], number> = { none: 0, some: 1, many: 2, all: 3 };

/**
 * The questionnaire's score (0–11) and level: low up to 3, medium up to 6, high
 * above. Unanswered questions count as the risky answer. The server decides with
 * it; the form shows the same result while it is being filled.
 */
export function assessRisk(answers: Partial<RiskAnswers>): { score: number; level: RiskLevel } {
  const score =
    (answers.production === false ? 0 : 3) +
    USERS_POINTS[answers.usersAffected ?? 'all'] +
    (answers.testedInStaging ? 0 : 2) +
    (answers.rollbackTested ? 0 : 2) +
    (answers.doneBefore ? 0 : 1);
  return { score, level: score <= 3 ? 'low' : score <= 6 ? 'medium' : 'high' };
}
