import { describe, expect, it } from 'vitest';
import { actor, PLACES } from '../../../test/actors.ts';
import {
  type ActorFacts,
  allowedActions,
  canDeleteAttachment,
  canSee,
  canWork,
  mayBeAssigned,
  mayWatch,
  seesContact,
  seesInternal,
  type TicketFacts,
} from './tickets.policy.ts';

// The ticket policy as a table: who sees, works, watches and may be assigned a ticket, and which actions each
// is offered in each status. Pure: no database.
const ME = 100;
const ticket = (o: Partial<TicketFacts> = {}): TicketFacts => ({
  ...PLACES.aplikasi,
  requesterId: 1,
  teamId: null,
  assigneeId: null,
  status: 'new',
  watcher: false,
  awaitingValidation: false,
  startedAt: null,
  ...o,
});
const noTeams: ActorFacts = { teamIds: [], worked: false };
const inTeam7: ActorFacts = { teamIds: [7], worked: false };

const requesterHere = actor([['requester', 'aplikasi']], { id: ME, place: 'aplikasi' });
const requesterElsewhere = actor([['requester', 'devops']], { id: ME, place: 'devops' });
const agentProduk = actor([['agent', 'produk']], { id: ME });
const agentDevops = actor([['agent', 'devops']], { id: ME, place: 'devops' });
const leadProduk = actor([['team_lead', 'produk']], { id: ME });
const executive = actor([['executive', 'organisation']], { id: ME });
const foreignAgent = actor([['agent', 'ouJakarta']], { id: ME, place: 'ouJakarta' });

describe('who sees a ticket', () => {
  it.each([
    ['its requester', requesterElsewhere, ticket({ requesterId: ME }), noTeams, true],
    ['a watcher', requesterElsewhere, ticket({ watcher: true }), noTeams, true],
    ['its assignee', agentDevops, ticket({ assigneeId: ME }), noTeams, true],
    ['a member of its team', agentDevops, ticket({ teamId: 7 }), inTeam7, true],
    ['a member of another team', agentDevops, ticket({ teamId: 8 }), inTeam7, false],
    ['a reader of its unit (a colleague)', requesterHere, ticket(), noTeams, true],
    ['a reader of a parent unit', agentProduk, ticket(), noTeams, true],
    ['a reader of another unit', requesterElsewhere, ticket(), noTeams, false],
    ['an agent of another company', foreignAgent, ticket(), noTeams, false],
    ['an Executive (organisation)', executive, ticket(), noTeams, true],
  ] as const)('%s: %s', (_who, a, t, me, sees) => {
    expect(canSee(a, t, me)).toBe(sees);
  });

  it.each([
    ['an agent in scope', agentProduk, true],
    ['a requester', requesterHere, false],
    ['an Executive (reads reports)', executive, true],
    ['an agent elsewhere', agentDevops, false],
  ] as const)('internal notes: %s → %s', (_who, a, sees) => {
    expect(seesInternal(a, ticket())).toBe(sees);
  });
});

describe('who works a ticket', () => {
  it.each([
    ['an agent on an unowned ticket in scope', agentProduk, ticket(), noTeams, true],
    ['an agent on a ticket someone else holds', agentProduk, ticket({ assigneeId: 5 }), noTeams, false],
    ['an agent on a ticket of another team', agentProduk, ticket({ teamId: 8 }), noTeams, false],
    ['a lead on a ticket someone else holds', leadProduk, ticket({ assigneeId: 5, teamId: 8 }), noTeams, true],
    ['an agent of the ticket’s team, wherever it sits', agentDevops, ticket({ teamId: 7 }), inTeam7, true],
    ['an agent out of scope', agentDevops, ticket(), noTeams, false],
    ['the assignee without ticket:work', requesterHere, ticket({ assigneeId: ME }), noTeams, false],
    ['the requester', requesterHere, ticket({ requesterId: ME }), noTeams, false],
  ] as const)('%s → %s', (_who, a, t, me, works) => {
    expect(canWork(a, t, me)).toBe(works);
  });
});

describe('actions offered', () => {
  const worker = ['attach', 'checklist', 'comment', 'edit', 'escalate', 'internal_note', 'link', 'log_time', 'override_priority', 'take'];
  it.each([
    ['the requester of a new ticket', requesterHere, ticket({ requesterId: ME }), ['attach', 'cancel', 'comment']],
    ['the requester once it is in progress', requesterHere, ticket({ requesterId: ME, status: 'in_progress' }), ['attach', 'comment']],
    [
      'the requester of a resolved ticket',
      requesterHere,
      ticket({ requesterId: ME, status: 'resolved' }),
      ['attach', 'comment', 'confirm', 'reopen'],
    ],
    ['a colleague of the requester', requesterHere, ticket(), ['attach', 'comment']],
    ['an agent on a new ticket', agentProduk, ticket(), [...worker, 'assign', 'cancel', 'start'].sort()],
    ['an agent on an in-progress ticket', agentProduk, ticket({ status: 'in_progress' }), [...worker, 'cancel', 'pend', 'resolve'].sort()],
    ['an agent on a pending ticket', agentProduk, ticket({ status: 'pending' }), [...worker, 'cancel', 'resolve', 'start'].sort()],
    ['an agent on a resolved ticket', agentProduk, ticket({ status: 'resolved' }), [...worker, 'reopen'].sort()],
    [
      'a lead on someone else’s ticket',
      leadProduk,
      ticket({ assigneeId: 5, status: 'resolved' }),
      [...worker, 'confirm', 'reassign', 'reopen'].sort(),
    ],
    ['an agent on a closed ticket', agentProduk, ticket({ status: 'closed' }), []],
    ['an agent on a cancelled ticket', agentProduk, ticket({ status: 'cancelled' }), []],
    ['someone who cannot see it', requesterElsewhere, ticket(), []],
    ['an Executive (reads, does not work)', executive, ticket(), []],
    [
      'its requester, who has since moved to another unit',
      requesterElsewhere,
      ticket({ requesterId: ME }),
      ['attach', 'cancel', 'comment'],
    ],
    [
      'a Service Provider of its team (works, files no tickets there)',
      actor([['service_provider', 'devops']], { id: ME, place: 'devops' }),
      ticket({ assigneeId: ME, status: 'in_progress' }),
      // Already its assignee: nothing to take.
      [...worker.filter((a) => a !== 'take'), 'cancel', 'pend', 'resolve'].sort(),
    ],
  ] as const)('%s', (_who, a, t, actions) => {
    expect(allowedActions(a, t, noTeams)).toEqual(actions);
  });
});

