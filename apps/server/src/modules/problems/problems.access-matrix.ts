import { accessMatrix, type Cell } from '../../../test/access-matrix.ts';
import { deskFactories } from '../../../test/factories/desk.ts';

// Problems (problems.policy.ts): the service desk's own records, never a requester's. Read by those who work
// tickets or read reports in the problem's company (executives everywhere); managed by problem:manage holders
// of its company. Another company's problem answers 404; holding neither permission anywhere 403.

const desk = (c: Cell) => deskFactories(c.ctx, c.f);
const seen = (c: Cell) => c.shared('problem', () => desk(c).problem(c.place));
const manage = {
  anonymous: 401,
  agent: '200 200 404',
  team_lead: '200 200 404',
  administrator: '200',
  others: '403',
};

export const matrix = accessMatrix({
  'GET /problems': {
    call: () => '/problems',
    expect: {
      anonymous: 401,
      agent: '200',
      team_lead: '200',
      service_provider: '200',
      executive: '200',
      administrator: '200',
      others: '403',
    },
  },
  'POST /problems': {
    // For the cell's company: another company's desk may not record problems there.
    call: (c) => ({ path: '/problems', body: { title: 'Surel keluar tertahan', companyId: c.place.companyId } }),
    expect: { anonymous: 401, agent: '201 201 403', team_lead: '201 201 403', administrator: '201', others: '403' },
  },
  'GET /problems/hints': {
    call: async (c) => `/problems/hints?ticketId=${(await c.shared('ticket', () => c.f.ticket(c.place))).id}`,
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      service_provider: '200 404 404',
      administrator: '200',
      others: '403',
    },
  },
  'GET /problems/{id}': {
    call: async (c) => `/problems/${(await seen(c)).id}`,
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      service_provider: '200 200 404',
      executive: '200',
      administrator: '200',
      others: '403',
    },
  },
  'PATCH /problems/{id}': {
    call: async (c) => {
      const p = await desk(c).problem(c.place);
      return { path: `/problems/${p.id}`, body: { version: p.version, rootCause: 'Sertifikat firewall kedaluwarsa' } };
    },
    expect: manage,
  },
  'POST /problems/{id}/transitions': {
    call: async (c) => {
      const p = await desk(c).problem(c.place);
      return { path: `/problems/${p.id}/transitions`, body: { version: p.version, action: 'investigate' } };
    },
    expect: manage,
  },
  'POST /problems/{id}/incidents': {
    // An incident of the same place as the problem.
    call: async (c) => {
      const p = await desk(c).problem(c.place);
      return { path: `/problems/${p.id}/incidents`, body: { ticket: (await c.f.ticket(c.place)).number } };
    },
    expect: manage,
  },
  'DELETE /problems/{id}/incidents/{ticketId}': {
    call: async (c) => {
      const ticket = await c.f.ticket(c.place);
      const p = await desk(c).problem(c.place, { incidents: [ticket.number] });
      return `/problems/${p.id}/incidents/${ticket.id}`;
    },
    expect: manage,
  },
});
