import { accessMatrix, type Cell, PNG, settingVersion, unique } from '../../../test/access-matrix.ts';

// Tickets (tickets.policy.ts): a requester sees their own and their unit's tickets, agents and leads those of
// their company (grants) or team, executives all; a ticket the caller may not see answers 404, a visible one
// they may not change 403. Reference data is read by everyone signed in and written by Administrators.

/** A ticket in the cell's place, requested by a colleague there; shared by the reads of one scope. */
const seen = (c: Cell) => c.shared('ticket', () => c.f.ticket(c.place));
/** A fresh ticket for a change. */
const fresh = (c: Cell) => c.f.ticket(c.place);

/** Lists and reports that leave as files: the service desk and report readers (their rows follow the ticket policy). */
const deskAndReaders = {
  anonymous: 401,
  agent: '200',
  team_lead: '200',
  service_provider: '200',
  executive: '200',
  administrator: '200',
  others: '403',
};

export const matrix = accessMatrix({
  'GET /tickets': { call: () => '/tickets', expect: { anonymous: 401, others: '200' } },
  'POST /tickets': {
    // In their own unit people file for themselves; elsewhere an agent logs on behalf of a caller there.
    call: async (c) => ({
      path: '/tickets',
      body: {
        title: 'Laptop tidak bisa tersambung ke Wi-Fi',
        ...(c.scope === 'own' ? {} : { requesterId: (await c.shared('caller', () => c.f.user(c.place))).id }),
      },
    }),
    expect: { anonymous: 401, agent: '201 201 403', team_lead: '201 201 403', administrator: '201', others: '201 403 403' },
  },
  'GET /tickets/counts': { call: () => '/tickets/counts', expect: { anonymous: 401, others: '200' } },
  'GET /tickets/export.csv': { call: () => '/tickets/export.csv', expect: deskAndReaders },
  'POST /tickets/bulk': {
    call: async (c) => ({ path: '/tickets/bulk', body: { ids: [(await fresh(c)).id], priority: 'P2', reason: 'Dampak meluas' } }),
    expect: { anonymous: 401, agent: '200', team_lead: '200', service_provider: '200', administrator: '200', others: '403' },
  },
  'GET /tickets/{id}': {
    call: async (c) => `/tickets/${(await seen(c)).id}`,
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      executive: '200',
      administrator: '200',
      others: '200 404 404',
    },
  },
  'PATCH /tickets/{id}': {
    call: async (c) => ({ path: `/tickets/${(await fresh(c)).id}`, body: { version: 1, title: 'Printer lantai 3 macet total' } }),
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      service_provider: '200 404 404',
      administrator: '200',
      others: '403',
    },
  },
  'POST /tickets/{id}/transitions': {
    call: async (c) => ({
      path: `/tickets/${(await fresh(c)).id}/transitions`,
      body: { to: 'cancelled', reason: 'Sudah teratasi sendiri' },
    }),
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      service_provider: '200 404 404',
      executive: '403',
      administrator: '200',
      others: '403 404 404',
    },
  },
  'POST /tickets/{id}/comments': {
    call: async (c) => ({ path: `/tickets/${(await seen(c)).id}/comments`, body: { body: 'Sudah saya coba nyalakan ulang.' } }),
    expect: {
      anonymous: 401,
      agent: '201 201 404',
      team_lead: '201 201 404',
      executive: '201 403 403',
      administrator: '201',
      others: '201 404 404',
    },
  },
  'POST /tickets/{id}/attachments': {
    call: async (c) => ({
      path: `/tickets/${(await seen(c)).id}/attachments`,
      upload: { name: 'bukti.png', type: 'image/png', data: PNG },
    }),
    expect: {
      anonymous: 401,
      agent: '201 201 404',
      team_lead: '201 201 404',
      executive: '201 403 403',
      administrator: '201',
      others: '201 404 404',
    },
  },
  'GET /tickets/{id}/attachments/{attachmentId}': {
    call: async (c) => {
      const ticket = await seen(c);
      const file = await c.shared('attachment', () => c.f.ticketAttachment(ticket.id, ticket.requesterId));
      return `/tickets/${ticket.id}/attachments/${file.id}`;
    },
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      executive: '200',
      administrator: '200',
      others: '200 404 404',
    },
  },
  'GET /tickets/{id}/timeline': {
    call: async (c) => `/tickets/${(await seen(c)).id}/timeline`,
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      executive: '200',
      administrator: '200',
      others: '200 404 404',
    },
  },
  'POST /tickets/{id}/escalations': {
    call: async (c) => ({
      path: `/tickets/${(await fresh(c)).id}/escalations`,
      body: { kind: 'hierarchical', level: 2, reason: 'Mengganggu layanan pelanggan' },
    }),
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      service_provider: '200 404 404',
      administrator: '200',
      others: '403',
    },
  },
  'GET /tickets/{id}/document': {
    call: async (c) => `/tickets/${(await seen(c)).id}/document`,
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      executive: '200',
      administrator: '200',
      others: '200 404 404',
    },
  },
  'POST /tickets/{id}/links': {
    call: async (c) => {
      const [ticket, other] = [await fresh(c), await fresh(c)];
      return { path: `/tickets/${ticket.id}/links`, body: { other: other.number, kind: 'related' } };
    },
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      service_provider: '200 404 404',
      administrator: '200',
      others: '403',
    },
  },
  'DELETE /tickets/{id}/links/{linkId}': {
    call: async (c) => {
      const [ticket, other] = [await fresh(c), await fresh(c)];
      const link = await c.f.ticketLink(ticket.id, other.id, ticket.requesterId);
      return `/tickets/${ticket.id}/links/${link.id}`;
    },
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      service_provider: '200 404 404',
      administrator: '200',
      others: '403',
    },
  },

  'GET /tickets/export': {
    call: () => '/tickets/export?format=csv',
    expect: deskAndReaders,
  },
  'GET /tickets/reports/closed': {
    call: () => '/tickets/reports/closed?from=2026-01-01&to=2026-01-31',
    expect: deskAndReaders,
  },
  'GET /tickets/attachment-policy': { call: () => '/tickets/attachment-policy', expect: { anonymous: 401, others: '200' } },
  'DELETE /tickets/{id}/attachments/{attachmentId}': {
    // Own scope: the caller's own ticket and upload, before work starts (the uploader may remove it). Elsewhere a
    // colleague's upload, which only a lead removes.
    call: async (c) => {
      const ticket = c.scope === 'own' && c.me ? await c.f.ticket(c.place, { requesterId: c.me.userId }) : await fresh(c);
      const file = await c.f.ticketAttachment(ticket.id, ticket.requesterId);
      return `/tickets/${ticket.id}/attachments/${file.id}`;
    },
    expect: {
      anonymous: 401,
      agent: '200 403 404',
      team_lead: '200 200 404',
      service_provider: '200 404 404',
      executive: '200 403 403',
      administrator: '200',
      others: '200 404 404',
    },
  },
  'POST /tickets/{id}/validation': {
    // A resolved solution waiting for its lead's validation.
    call: async (c) => {
      const ticket = await c.f.ticket(c.place, {
        status: 'resolved',
        awaitingValidation: true,
        resolvedAt: new Date(),
        solutionSummary: 'Driver dipasang ulang',
      });
      return { path: `/tickets/${ticket.id}/validation`, body: { version: ticket.version, approve: true } };
    },
    expect: { anonymous: 401, team_lead: '200 200 404', administrator: '200', others: '403' },
  },
  'GET /tickets/{id}/assignees': {
    call: async (c) => `/tickets/${(await seen(c)).id}/assignees`,
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      service_provider: '200 404 404',
      administrator: '200',
      others: '403',
    },
  },

  'GET /saved-views': { call: () => '/saved-views', expect: { anonymous: 401, others: '200' } },
  'POST /saved-views': {
    call: () => ({ path: '/saved-views', body: { name: unique('Antrian saya'), filters: { queue: 'mine' } } }),
    expect: { anonymous: 401, others: '201' },
  },
  'DELETE /saved-views/{id}': {
    // Own scope: the caller's own view; elsewhere another person's view, which nobody else sees.
    call: async (c) => {
      const owner = c.scope === 'own' && c.me ? c.me.userId : (await c.f.user(c.place)).id;
      return `/saved-views/${(await c.f.savedView(owner)).id}`;
    },
    expect: { anonymous: 401, others: '204 404 404' },
  },

  'GET /ticket-categories': { call: () => '/ticket-categories', expect: { anonymous: 401, others: '200' } },
  'POST /ticket-categories': {
    call: () => ({
      path: '/ticket-categories',
      body: { code: unique('CAT').toUpperCase(), nameId: 'Perangkat rapat', nameEn: 'Meeting devices' },
    }),
    expect: { anonymous: 401, administrator: '201', others: '403' },
  },
  'PATCH /ticket-categories/{id}': {
    call: async (c) => {
      const { rows } = await c.ctx.pool.query(
        "INSERT INTO ticket_categories (code, name_id, name_en) VALUES ($1, 'Kamera', 'Cameras') RETURNING id",
        [unique('CAM').toUpperCase()],
      );
      return { path: `/ticket-categories/${rows[0].id}`, body: { version: 1, nameEn: 'Cameras and webcams' } };
    },
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'GET /business-services': { call: () => '/business-services', expect: { anonymous: 401, others: '200' } },
  'POST /business-services': {
    call: () => ({ path: '/business-services', body: { code: unique('SVC').toUpperCase(), name: 'Surel kantor' } }),
    expect: { anonymous: 401, administrator: '201', others: '403' },
  },
  'PATCH /business-services/{id}': {
    call: async (c) => {
      const { rows } = await c.ctx.pool.query("INSERT INTO business_services (code, name) VALUES ($1, 'VPN') RETURNING id", [
        unique('VPN').toUpperCase(),
      ]);
      return { path: `/business-services/${rows[0].id}`, body: { version: 1, name: 'VPN kantor' } };
    },
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'GET /priority-matrix': { call: () => '/priority-matrix', expect: { anonymous: 401, others: '200' } },
  'PUT /priority-matrix': {
    call: async (c) => {
      const { rows } = await c.ctx.pool.query('SELECT urgency, impact, priority FROM priority_matrix');
      return { path: '/priority-matrix', body: { cells: rows } };
    },
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'GET /ticket-status-labels': { call: () => '/ticket-status-labels', expect: { anonymous: 401, others: '200' } },
  'PUT /ticket-status-labels': {
    call: () => ({ path: '/ticket-status-labels', body: { labels: [{ status: 'pending', locale: 'id', label: 'Menunggu' }] } }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'GET /service-desk-settings': { call: () => '/service-desk-settings', expect: { anonymous: 401, administrator: '200', others: '403' } },
  'PUT /service-desk-settings': {
    call: async (c) => ({
      path: '/service-desk-settings',
      body: {
        version: await settingVersion(c.ctx, 'service_desk'),
        ticketNumberPattern: 'INC-{yyyy}-{seq:6}',
        headOfItUserId: await c.f.userId('surya@nusantara.test'),
        directorUserId: await c.f.userId('bambang@nusantara.test'),
        attachmentTypes: ['image/png', 'image/jpeg', 'application/pdf'],
        attachmentMaxMb: 10,
      },
    }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
});