describe('who may be named on a ticket', () => {
  it.each([
    ['a colleague of the requester’s company', requesterElsewhere, noTeams, true],
    ['an outsider who would not see it', foreignAgent, noTeams, false],
    ['an outsider who sees it through their team', foreignAgent, inTeam7, true],
  ] as const)('as a watcher: %s → %s', (_who, person, theirs, may) => {
    expect(mayWatch(person, ticket({ teamId: 7, watcher: true }), theirs)).toBe(may);
  });

  it.each([
    ['an agent working tickets where it sits', agentProduk, ticket(), noTeams, true],
    ['an agent of its team, elsewhere', agentDevops, ticket({ teamId: 7 }), inTeam7, true],
    ['an agent neither in its team nor its scope', agentDevops, ticket({ teamId: 7 }), noTeams, false],
    ['an agent of another company', foreignAgent, ticket(), noTeams, false],
    ['someone who works no tickets, even in its team', requesterHere, ticket({ teamId: 7 }), inTeam7, false],
  ] as const)('as the assignee: %s → %s', (_who, person, t, theirs, may) => {
    expect(mayBeAssigned(person, t, theirs)).toBe(may);
  });
});

describe('contact data and attachments (001 §3.7)', () => {
  it.each([
    ['its requester, elsewhere', requesterElsewhere, ticket({ requesterId: ME }), noTeams, true],
    ['its assignee, out of scope', agentDevops, ticket({ assigneeId: ME }), noTeams, true],
    ['a member of its team, out of scope', agentDevops, ticket({ teamId: 7 }), inTeam7, true],
    ['an agent working tickets where it sits', agentProduk, ticket(), noTeams, true],
    ['a lead of its unit', leadProduk, ticket(), noTeams, true],
    ['a colleague of the requester', requesterHere, ticket(), noTeams, false],
    ['a member of another team', agentDevops, ticket({ teamId: 8 }), inTeam7, false],
    ['an Executive (reads, no contact data)', executive, ticket(), noTeams, false],
  ] as const)('contact data: %s → %s', (_who, a, t, me, sees) => {
    expect(seesContact(a, t, me)).toBe(sees);
  });

  const started = new Date('2026-11-02T02:00:00Z');
  it.each([
    ['its uploader on a new ticket', requesterHere, ticket(), ME, true],
    ['its uploader on an assigned ticket nobody started', requesterHere, ticket({ status: 'assigned' }), ME, true],
    ['its uploader once work started', requesterHere, ticket({ status: 'assigned', startedAt: started }), ME, false],
    ['its uploader on a pending ticket', requesterHere, ticket({ status: 'pending' }), ME, false],
    ['its uploader on a resolved ticket', requesterHere, ticket({ status: 'resolved' }), ME, false],
    ['someone else on a new ticket', requesterHere, ticket(), 5, false],
    ['a lead, another’s file, in progress', leadProduk, ticket({ status: 'in_progress', startedAt: started }), 5, true],
    ['a lead on a closed ticket', leadProduk, ticket({ status: 'closed', startedAt: started }), ME, false],
    ['a lead on a cancelled ticket', leadProduk, ticket({ status: 'cancelled' }), ME, false],
  ] as const)('removing a file: %s → %s', (_who, a, t, uploadedBy, may) => {
    expect(canDeleteAttachment(a, t, uploadedBy)).toBe(may);
  });
});

describe('guards of the actions offered', () => {
  const ofTeam8 = ticket({ teamId: 8 });
  it('offers starting an unassigned ticket of another team only when the request names its assignee', () => {
    // A lead works it (in scope) but may not become its assignee (not in team 8): no start, no take.
    const own = allowedActions(leadProduk, ofTeam8, noTeams);
    expect([own.includes('start'), own.includes('take'), own.includes('assign')]).toEqual([false, false, true]);
    expect(allowedActions(leadProduk, ofTeam8, noTeams, true)).toContain('start');
    expect(allowedActions(leadProduk, { ...ofTeam8, assigneeId: 5 }, noTeams)).toContain('start');
    expect(allowedActions(leadProduk, ofTeam8, { teamIds: [8], worked: false })).toEqual(expect.arrayContaining(['start', 'take']));
  });

  it('holds back the requester’s confirmation while the solution awaits its lead’s validation', () => {
    const awaiting = ticket({ requesterId: ME, status: 'resolved', awaitingValidation: true });
    expect(allowedActions(requesterHere, awaiting, noTeams)).toEqual(['attach', 'comment', 'reopen']);
    const lead = allowedActions(leadProduk, { ...awaiting, requesterId: 1 }, noTeams);
    expect([lead.includes('validate'), lead.includes('confirm')]).toEqual([true, false]);
    expect(allowedActions(leadProduk, { ...awaiting, requesterId: 1, awaitingValidation: false }, noTeams)).not.toContain('validate');
  });
});
