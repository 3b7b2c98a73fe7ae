import type { Role } from '@ish/shared';
import { describe, expect, it } from 'vitest';
import type { Actor, Scope } from '../../platform/authz/actor.ts';
import { allowedActions, type ChangeFacts, canSee, canVote } from './changes.policy.ts';

const NDS = 1;
const DEVOPS = '/2/';
const actor = (userId: number, grants: [Role, Scope][], tokenPermissions?: Actor['tokenPermissions']): Actor => ({
  userId,
  email: `u${userId}@x.test`,
  name: `U${userId}`,
  unitId: 2,
  unitPath: DEVOPS,
  companyId: NDS,
  locale: 'id',
  timeZone: null,
  grants: grants.map(([role, scope], id) => ({ id, role, scope })),
  sessionId: null,
  ...(tokenPermissions ? { tokenPermissions } : {}),
});
const org: Scope = { kind: 'organisation' };
const change = (over: Partial<ChangeFacts> = {}): ChangeFacts => ({
  companyId: NDS,
  unitPath: `${DEVOPS}3/`,
  requesterId: 10,
  teamId: 5,
  implementerId: 20,
  status: 'draft',
  type: 'normal',
  approvalRoute: null,
  riskLevel: 'high',
  riskOverride: null,
  ...over,
});
const me = { teamIds: [] as number[], emergencyCab: false };

const requester = actor(10, [['change_requester', { kind: 'unit', unitId: 2, unitPath: DEVOPS, companyId: NDS }]]);
const manager = actor(11, [['change_manager', org]]);
const cab = actor(12, [['cab_member', org]]);
const otherCab = actor(13, [['cab_member', { kind: 'company', companyId: 2 }]]);
const implementer = actor(20, [['implementer', org]]);
const stranger = actor(30, [['requester', { kind: 'unit', unitId: 9, unitPath: '/9/', companyId: NDS }]]);

describe('change policy', () => {
  it('shows a change to its requester, the change roles over its place and its implementer, and to nobody else', () => {
    for (const a of [requester, manager, cab, implementer]) expect(canSee(a, change(), me), String(a.userId)).toBe(true);
    expect(canSee(otherCab, change(), me)).toBe(false);
    expect(canSee(stranger, change(), me)).toBe(false);
    // A member of the implementer team sees it through the team.
    expect(canSee(stranger, change(), { teamIds: [5], emergencyCab: false })).toBe(true);
  });

  it('lets the requester submit and edit a draft, and the Change Manager review it, never approve their own', () => {
    expect(allowedActions(requester, change(), me)).toEqual(expect.arrayContaining(['submit', 'edit', 'cancel']));
    expect(allowedActions(requester, change(), me)).not.toContain('override_risk');
    const submitted = change({ status: 'submitted' });
    expect(allowedActions(manager, submitted, me)).toEqual(expect.arrayContaining(['start_review', 'return', 'send_to_approval', 'edit']));
    expect(allowedActions(requester, submitted, me)).not.toContain('start_review');
    const pending = change({ status: 'pending_approval', approvalRoute: 'manager' });
    expect(allowedActions(manager, pending, me)).toContain('approve');
    const own = change({ status: 'pending_approval', approvalRoute: 'manager', requesterId: 11 });
    expect(allowedActions(manager, own, me)).not.toContain('approve');
    // Nor one they carry out: named as its implementer, or in its implementer team.
    expect(allowedActions(manager, change({ status: 'pending_approval', approvalRoute: 'manager', implementerId: 11 }), me)).not.toContain(
      'approve',
    );
    expect(allowedActions(manager, pending, { teamIds: [5], emergencyCab: false })).not.toContain('approve');
  });

  it('lets CAB members vote only while the CAB decides, the emergency CAB only its members, never on their own change', () => {
    const cabRoute = change({ status: 'pending_approval', approvalRoute: 'cab' });
    expect(canVote(cab, cabRoute, me)).toBe(true);
    expect(canVote(cab, change({ status: 'pending_approval', approvalRoute: 'manager' }), me)).toBe(false);
    expect(canVote(cab, change({ status: 'approved', approvalRoute: 'cab' }), me)).toBe(false);
    expect(canVote(otherCab, cabRoute, me)).toBe(false);
    const emergency = change({ status: 'pending_approval', approvalRoute: 'emergency_cab', type: 'emergency' });
    expect(canVote(cab, emergency, me)).toBe(false);
    expect(canVote(cab, emergency, { teamIds: [], emergencyCab: true })).toBe(true);
    expect(canVote(cab, change({ status: 'pending_approval', approvalRoute: 'cab', requesterId: 12 }), me)).toBe(false);
    expect(canVote(cab, change({ status: 'pending_approval', approvalRoute: 'cab', implementerId: 12 }), me)).toBe(false);
    expect(canVote(cab, cabRoute, { teamIds: [5], emergencyCab: false })).toBe(false);
  });

  it('lets the named implementer start, tick and finish a scheduled change, and nobody else', () => {
    const scheduled = change({ status: 'scheduled' });
    expect(allowedActions(implementer, scheduled, me)).toEqual(expect.arrayContaining(['start', 'tick_tasks']));
    expect(allowedActions(manager, scheduled, me)).not.toContain('start');
    expect(allowedActions(implementer, change({ status: 'scheduled', implementerId: 99, teamId: null }), me)).not.toContain('start');
    expect(allowedActions(implementer, change({ status: 'in_progress' }), me)).toEqual(expect.arrayContaining(['complete', 'fail']));
  });

  it('offers nothing on a change that has ended', () => {
    for (const status of ['closed', 'rejected', 'cancelled'] as const) expect(allowedActions(manager, change({ status }), me)).toEqual([]);
  });

  it('narrows an API token to its scope: a Change Manager’s changes:write token cannot manage', () => {
    const token = actor(11, [['change_manager', org]], ['change:request']);
    expect(allowedActions(token, change({ status: 'submitted' }), me)).not.toContain('start_review');
    expect(canSee(token, change(), me)).toBe(true);
  });
});
