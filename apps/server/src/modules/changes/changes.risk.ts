import type { ChangeVote, RiskLevel } from '@ish/shared';

export { assessRisk } from '@ish/shared';

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
