import type { ChangeVote, RiskLevel } from '@ish/shared';
import type { RiskAnswers } from './changes.tables.ts';

/** Points per answer: what makes a change likely to hurt, and how many people it would hurt. */
const USERS_POINTS: Record<RiskAnswers['usersAffected'], number> = { none: 0, some: 1, many: 2, all: 3 };

/**
 * The risk questionnaire's score (0–11) and level: low up to 3, medium up to 6,
 * high above. Unanswered questions count as the risky answer.
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

/** The level that counts: the Change Manager's override, else the questionnaire's. */
export const effectiveRisk = (c: { riskLevel: RiskLevel; riskOverride: RiskLevel | null }): RiskLevel => c.riskOverride ?? c.riskLevel;

/** How the CAB decides (a Change Manager setting): a majority once a quorum voted, or any reject blocks. */
export interface CabRule {
  kind: 'majority' | 'any_reject_blocks';
  /** How many members must have voted (abstaining counts as taking part). */
  quorum: number;
}

/**
 * The CAB's decision from the votes so far, or null while it still waits.
 * Majority: once `quorum` members voted, more approvals than rejections
 * approve and more rejections reject; a tie waits for the meeting. Any reject
 * blocks: one rejection rejects at once; with a quorum and at least one
 * approval it is approved.
 */
export function cabDecision(rule: CabRule, votes: readonly ChangeVote[]): 'approved' | 'rejected' | null {
  const approve = votes.filter((v) => v === 'approve').length;
  const reject = votes.filter((v) => v === 'reject').length;
  if (rule.kind === 'any_reject_blocks') {
    if (reject > 0) return 'rejected';
    return votes.length >= rule.quorum && approve > 0 ? 'approved' : null;
  }
  if (votes.length < rule.quorum) return null;
  return approve > reject ? 'approved' : reject > approve ? 'rejected' : null;
}
