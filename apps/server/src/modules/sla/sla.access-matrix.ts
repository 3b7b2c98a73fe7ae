import { accessMatrix, type Cell, unique } from '../../../test/access-matrix.ts';

// SLA policies are read by everyone signed in (badges explain themselves) and written by Administrators;
// escalation rules are Administrators' only.

const anyCalendar = async (c: Cell) => Number((await c.ctx.pool.query('SELECT id FROM business_calendars ORDER BY id LIMIT 1')).rows[0].id);
const policy = async (c: Cell) => ({
  nameId: unique('SLA jaringan'),
  nameEn: unique('Network SLA'),
  ticketType: 'incident',
  priority: 'P4',
  categoryId: null,
  serviceId: null,
  responseMinutes: 480,
  resolutionMinutes: 2880,
  calendarId: await anyCalendar(c),
});

export const matrix = accessMatrix({
  'GET /sla-policies': { call: () => '/sla-policies', expect: { anonymous: 401, others: '200' } },
  'POST /sla-policies': {
    call: async (c) => ({ path: '/sla-policies', body: await policy(c) }),
    expect: { anonymous: 401, administrator: '201', others: '403' },
  },
  'PATCH /sla-policies/{id}': {
    call: async (c) => {
      const p = await policy(c);
      const { rows } = await c.ctx.pool.query(
        `INSERT INTO sla_policies (name_id, name_en, ticket_type, priority, response_minutes, resolution_minutes, calendar_id, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, false) RETURNING id`,
        [p.nameId, p.nameEn, p.ticketType, p.priority, p.responseMinutes, p.resolutionMinutes, p.calendarId],
      );
      return { path: `/sla-policies/${rows[0].id}`, body: { version: 1, resolutionMinutes: 2400 } };
    },
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'GET /escalation-rules': { call: () => '/escalation-rules', expect: { anonymous: 401, administrator: '200', others: '403' } },
  'POST /escalation-rules': {
    call: () => ({
      path: '/escalation-rules',
      body: { name: unique('Naikkan P4'), trigger: 'percent', percent: 90, action: 'notify_lead', active: false },
    }),
    expect: { anonymous: 401, administrator: '201', others: '403' },
  },
  'PATCH /escalation-rules/{id}': {
    call: async (c) => {
      const { rows } = await c.ctx.pool.query(
        "INSERT INTO escalation_rules (name, trigger, percent, action, active) VALUES ($1, 'percent', 80, 'notify_lead', false) RETURNING id",
        [unique('Aturan')],
      );
      return { path: `/escalation-rules/${rows[0].id}`, body: { version: 1, percent: 85 } };
    },
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
});
