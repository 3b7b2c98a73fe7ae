import { describe, expect, it } from 'vitest';
import { assessRisk, cabDecision } from './changes.risk.ts';

describe('risk questionnaire', () => {
  it('scores a tested, rehearsed change on a staging system as low', () => {
    expect(assessRisk({ production: false, usersAffected: 'none', testedInStaging: true, rollbackTested: true, doneBefore: true })).toEqual(
      { score: 0, level: 'low' },
    );
  });
  it('puts the borders of the levels at 3 and 6', () => {
    const base = { production: true, usersAffected: 'none', testedInStaging: true, rollbackTested: true, doneBefore: true } as const;
    expect(assessRisk(base)).toEqual({ score: 3, level: 'low' });
    expect(assessRisk({ ...base, doneBefore: false })).toEqual({ score: 4, level: 'medium' });
    expect(assessRisk({ ...base, usersAffected: 'all' })).toEqual({ score: 6, level: 'medium' });
    expect(assessRisk({ ...base, usersAffected: 'all', doneBefore: false })).toEqual({ score: 7, level: 'high' });
  });
  it('counts unanswered questions as the risky answer', () => {
    expect(assessRisk({})).toEqual({ score: 11, level: 'high' });
  });
});

describe('CAB rule', () => {
  const majority = { kind: 'majority', quorum: 3 } as const;
  const blocks = { kind: 'any_reject_blocks', quorum: 3 } as const;
  it('waits while the quorum is not met', () => {
    expect(cabDecision(majority, ['approve', 'approve'])).toBeNull();
    expect(cabDecision(blocks, ['approve', 'approve'])).toBeNull();
  });
  it('decides by majority once the quorum voted, a tie waits', () => {
    expect(cabDecision(majority, ['approve', 'approve', 'reject'])).toBe('approved');
    expect(cabDecision(majority, ['reject', 'reject', 'approve'])).toBe('rejected');
    expect(cabDecision(majority, ['approve', 'reject', 'abstain'])).toBeNull();
  });
  it('rejects at the first reject when any reject blocks', () => {
    expect(cabDecision(blocks, ['reject'])).toBe('rejected');
    expect(cabDecision(blocks, ['approve', 'approve', 'reject'])).toBe('rejected');
    expect(cabDecision(blocks, ['approve', 'abstain', 'abstain'])).toBe('approved');
    expect(cabDecision(blocks, ['abstain', 'abstain', 'abstain'])).toBeNull();
  });
});
