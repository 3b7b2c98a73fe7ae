import { accessMatrix, type Cell } from '../../../test/access-matrix.ts';
import { reportsAttendanceFactories } from '../../../test/factories/reports-attendance.ts';

// Reports & Analytics read figures within the reader's `report:read` scope: Team Leads their company's,
// Executives and Administrators the organisation's; everyone else holds no report (403). A report filtered on a
// unit outside the reader's scope answers 404, as the unit does not exist for them, and a subscription may not
// name one either. A subscription is its owner's alone: anybody else's is not found. The CSAT report
// (surveys module) is a report like the others and has its row here.

const ra = (c: Cell) => reportsAttendanceFactories(c.ctx, c.f);

/** A report filtered on the cell's unit: Team Leads read their company's units, Executives and Administrators all. */
const FILTERED = { team_lead: '200 200 404', executive: '200', administrator: '200', others: '403' } as const;
const READERS = { team_lead: '200', executive: '200', administrator: '200', others: '403' } as const;
const period = 'from=2026-01-01&to=2026-12-31';

const report = (path: string) => ({
  call: (c: Cell) => `${path}${path.includes('?') ? '&' : '?'}${period}&unitId=${c.place.unitId}`,
  expect: { anonymous: 401, ...FILTERED },
});

/** The actor's own subscription in their own unit; elsewhere a subscription of a Team Lead placed there. */
async function subscription(c: Cell) {
  const owner = c.scope === 'own' && c.me ? c.me.userId : (await c.f.user(c.place, { roles: [['team_lead', 'company']] })).id;
  return ra(c).subscription(owner);
}

export const matrix = accessMatrix({
  'GET /reports/tickets': report('/reports/tickets?rows=unit&columns=status'),
  'GET /reports/sla': report('/reports/sla?by=team'),
  'GET /reports/workload': report('/reports/workload?by=assignee'),
  'GET /reports/trends': report('/reports/trends?interval=month'),
  'GET /reports/completed': report('/reports/completed'),
  'GET /reports/catalog': report('/reports/catalog'),
  'GET /reports/dashboard': { call: () => '/reports/dashboard', expect: { anonymous: 401, ...READERS } },
  'GET /reports/csat': { call: () => `/reports/csat?${period}&by=team`, expect: { anonymous: 401, ...READERS } },

  'GET /report-subscriptions': { call: () => '/report-subscriptions', expect: { anonymous: 401, ...READERS } },
  'POST /report-subscriptions': {
    call: (c) => ({
      path: '/report-subscriptions',
      body: { kind: 'tickets', query: { unitId: String(c.place.unitId), rows: 'status' }, frequency: 'weekly', format: 'xlsx' },
    }),
    expect: { anonymous: 401, team_lead: '201 201 404', executive: '201', administrator: '201', others: '403' },
  },
  'PATCH /report-subscriptions/{id}': {
    call: async (c) => {
      const sub = await subscription(c);
      return { path: `/report-subscriptions/${sub.id}`, body: { frequency: 'monthly', version: sub.version } };
    },
    expect: { anonymous: 401, team_lead: '200 404 404', executive: '200 404 404', administrator: '200 404 404', others: '403' },
  },
  'DELETE /report-subscriptions/{id}': {
    call: async (c) => `/report-subscriptions/${(await subscription(c)).id}`,
    expect: { anonymous: 401, team_lead: '204 404 404', executive: '204 404 404', administrator: '204 404 404', others: '403' },
  },
});
